// VADER 3.3.2's word lists: NEGATE, BOOSTER_DICT and SPECIAL_CASES (vaderSentiment.py).
#pragma once

#include <string_view>
#include <vector>

namespace ta::detail {

/// BOOSTER_DICT's value of a one-word `word` (lower case): +0.293, -0.293, or 0 when it is no
/// booster.
double booster_value(std::string_view word) noexcept;

/// BOOSTER_DICT's two-word entries ("kind of", "sort of", "just enough").
struct booster_phrase {
    std::string_view first;
    std::string_view second;
    double value;
};
const std::vector<booster_phrase>& booster_phrases();

/// negated([word]) for a lower-case word: one of NEGATE, or any word containing "n't".
bool is_negation(std::string_view word) noexcept;

/// SPECIAL_CASES, each as its words.
struct special_case {
    std::vector<std::string_view> words;
    double valence;
};
const std::vector<special_case>& special_cases();

} // namespace ta::detail
