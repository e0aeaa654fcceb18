// Scores every line of VADER conformance files ({"id","text","compound","pos","neu","neg"} per
// line) with ta's engine and counts the lines whose four scores all equal the reference's.
//   vader-conformance FILE...      prints "FILE: N of M match" per file and the first mismatches;
//                                  exit 0 when every line of every file matches, 1 otherwise,
//                                  77 (skipped) when a file is absent.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>
#include <ta/vader.hpp>

namespace {

constexpr int exit_skipped = 77;
constexpr int mismatches_shown = 10;

std::string scores_text(double compound, double pos, double neu, double neg) {
    char buffer[128];
    std::snprintf(buffer, sizeof buffer, "compound %.4f pos %.3f neu %.3f neg %.3f", compound, pos,
                  neu, neg);
    return buffer;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: vader-conformance FILE...\n";
        return 2;
    }
    bool all_match = true;
    for (int f = 1; f < argc; ++f) {
        const std::string path = argv[f];
        std::ifstream in(path);
        if (!in) {
            std::cout << path << ": absent, skipped\n";
            return exit_skipped;
        }
        std::size_t lines = 0;
        std::size_t matches = 0;
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty()) {
                continue;
            }
            const auto expected = nlohmann::json::parse(line);
            const auto text = expected.at("text").get<std::string>();
            const ta::vader_scores got = ta::vader_polarity_scores(text);
            ++lines;
            if (got.compound == expected.at("compound").get<double>() &&
                got.pos == expected.at("pos").get<double>() &&
                got.neu == expected.at("neu").get<double>() &&
                got.neg == expected.at("neg").get<double>()) {
                ++matches;
                continue;
            }
            if (lines - matches <= mismatches_shown) {
                std::cout << "  id " << expected.at("id").get<std::string>() << ": " << text
                          << "\n    expected "
                          << scores_text(expected.at("compound"), expected.at("pos"),
                                         expected.at("neu"), expected.at("neg"))
                          << "\n    got      "
                          << scores_text(got.compound, got.pos, got.neu, got.neg) << '\n';
            }
        }
        std::cout << path << ": " << matches << " of " << lines << " match\n";
        all_match = all_match && matches == lines && lines > 0;
    }
    return all_match ? 0 : 1;
}
