// The result model shared by every analyzer and every API generation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ta/vader.hpp>

namespace ta {

enum class sentiment_label { positive, neutral, negative, mixed };

/// "positive", "neutral", "negative" or "mixed".
std::string_view to_string(sentiment_label label) noexcept;
/// The inverse of to_string (case-insensitive); nullopt for anything else.
std::optional<sentiment_label> parse_sentiment_label(std::string_view text) noexcept;

/// Softmax-like scores in 0..1 that sum to about 1 (v3 and the Language API).
struct confidence_scores {
    double positive = 0;
    double neutral = 0;
    double negative = 0;
};

/// A link from an opinion-mining target to an assessment (or back), within one document.
struct target_relation {
    std::string relation_type; ///< "assessment" or "target"
    int sentence = 0;          ///< index of the sentence in the document
    int index = 0;             ///< index in that sentence's assessments (or targets)
};

/// An opinion-mining target ("atmosphere"): sentiment is positive, negative or mixed.
struct sentence_target {
    std::string text;
    sentiment_label sentiment = sentiment_label::neutral;
    double positive = 0;
    double negative = 0;
    std::int64_t offset = 0;
    std::int64_t length = 0;
    std::vector<target_relation> relations;
};

/// An opinion-mining assessment ("great").
struct sentence_assessment {
    std::string text;
    sentiment_label sentiment = sentiment_label::neutral;
    double positive = 0;
    double negative = 0;
    std::int64_t offset = 0;
    std::int64_t length = 0;
    bool is_negated = false;
};

struct sentence {
    std::string text;
    sentiment_label sentiment = sentiment_label::neutral;
    confidence_scores confidence;
    std::int64_t offset = 0; ///< in the unit of the request's string index type
    std::int64_t length = 0;
    std::vector<sentence_target> targets;
    std::vector<sentence_assessment> assessments;
};

struct warning {
    std::string code; ///< "LongWordsInDocument", "DocumentTruncated", ...
    std::string message;
    std::string target_ref;
};

struct document_statistics {
    std::int64_t characters_count = 0;
    std::int64_t transactions_count = 0;
};

/// Why one document could not be scored. The other documents are unaffected.
struct document_error {
    std::string code; ///< the most specific code: innererror's when the service sent one
    std::string message;
};

/// Exactly one per input document, in input order.
struct result {
    std::string id;
    /// Set for v3, the Language API and the built-in engine; not for v2.
    std::optional<sentiment_label> sentiment;
    std::optional<confidence_scores> confidence;
    /// The v2 score, 0 (negative) .. 1 (positive).
    std::optional<double> score;
    std::vector<sentence> sentences;
    std::vector<warning> warnings;
    std::optional<document_statistics> statistics;
    std::string model_version;
    /// The built-in engine only: VADER's polarity_scores of the whole text.
    std::optional<vader_scores> vader;
    /// Set when the document failed; the fields above are then empty.
    std::optional<document_error> error;

    bool ok() const noexcept { return !error.has_value(); }
};

} // namespace ta
