#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "detail/vader_words.hpp"

namespace ta::detail {
namespace {

constexpr double b_incr = 0.293;
constexpr double b_decr = -0.293;

const std::unordered_map<std::string_view, double>& boosters() {
    static const std::unordered_map<std::string_view, double> words = [] {
        std::unordered_map<std::string_view, double> map;
        for (const std::string_view word :
             {"absolutely",   "amazingly",  "awfully",      "completely",    "considerable",
              "considerably", "decidedly",  "deeply",       "effing",        "enormous",
              "enormously",   "entirely",   "especially",   "exceptional",   "exceptionally",
              "extreme",      "extremely",  "fabulously",   "flipping",      "flippin",
              "frackin",      "fracking",   "fricking",     "frickin",       "frigging",
              "friggin",      "fully",      "fuckin",       "fucking",       "fuggin",
              "fugging",      "greatly",    "hella",        "highly",        "hugely",
              "incredible",   "incredibly", "intensely",    "major",         "majorly",
              "more",         "most",       "particularly", "purely",        "quite",
              "really",       "remarkably", "so",           "substantially", "thoroughly",
              "total",        "totally",    "tremendous",   "tremendously",  "uber",
              "unbelievably", "unusually",  "utter",        "utterly",       "very"}) {
            map.emplace(word, b_incr);
        }
        for (const std::string_view word :
             {"almost", "barely", "hardly",   "kinda",      "kindof",     "kind-of",
              "less",   "little", "marginal", "marginally", "occasional", "occasionally",
              "partly", "scarce", "scarcely", "slight",     "slightly",   "somewhat",
              "sorta",  "sortof", "sort-of"}) {
            map.emplace(word, b_decr);
        }
        return map;
    }();
    return words;
}

} // namespace

double booster_value(std::string_view word) noexcept {
    const auto& words = boosters();
    const auto found = words.find(word);
    return found == words.end() ? 0.0 : found->second;
}

const std::vector<booster_phrase>& booster_phrases() {
    static const std::vector<booster_phrase> phrases{
        {"just", "enough", b_decr}, {"kind", "of", b_decr}, {"sort", "of", b_decr}};
    return phrases;
}

bool is_negation(std::string_view word) noexcept {
    static const std::unordered_set<std::string_view> negate{
        "aint",   "arent",    "cannot",  "cant",     "couldnt",  "darent",   "didnt",   "doesnt",
        "ain't",  "aren't",   "can't",   "couldn't", "daren't",  "didn't",   "doesn't", "dont",
        "hadnt",  "hasnt",    "havent",  "isnt",     "mightnt",  "mustnt",   "neither", "don't",
        "hadn't", "hasn't",   "haven't", "isn't",    "mightn't", "mustn't",  "neednt",  "needn't",
        "never",  "none",     "nope",    "nor",      "not",      "nothing",  "nowhere", "oughtnt",
        "shant",  "shouldnt", "uhuh",    "wasnt",    "werent",   "oughtn't", "shan't",  "shouldn't",
        "uh-uh",  "wasn't",   "weren't", "without",  "wont",     "wouldnt",  "won't",   "wouldn't",
        "rarely", "seldom",   "despite"};
    return negate.count(word) != 0 || word.find("n't") != std::string_view::npos;
}

const std::vector<special_case>& special_cases() {
    static const std::vector<special_case> cases{{{"the", "shit"}, 3},
                                                 {{"the", "bomb"}, 3},
                                                 {{"bad", "ass"}, 1.5},
                                                 {{"badass"}, 1.5},
                                                 {{"bus", "stop"}, 0.0},
                                                 {{"yeah", "right"}, -2},
                                                 {{"kiss", "of", "death"}, -1.5},
                                                 {{"to", "die", "for"}, 3},
                                                 {{"beating", "heart"}, 3.1},
                                                 {{"broken", "heart"}, -2.9}};
    return cases;
}

} // namespace ta::detail
