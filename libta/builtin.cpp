// The built-in analyzer: VADER per sentence, the service's labels on top, and confidence scores
// from a fixed mapping of the compound (README, "The built-in engine").
#include <ta/builtin.hpp>

#include <cmath>
#include <string>
#include <utility>

#include "detail/sentences.hpp"
#include "detail/strings.hpp"
#include "detail/text_elements.hpp"

namespace ta {
namespace {

constexpr double threshold = 0.05;

double round4(double value) {
    return std::round(value * 10'000) / 10'000;
}

sentiment_label label_of(double compound) noexcept {
    if (compound >= threshold) {
        return sentiment_label::positive;
    }
    if (compound <= -threshold) {
        return sentiment_label::negative;
    }
    return sentiment_label::neutral;
}

/// Splits `rest` between two scores in the ratio a : b (evenly when both are 0).
std::pair<double, double> share(double rest, double a, double b) {
    if (a + b <= 0) {
        return {rest / 2, rest / 2};
    }
    return {rest * a / (a + b), rest * b / (a + b)};
}

/// Three scores that sum to 1 at 4 places: the third is what the other two leave.
confidence_scores rounded(double positive, double negative) {
    confidence_scores c;
    c.positive = round4(positive);
    c.negative = round4(negative);
    c.neutral = round4(1 - c.positive - c.negative);
    return c;
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
        // |c| < 0.05, so neutral stays above 0.5.
        const auto [positive, negative] = share(10 * std::fabs(c), v.pos, v.neg);
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

bool is_english(std::string_view language) noexcept {
    return detail::equals_ignoring_case(language, "en") ||
           (language.size() > 3 && detail::equals_ignoring_case(language.substr(0, 3), "en-"));
}

document_error invalid_document(std::string message) {
    return {"InvalidDocument", std::move(message)};
}

} // namespace

builtin_analyzer::builtin_analyzer(builtin_options options) : options_(std::move(options)) {}

result builtin_analyzer::analyze_one(const document& doc) const {
    result r;
    r.id = doc.id;
    const std::string_view text = doc.text;
    const std::string& language = doc.language.empty() ? options_.default_language : doc.language;
    if (!detail::is_valid_utf8(text)) {
        r.error = invalid_document("Document text is not valid UTF-8.");
        return r;
    }
    if (detail::is_blank(text)) {
        r.error = invalid_document("Document text is empty.");
        return r;
    }
    if (!is_english(language)) {
        r.error = document_error{"UnsupportedLanguageCode",
                                 "Invalid language code '" + language +
                                     "'. The built-in engine scores English (en) only."};
        return r;
    }

    const std::vector<detail::sentence_span> spans = detail::split_sentences(text);
    std::vector<std::size_t> positions;
    positions.reserve(spans.size() * 2 + 1);
    for (const auto& span : spans) {
        positions.push_back(span.begin);
        positions.push_back(span.end);
    }
    positions.push_back(text.size());
    const std::vector<std::int64_t> offsets = detail::measure_offsets(
        text, positions, options_.string_index.value_or(string_index_type::text_element));

    r.sentences.reserve(spans.size());
    for (std::size_t i = 0; i < spans.size(); ++i) {
        sentence s;
        s.text = std::string(text.substr(spans[i].begin, spans[i].end - spans[i].begin));
        const vader_scores v = vader_polarity_scores(s.text);
        s.sentiment = label_of(v.compound);
        s.confidence = sentence_confidence(v);
        s.offset = offsets[2 * i];
        s.length = offsets[2 * i + 1] - offsets[2 * i];
        r.sentences.push_back(std::move(s));
    }
    r.sentiment = document_label(r.sentences);
    r.confidence = document_confidence(*r.sentiment, r.sentences);
    r.vader = vader_polarity_scores(text);
    r.score = (r.vader->compound + 1) / 2;
    r.model_version = builtin_model_version;
    if (options_.show_stats) {
        const auto characters = detail::count_text_elements(text);
        r.statistics = document_statistics{static_cast<std::int64_t>(characters),
                                           static_cast<std::int64_t>((characters + 999) / 1000)};
    }
    return r;
}

std::vector<result> builtin_analyzer::analyze(const std::vector<document>& documents) {
    std::vector<result> results;
    results.reserve(documents.size());
    for (const document& doc : documents) {
        results.push_back(analyze_one(doc));
    }
    return results;
}

std::string builtin_analyzer::description() const {
    return "the built-in engine (VADER 3.3.2)";
}

} // namespace ta
