// The parts of the VADER scorer (libta/vader.cpp) that the built-in analyzer and unit tests
// reach into.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include <ta/vader.hpp>

#include "detail/sentences.hpp"

namespace ta::detail {

/// _but_check on the valences of a text whose first "but" is token `but`: values before it
/// x0.5, after it x1.5. Quirk: the reference picks the value to scale with list.index(value),
/// the first equal one, which need not be the one it is looking at ("alol but np").
void but_check(std::span<double> values, std::size_t but);

/// vader_polarity_scores of each of `sentences` (into `sentence_scores`, as many) and of the
/// whole `text` (returned), splitting the text into words once when its words are those of the
/// sentences (as split_sentences gives them, for ASCII text), else one call each.
vader_scores vader_polarity_scores_of_sentences(std::string_view text,
                                                std::span<const sentence_span> sentences,
                                                std::span<vader_scores> sentence_scores);
/// The same, for a caller that knows whether the text is ASCII (`ascii`, as python_is_ascii).
vader_scores vader_polarity_scores_of_sentences(std::string_view text,
                                                std::span<const sentence_span> sentences,
                                                std::span<vader_scores> sentence_scores,
                                                bool ascii);

} // namespace ta::detail
