#include "detail/sentiment_mapping.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace ta::detail {
namespace {

double round4(double value) {
    return std::round(value * 10'000) / 10'000;
}

/// Splits `rest` between two scores in the ratio a : b (all to the first when both are 0).
std::pair<double, double> share(double rest, double a, double b) {
    if (a + b <= 0) {
        return {rest, 0};
    }
    return {rest * a / (a + b), rest * b / (a + b)};
}

/// Three scores that sum to 1 at 4 places: neutral is what the other two leave. Two halves
/// that both round up (0.81845 + 0.18155) would leave -0.0001: the smaller gives it back.
confidence_scores rounded(double positive, double negative) {
    confidence_scores c;
    c.positive = round4(positive);
    c.negative = round4(negative);
    if (c.positive + c.negative > 1) {
        if (c.positive >= c.negative) {
            c.negative = round4(1 - c.positive);
        } else {
            c.positive = round4(1 - c.negative);
        }
    }
    c.neutral = std::max(0.0, round4(1 - c.positive - c.negative));
    return c;
}

} // namespace

sentiment_label label_of(double compound) noexcept {
    if (compound >= label_threshold) {
        return sentiment_label::positive;
    }
    if (compound <= -label_threshold) {
        return sentiment_label::negative;
    }
    return sentiment_label::neutral;
}

/// The mapping of a sentence's VADER scores to confidence scores: the label's score grows with
/// |compound| from just over 0.5, and the rest is split in VADER's proportions, so the largest
/// score is always the label's.
confidence_scores sentence_confidence(const vader_scores& v) {
    const double c = v.compound;
    switch (label_of(c)) {
    case sentiment_label::positive:
        return rounded((1 + c) / 2, share((1 - c) / 2, v.neu, v.neg).second);
    case sentiment_label::negative:
        return rounded(share((1 + c) / 2, v.neu, v.pos).second, (1 - c) / 2);
    default: {
        // |c| < 0.05, so neutral stays above 0.5. The rest goes to the side the compound leans
        // to, in VADER's proportions of the two.
        const double rest = 10 * std::fabs(c);
        if (c >= 0) {
            const auto [positive, negative] = share(rest, v.pos, v.neg);
            return rounded(positive, negative);
        }
        const auto [negative, positive] = share(rest, v.neg, v.pos);
        return rounded(positive, negative);
    }
    }
}

/// The service's rule: mixed when there are positive and negative sentences, else the one
/// polarity there is, else neutral.
sentiment_label document_label(const std::vector<sentence>& sentences) {
    bool positive = false;
    bool negative = false;
    for (const sentence& s : sentences) {
        positive = positive || s.sentiment == sentiment_label::positive;
        negative = negative || s.sentiment == sentiment_label::negative;
    }
    if (positive && negative) {
        return sentiment_label::mixed;
    }
    if (positive) {
        return sentiment_label::positive;
    }
    return negative ? sentiment_label::negative : sentiment_label::neutral;
}

/// The mean of the scores of the sentences that carry the document's label; for mixed, the
/// positive sentences' mean positive score against the negative ones' mean negative score.
confidence_scores document_confidence(sentiment_label label,
                                      const std::vector<sentence>& sentences) {
    const auto mean = [&sentences](sentiment_label of, double confidence_scores::*score) {
        double sum = 0;
        int count = 0;
        for (const sentence& s : sentences) {
            if (s.sentiment == of) {
                sum += s.confidence.*score;
                ++count;
            }
        }
        return count == 0 ? 0.0 : sum / count;
    };
    if (label == sentiment_label::mixed) {
        const double p = mean(sentiment_label::positive, &confidence_scores::positive);
        const double n = mean(sentiment_label::negative, &confidence_scores::negative);
        return rounded(p / (p + n), n / (p + n));
    }
    return rounded(mean(label, &confidence_scores::positive),
                   mean(label, &confidence_scores::negative));
}

} // namespace ta::detail
