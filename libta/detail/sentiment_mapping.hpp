// The built-in engine's answer in the service's terms: labels from VADER's compound, the
// document label by the service's rule, and confidence scores from a fixed, documented mapping
// (README, "The built-in engine").
#pragma once

#include <vector>

#include <ta/result.hpp>
#include <ta/vader.hpp>

namespace ta::detail {

/// VADER's own cut: positive at compound >= 0.05, negative at <= -0.05.
inline constexpr double label_threshold = 0.05;

sentiment_label label_of(double compound) noexcept;

/// A sentence's confidence scores from its VADER scores: the label's score is (1 + |c|) / 2
/// for a polar sentence and 1 - 10|c| for a neutral one (so always above 0.5); the rest is
/// split between the other two in VADER's proportions (pos, neu, neg). 4 places; sum 1.
confidence_scores sentence_confidence(const vader_scores& scores);

/// mixed when there are positive and negative sentences, else the polarity there is, else
/// neutral (also with no sentences).
sentiment_label document_label(const std::vector<sentence>& sentences);

/// The mean scores of the sentences that have the document's label; for mixed, the positive
/// sentences' mean positive score against the negative ones' mean negative score, neutral 0.
confidence_scores document_confidence(sentiment_label label,
                                      const std::vector<sentence>& sentences);

} // namespace ta::detail
