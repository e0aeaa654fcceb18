// What VADER 3.3.2 knows of a word: the lexicon, NEGATE, BOOSTER_DICT and the words its rules
// name (vaderSentiment.py), merged into one table so that a token costs one lookup.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace ta::detail {

/// The words VADER's rules compare tokens with, as codes, so that a rule compares one byte.
enum class rule_word : std::uint8_t {
    none,
    // Negation and emphasis: "no", "or"/"nor" ("no X or Y"), "never so/this", "without doubt",
    // "least" ("at least", "very least"), "but", "kind of".
    no,
    or_, // trailing underscore: "or", "this" and "for" are C++ keywords
    nor,
    never,
    so,
    this_,
    without,
    doubt,
    least,
    at,
    very,
    but,
    // BOOSTER_DICT's phrases: "kind of", "sort of", "just enough".
    kind,
    of,
    sort,
    just,
    enough,
    // SPECIAL_CASES.
    the,
    shit,
    bomb,
    bad,
    ass,
    badass,
    bus,
    stop,
    yeah,
    right,
    kiss,
    death,
    to,
    die,
    for_,
    beating,
    heart,
    broken,
};

/// Everything the rules ask of one lower-case word.
struct vader_word {
    double valence = 0; ///< the lexicon's, when in_lexicon
    double booster = 0; ///< BOOSTER_DICT's: +0.293, -0.293, or 0 for a word that is none
    bool in_lexicon = false;
    bool negation = false; ///< in NEGATE (negated() also takes any word containing "n't")
    rule_word rule = rule_word::none;
    bool starts_special_case = false; ///< the first word of one of SPECIAL_CASES
};

/// What VADER knows of `word` (lower case, as VADER looks words up); an entry that knows
/// nothing for a word it does not know. Thread-safe; the table is built on first use.
const vader_word& find_vader_word(std::string_view word) noexcept;

/// The word lists of vaderSentiment.py, from which find_vader_word's table is built.
struct booster_entry {
    std::string_view word;
    double value;
};
std::span<const booster_entry> booster_words() noexcept;
std::span<const std::string_view> negate_words() noexcept;
struct rule_word_entry {
    std::string_view word;
    rule_word rule;
};
std::span<const rule_word_entry> rule_words() noexcept;

/// BOOSTER_DICT's two-word entries ("kind of", "sort of", "just enough").
struct booster_phrase {
    rule_word first;
    rule_word second;
    double value;
};
std::span<const booster_phrase> booster_phrases() noexcept;

/// SPECIAL_CASES, each as its words (one to three).
struct special_case {
    std::array<rule_word, 3> words;
    std::size_t size;
    double valence;
};
std::span<const special_case> special_cases() noexcept;

} // namespace ta::detail
