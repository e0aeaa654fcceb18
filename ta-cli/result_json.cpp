#include "result_json.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "json_text.hpp"

namespace ta::cli {
namespace {

/// `"key":` after a comma unless it opens the object (`first`), in one append: per character,
/// std::string's appends cost more than the rest of a document's JSON.
void key(std::string& out, std::string_view name, bool first = false) {
    char buffer[64]; // our own keys: short, and nothing to escape
    char* p = buffer;
    if (!first) {
        *p++ = ',';
    }
    *p++ = '"';
    p = std::copy(name.begin(), name.end(), p);
    *p++ = '"';
    *p++ = ':';
    out.append(buffer, static_cast<std::size_t>(p - buffer));
}

void label(std::string& out, std::string_view name, ta::sentiment_label value) {
    key(out, name);
    const std::string_view text = ta::to_string(value);
    char buffer[16];
    buffer[0] = '"';
    char* p = std::copy(text.begin(), text.end(), buffer + 1);
    *p++ = '"';
    out.append(buffer, static_cast<std::size_t>(p - buffer));
}

void number(std::string& out, std::string_view name, double value, bool first = false) {
    key(out, name, first);
    append_json_number(out, value);
}

void integer(std::string& out, std::string_view name, std::int64_t value) {
    key(out, name);
    append_json_integer(out, value);
}

void string(std::string& out, std::string_view name, std::string_view value, bool first = false) {
    key(out, name, first);
    append_json_string(out, value);
}

void two_scores(std::string& out, double positive, double negative) {
    key(out, "confidenceScores");
    out += '{';
    number(out, "positive", positive, true);
    number(out, "negative", negative);
    out += '}';
}

void three_scores(std::string& out, const ta::confidence_scores& scores) {
    key(out, "confidenceScores");
    out += '{';
    number(out, "positive", scores.positive, true);
    number(out, "neutral", scores.neutral);
    number(out, "negative", scores.negative);
    out += '}';
}

void relation_ref(std::string& out, std::size_t document_index,
                  const ta::target_relation& relation) {
    out += "\"#/documents/";
    append_json_integer(out, static_cast<std::int64_t>(document_index));
    out += "/sentences/";
    append_json_integer(out, relation.sentence);
    out += relation.relation_type == "target" ? "/targets/" : "/assessments/";
    append_json_integer(out, relation.index);
    out += '"';
}

void sentence_json(std::string& out, const ta::sentence& sentence, std::size_t document_index,
                   const result_json_options& options) {
    out += '{';
    string(out, "text", sentence.text, true);
    label(out, "sentiment", sentence.sentiment);
    three_scores(out, sentence.confidence);
    integer(out, "offset", sentence.offset);
    integer(out, "length", sentence.length);
    if (!options.opinion_mining && sentence.targets.empty() && sentence.assessments.empty()) {
        out += '}';
        return;
    }
    key(out, "targets");
    out += '[';
    for (std::size_t t = 0; t < sentence.targets.size(); ++t) {
        const auto& target = sentence.targets[t];
        out += t == 0 ? "{" : ",{";
        string(out, "text", target.text, true);
        label(out, "sentiment", target.sentiment);
        two_scores(out, target.positive, target.negative);
        integer(out, "offset", target.offset);
        integer(out, "length", target.length);
        key(out, "relations");
        out += '[';
        for (std::size_t r = 0; r < target.relations.size(); ++r) {
            out += r == 0 ? "{" : ",{";
            string(out, "relationType", target.relations[r].relation_type, true);
            key(out, "ref");
            relation_ref(out, document_index, target.relations[r]);
            out += '}';
        }
        out += "]}";
    }
    out += ']';
    key(out, "assessments");
    out += '[';
    for (std::size_t a = 0; a < sentence.assessments.size(); ++a) {
        const auto& assessment = sentence.assessments[a];
        out += a == 0 ? "{" : ",{";
        string(out, "text", assessment.text, true);
        label(out, "sentiment", assessment.sentiment);
        two_scores(out, assessment.positive, assessment.negative);
        integer(out, "offset", assessment.offset);
        integer(out, "length", assessment.length);
        key(out, "isNegated");
        out += assessment.is_negated ? "true" : "false";
        out += '}';
    }
    out += "]}";
}

} // namespace

nlohmann::ordered_json service_number(double value) {
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 9.0e15) {
        return static_cast<std::int64_t>(value);
    }
    return value;
}

void append_document_json(std::string& out, std::string_view id, const ta::result& result,
                          std::size_t document_index, const result_json_options& options) {
    out += '{';
    string(out, "id", id, true);
    if (result.score && !result.sentiment) {
        number(out, "score", *result.score);
    } else {
        if (result.sentiment) {
            label(out, "sentiment", *result.sentiment);
        }
        if (result.confidence) {
            three_scores(out, *result.confidence);
        }
        key(out, "sentences");
        out += '[';
        for (std::size_t i = 0; i < result.sentences.size(); ++i) {
            if (i > 0) {
                out += ',';
            }
            sentence_json(out, result.sentences[i], document_index, options);
        }
        out += ']';
        key(out, "warnings");
        out += '[';
        for (std::size_t i = 0; i < result.warnings.size(); ++i) {
            const auto& warning = result.warnings[i];
            out += i == 0 ? "{" : ",{";
            string(out, "code", warning.code, true);
            string(out, "message", warning.message);
            if (!warning.target_ref.empty()) {
                string(out, "targetRef", warning.target_ref);
            }
            out += '}';
        }
        out += ']';
    }
    if (result.statistics) {
        key(out, "statistics");
        out += '{';
        key(out, "charactersCount", true);
        append_json_integer(out, result.statistics->characters_count);
        integer(out, "transactionsCount", result.statistics->transactions_count);
        out += '}';
    }
    if (options.vader && result.vader) {
        key(out, "vader");
        out += '{';
        number(out, "compound", result.vader->compound, true);
        number(out, "pos", result.vader->pos);
        number(out, "neu", result.vader->neu);
        number(out, "neg", result.vader->neg);
        out += '}';
    }
    out += '}';
}

nlohmann::ordered_json document_json(std::string_view id, const ta::result& result,
                                     std::size_t document_index,
                                     const result_json_options& options) {
    std::string text;
    append_document_json(text, id, result, document_index, options);
    return nlohmann::ordered_json::parse(text);
}

} // namespace ta::cli
