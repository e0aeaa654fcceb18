// Scores each line of a file (or stdin) through the sentiment service.
//
//   TA_ENDPOINT=http://localhost:5000 ./score_remote reviews.txt
//   TA_ENDPOINT=https://<resource>.cognitiveservices.azure.com TA_KEY=... ./score_remote
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <ta/ta.hpp>

int main(int argc, char** argv) {
    const char* endpoint = std::getenv("TA_ENDPOINT");
    if (endpoint == nullptr) {
        std::cerr << "set TA_ENDPOINT to the service's URL (and TA_KEY to its key)\n";
        return 2;
    }
    std::ifstream file;
    if (argc > 1) {
        file.open(argv[1]);
        if (!file) {
            std::cerr << "cannot read " << argv[1] << "\n";
            return 2;
        }
    }
    std::istream& in = argc > 1 ? file : std::cin;

    std::vector<ta::document> documents;
    for (std::string line; std::getline(in, line);) {
        documents.push_back({std::to_string(documents.size() + 1), line, "en"});
    }

    ta::client_options options;
    options.endpoint = endpoint;
    if (const char* key = std::getenv("TA_KEY")) {
        options.key = key;
    }
    try {
        ta::client client(options);
        for (const ta::result& r : client.analyze(documents)) {
            if (!r.ok()) {
                std::cout << r.id << "\terror\t" << r.error->message << "\n";
            } else if (r.sentiment) {
                std::cout << r.id << "\t" << ta::to_string(*r.sentiment) << "\n";
            } else {
                std::cout << r.id << "\tscore " << r.score.value_or(0.5) << "\n";
            }
        }
    } catch (const ta::error& e) {
        std::cerr << "the service could not be used: " << e.what() << "\n";
        return 3;
    }
}
