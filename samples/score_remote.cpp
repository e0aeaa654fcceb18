// Scores a file (or standard input), one document per line, through the sentiment service: the
// endpoint and the key come from the environment, never from the command line.
//
//   TA_ENDPOINT=http://localhost:5000 ./score_remote reviews.txt
//   TA_ENDPOINT=https://<resource>.cognitiveservices.azure.com TA_KEY=... ./score_remote < x.txt
//
// analyze_stream reads the lines as they come and sends them in batches of the API's size,
// several at once, so a file of any length is scored in bounded memory; the results come back in
// input order, each as soon as it and the ones before it are done.
#include <cstddef>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <ta/ta.hpp>

int main(int argc, char** argv) {
    const char* endpoint = std::getenv("TA_ENDPOINT");
    if (endpoint == nullptr || *endpoint == '\0') {
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

    ta::client_options options;
    options.endpoint = endpoint;
    if (const char* key = std::getenv("TA_KEY")) {
        options.key = key; // the local container takes none
    }

    // Called on a thread of its own: it only reads `in` and counts lines.
    std::size_t lines = 0;
    const ta::stream_source source = [&in, &lines](std::vector<ta::stream_entry>& out,
                                                   std::size_t max) {
        std::string line;
        for (std::size_t n = 0; n < max && std::getline(in, line); ++n) {
            ++lines;
            out.push_back({{std::to_string(lines), line, "en"}, std::nullopt});
        }
        return static_cast<bool>(in);
    };
    int failed = 0;
    const ta::stream_sink sink = [&failed](ta::document&&, ta::result&& r) {
        if (!r.ok()) {
            ++failed;
            std::cout << r.id << "\terror\t" << r.error->code << ": " << r.error->message << "\n";
        } else if (r.sentiment) {
            std::cout << r.id << "\t" << ta::to_string(*r.sentiment) << "\n";
        } else { // the v2 APIs give a score instead of a label
            std::cout << r.id << "\tscore " << r.score.value_or(0.5) << "\n";
        }
    };
    try {
        ta::client client(options);
        client.analyze_stream(source, sink);
    } catch (const ta::error& e) {
        std::cerr << "the service could not be used: " << e.what() << "\n";
        return 3;
    }
    return failed > 0 ? 1 : 0;
}
