// VADER 3.3.2's word lists (vaderSentiment.py), as data; vader_lexicon.cpp merges them with the
// lexicon into the table the scorer looks words up in.
#include <array>
#include <string_view>

#include "detail/vader_words.hpp"

namespace ta::detail {
namespace {

constexpr double b_incr = 0.293;
constexpr double b_decr = -0.293;

constexpr auto boosters = std::to_array<booster_entry>({
    {"absolutely", b_incr},    {"amazingly", b_incr},    {"awfully", b_incr},
    {"completely", b_incr},    {"considerable", b_incr}, {"considerably", b_incr},
    {"decidedly", b_incr},     {"deeply", b_incr},       {"effing", b_incr},
    {"enormous", b_incr},      {"enormously", b_incr},   {"entirely", b_incr},
    {"especially", b_incr},    {"exceptional", b_incr},  {"exceptionally", b_incr},
    {"extreme", b_incr},       {"extremely", b_incr},    {"fabulously", b_incr},
    {"flipping", b_incr},      {"flippin", b_incr},      {"frackin", b_incr},
    {"fracking", b_incr},      {"fricking", b_incr},     {"frickin", b_incr},
    {"frigging", b_incr},      {"friggin", b_incr},      {"fully", b_incr},
    {"fuckin", b_incr},        {"fucking", b_incr},      {"fuggin", b_incr},
    {"fugging", b_incr},       {"greatly", b_incr},      {"hella", b_incr},
    {"highly", b_incr},        {"hugely", b_incr},       {"incredible", b_incr},
    {"incredibly", b_incr},    {"intensely", b_incr},    {"major", b_incr},
    {"majorly", b_incr},       {"more", b_incr},         {"most", b_incr},
    {"particularly", b_incr},  {"purely", b_incr},       {"quite", b_incr},
    {"really", b_incr},        {"remarkably", b_incr},   {"so", b_incr},
    {"substantially", b_incr}, {"thoroughly", b_incr},   {"total", b_incr},
    {"totally", b_incr},       {"tremendous", b_incr},   {"tremendously", b_incr},
    {"uber", b_incr},          {"unbelievably", b_incr}, {"unusually", b_incr},
    {"utter", b_incr},         {"utterly", b_incr},      {"very", b_incr},
    {"almost", b_decr},        {"barely", b_decr},       {"hardly", b_decr},
    {"kinda", b_decr},         {"kindof", b_decr},       {"kind-of", b_decr},
    {"less", b_decr},          {"little", b_decr},       {"marginal", b_decr},
    {"marginally", b_decr},    {"occasional", b_decr},   {"occasionally", b_decr},
    {"partly", b_decr},        {"scarce", b_decr},       {"scarcely", b_decr},
    {"slight", b_decr},        {"slightly", b_decr},     {"somewhat", b_decr},
    {"sorta", b_decr},         {"sortof", b_decr},       {"sort-of", b_decr},
});

constexpr auto negate = std::to_array<std::string_view>(
    {"aint",   "arent",    "cannot",  "cant",     "couldnt",  "darent",   "didnt",   "doesnt",
     "ain't",  "aren't",   "can't",   "couldn't", "daren't",  "didn't",   "doesn't", "dont",
     "hadnt",  "hasnt",    "havent",  "isnt",     "mightnt",  "mustnt",   "neither", "don't",
     "hadn't", "hasn't",   "haven't", "isn't",    "mightn't", "mustn't",  "neednt",  "needn't",
     "never",  "none",     "nope",    "nor",      "not",      "nothing",  "nowhere", "oughtnt",
     "shant",  "shouldnt", "uhuh",    "wasnt",    "werent",   "oughtn't", "shan't",  "shouldn't",
     "uh-uh",  "wasn't",   "weren't", "without",  "wont",     "wouldnt",  "won't",   "wouldn't",
     "rarely", "seldom",   "despite"});

constexpr auto rules = std::to_array<rule_word_entry>({
    {"no", rule_word::no},           {"or", rule_word::or_},        {"nor", rule_word::nor},
    {"never", rule_word::never},     {"so", rule_word::so},         {"this", rule_word::this_},
    {"without", rule_word::without}, {"doubt", rule_word::doubt},   {"least", rule_word::least},
    {"at", rule_word::at},           {"very", rule_word::very},     {"but", rule_word::but},
    {"kind", rule_word::kind},       {"of", rule_word::of},         {"sort", rule_word::sort},
    {"just", rule_word::just},       {"enough", rule_word::enough}, {"the", rule_word::the},
    {"shit", rule_word::shit},       {"bomb", rule_word::bomb},     {"bad", rule_word::bad},
    {"ass", rule_word::ass},         {"badass", rule_word::badass}, {"bus", rule_word::bus},
    {"stop", rule_word::stop},       {"yeah", rule_word::yeah},     {"right", rule_word::right},
    {"kiss", rule_word::kiss},       {"death", rule_word::death},   {"to", rule_word::to},
    {"die", rule_word::die},         {"for", rule_word::for_},      {"beating", rule_word::beating},
    {"heart", rule_word::heart},     {"broken", rule_word::broken},
});

constexpr auto phrases = std::to_array<booster_phrase>({
    {rule_word::just, rule_word::enough, b_decr},
    {rule_word::kind, rule_word::of, b_decr},
    {rule_word::sort, rule_word::of, b_decr},
});

using w = rule_word;
constexpr auto cases = std::to_array<special_case>({
    {{w::the, w::shit}, 2, 3},
    {{w::the, w::bomb}, 2, 3},
    {{w::bad, w::ass}, 2, 1.5},
    {{w::badass}, 1, 1.5},
    {{w::bus, w::stop}, 2, 0.0},
    {{w::yeah, w::right}, 2, -2},
    {{w::kiss, w::of, w::death}, 3, -1.5},
    {{w::to, w::die, w::for_}, 3, 3},
    {{w::beating, w::heart}, 2, 3.1},
    {{w::broken, w::heart}, 2, -2.9},
});

} // namespace

std::span<const booster_entry> booster_words() noexcept {
    return boosters;
}

std::span<const std::string_view> negate_words() noexcept {
    return negate;
}

std::span<const rule_word_entry> rule_words() noexcept {
    return rules;
}

std::span<const booster_phrase> booster_phrases() noexcept {
    return phrases;
}

std::span<const special_case> special_cases() noexcept {
    return cases;
}

} // namespace ta::detail
