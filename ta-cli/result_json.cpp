#include "result_json.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "json_text.hpp"

namespace ta::cli {
namespace {

/// Room for what a piece writes besides its strings: our own keys and punctuation, and numbers
/// (json_number_bound each; the most a piece has is the end of a document, six of them and
/// their keys, about 330 bytes).
constexpr std::size_t fixed_room = 512;

/// `"label"`, a literal for each, so that each is a few stores.
void label(text_buffer& out, ta::sentiment_label value) noexcept {
    switch (value) {
    case ta::sentiment_label::positive:
        out.literal("\"positive\"");
        break;
    case ta::sentiment_label::neutral:
        out.literal("\"neutral\"");
        break;
    case ta::sentiment_label::negative:
        out.literal("\"negative\"");
        break;
    case ta::sentiment_label::mixed:
        out.literal("\"mixed\"");
        break;
    }
}

/// `,"confidenceScores":{...}` of targets and assessments. Needs fixed_room.
void two_scores(text_buffer& out, double positive, double negative) noexcept {
    out.literal(",\"confidenceScores\":{\"positive\":");
    out.number(positive);
    out.literal(",\"negative\":");
    out.number(negative);
    out.character('}');
}

/// `,"confidenceScores":{...}` of documents and sentences. Needs fixed_room.
void three_scores(text_buffer& out, const ta::confidence_scores& scores) noexcept {
    out.literal(",\"confidenceScores\":{\"positive\":");
    out.number(scores.positive);
    out.literal(",\"neutral\":");
    out.number(scores.neutral);
    out.literal(",\"negative\":");
    out.number(scores.negative);
    out.character('}');
}

void relation_ref(text_buffer& out, std::size_t document_index,
                  const ta::target_relation& relation) noexcept {
    out.literal("\"#/documents/");
    out.integer(static_cast<std::int64_t>(document_index));
    out.literal("/sentences/");
    out.integer(relation.sentence);
    if (relation.relation_type == "target") {
        out.literal("/targets/");
    } else {
        out.literal("/assessments/");
    }
    out.integer(relation.index);
    out.character('"');
}

void sentence_json(text_buffer& out, const ta::sentence& sentence, std::size_t document_index,
                   const result_json_options& options) {
    out.room(json_string_bound(sentence.text.size()) + fixed_room);
    out.literal("{\"text\":");
    out.string(sentence.text);
    out.literal(",\"sentiment\":");
    label(out, sentence.sentiment);
    three_scores(out, sentence.confidence);
    out.literal(",\"offset\":");
    out.integer(sentence.offset);
    out.literal(",\"length\":");
    out.integer(sentence.length);
    if (!options.opinion_mining && sentence.targets.empty() && sentence.assessments.empty()) {
        out.character('}');
        return;
    }
    out.literal(",\"targets\":[");
    for (std::size_t t = 0; t < sentence.targets.size(); ++t) {
        const auto& target = sentence.targets[t];
        out.room(json_string_bound(target.text.size()) + fixed_room);
        if (t > 0) {
            out.character(',');
        }
        out.literal("{\"text\":");
        out.string(target.text);
        out.literal(",\"sentiment\":");
        label(out, target.sentiment);
        two_scores(out, target.positive, target.negative);
        out.literal(",\"offset\":");
        out.integer(target.offset);
        out.literal(",\"length\":");
        out.integer(target.length);
        out.literal(",\"relations\":[");
        for (std::size_t r = 0; r < target.relations.size(); ++r) {
            const auto& relation = target.relations[r];
            out.room(json_string_bound(relation.relation_type.size()) + fixed_room);
            if (r > 0) {
                out.character(',');
            }
            out.literal("{\"relationType\":");
            out.string(relation.relation_type);
            out.literal(",\"ref\":");
            relation_ref(out, document_index, relation);
            out.character('}');
        }
        out.room(fixed_room);
        out.literal("]}");
    }
    out.room(fixed_room);
    out.literal("],\"assessments\":[");
    for (std::size_t a = 0; a < sentence.assessments.size(); ++a) {
        const auto& assessment = sentence.assessments[a];
        out.room(json_string_bound(assessment.text.size()) + fixed_room);
        if (a > 0) {
            out.character(',');
        }
        out.literal("{\"text\":");
        out.string(assessment.text);
        out.literal(",\"sentiment\":");
        label(out, assessment.sentiment);
        two_scores(out, assessment.positive, assessment.negative);
        out.literal(",\"offset\":");
        out.integer(assessment.offset);
        out.literal(",\"length\":");
        out.integer(assessment.length);
        if (assessment.is_negated) {
            out.literal(",\"isNegated\":true}");
        } else {
            out.literal(",\"isNegated\":false}");
        }
    }
    out.room(fixed_room);
    out.literal("]}");
}

void write_document_json(text_buffer& out, std::string_view id, const ta::result& result,
                         std::size_t document_index, const result_json_options& options) {
    out.room(json_string_bound(id.size()) + fixed_room);
    out.literal("{\"id\":");
    out.string(id);
    if (result.score && !result.sentiment) {
        out.literal(",\"score\":");
        out.number(*result.score);
    } else {
        if (result.sentiment) {
            out.literal(",\"sentiment\":");
            label(out, *result.sentiment);
        }
        if (result.confidence) {
            three_scores(out, *result.confidence);
        }
        out.literal(",\"sentences\":[");
        for (std::size_t i = 0; i < result.sentences.size(); ++i) {
            if (i > 0) {
                out.room(1);
                out.character(',');
            }
            sentence_json(out, result.sentences[i], document_index, options);
        }
        out.room(fixed_room);
        out.literal("],\"warnings\":[");
        for (std::size_t i = 0; i < result.warnings.size(); ++i) {
            const auto& warning = result.warnings[i];
            out.room(json_string_bound(warning.code.size()) +
                     json_string_bound(warning.message.size()) +
                     json_string_bound(warning.target_ref.size()) + fixed_room);
            if (i > 0) {
                out.character(',');
            }
            out.literal("{\"code\":");
            out.string(warning.code);
            out.literal(",\"message\":");
            out.string(warning.message);
            if (!warning.target_ref.empty()) {
                out.literal(",\"targetRef\":");
                out.string(warning.target_ref);
            }
            out.character('}');
        }
        out.room(fixed_room);
        out.character(']');
    }
    // Room for the statistics, the VADER scores and the end: six numbers and their keys.
    out.room(fixed_room);
    if (result.statistics) {
        out.literal(",\"statistics\":{\"charactersCount\":");
        out.integer(result.statistics->characters_count);
        out.literal(",\"transactionsCount\":");
        out.integer(result.statistics->transactions_count);
        out.character('}');
    }
    if (options.vader && result.vader) {
        out.literal(",\"vader\":{\"compound\":");
        out.number(result.vader->compound);
        out.literal(",\"pos\":");
        out.number(result.vader->pos);
        out.literal(",\"neu\":");
        out.number(result.vader->neu);
        out.literal(",\"neg\":");
        out.number(result.vader->neg);
        out.character('}');
    }
    out.literal("}");
}

} // namespace

nlohmann::ordered_json service_number(double value) {
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 9.0e15) {
        return static_cast<std::int64_t>(value);
    }
    return value;
}

std::size_t write_document_json(std::string& out, std::size_t used, std::string_view id,
                                const ta::result& result, std::size_t document_index,
                                const result_json_options& options) {
    text_buffer buffer(out, used);
    write_document_json(buffer, id, result, document_index, options);
    return buffer.finish();
}

void append_document_json(std::string& out, std::string_view id, const ta::result& result,
                          std::size_t document_index, const result_json_options& options) {
    out.resize(write_document_json(out, out.size(), id, result, document_index, options));
}

nlohmann::ordered_json document_json(std::string_view id, const ta::result& result,
                                     std::size_t document_index,
                                     const result_json_options& options) {
    std::string text;
    append_document_json(text, id, result, document_index, options);
    return nlohmann::ordered_json::parse(text);
}

} // namespace ta::cli
