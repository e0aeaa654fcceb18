// Scores its arguments with the service when TA_ENDPOINT is set, and with the built-in engine
// (VADER 3.3.2, no network) when it is not: the same calls either way.
//
//   ./score_text "I love this phone" "The battery is awful"
//   TA_ENDPOINT=http://localhost:5000 ./score_text "I love this phone"
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <ta/ta.hpp>

namespace {

std::unique_ptr<ta::analyzer> make_analyzer() {
    const char* endpoint = std::getenv("TA_ENDPOINT");
    if (endpoint == nullptr || *endpoint == '\0') {
        return std::make_unique<ta::builtin_analyzer>();
    }
    ta::client_options options;
    options.endpoint = endpoint;
    if (const char* key = std::getenv("TA_KEY")) {
        options.key = key;
    }
    return std::make_unique<ta::client>(options);
}

} // namespace

int main(int argc, char** argv) {
    std::vector<ta::document> documents;
    for (int i = 1; i < argc; ++i) {
        documents.push_back({std::to_string(i), argv[i], "en"});
    }
    try {
        const std::unique_ptr<ta::analyzer> analyzer = make_analyzer();
        for (const ta::result& r : analyzer->analyze(documents)) {
            std::cout << r.id << '\t';
            if (!r.ok()) {
                std::cout << "error\t" << r.error->message << '\n';
                continue;
            }
            if (r.sentiment) {
                std::cout << ta::to_string(*r.sentiment);
            } else {
                std::cout << "score " << r.score.value_or(0.5);
            }
            if (r.vader) {
                std::cout << "\tcompound " << r.vader->compound;
            }
            std::cout << '\n';
        }
        std::cerr << "scored by " << analyzer->description() << '\n';
    } catch (const ta::error& e) {
        std::cerr << "the service could not be used: " << e.what() << '\n';
        return 3;
    }
}
