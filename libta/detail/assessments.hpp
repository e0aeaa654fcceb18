// Opinion mining for the built-in engine: VADER knows which words carry sentiment, and whether a
// negation before them flips it, but not what they are about, so it finds assessments only.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include <ta/result.hpp>

namespace ta::detail {

/// A sentiment-laden word of a sentence, as bytes of that sentence: [begin, end).
struct word_assessment {
    std::size_t begin = 0;
    std::size_t end = 0;
    sentiment_label sentiment = sentiment_label::neutral; ///< positive or negative
    double positive = 0; ///< (1 + v / sqrt(v^2 + 15)) / 2 of the word's signed valence v
    double negative = 0; ///< 1 - positive
    bool is_negated = false;
};

/// The words of `sentence` (split and stripped of ASCII punctuation as VADER splits them) that
/// have a valence in VADER's lexicon and are no booster; one whose VADER negation window (the
/// three words before it) holds a negation ("not", "never", any "n't") is negated, and its
/// sentiment flips, as VADER flips its valence.
std::vector<word_assessment> find_assessments(std::string_view sentence);

} // namespace ta::detail
