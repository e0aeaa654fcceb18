// The v3.x results object (`documents`, `errors`, `modelVersion`): labels, confidence scores,
// sentences and opinion mining. v3.0 and v3.1 answer with it, and the Language API wraps it as
// `results`.
//
// We insist on what a result is made of (ids, labels, scores, offsets) and tolerate the absence of
// what only decorates it (warnings, statistics, modelVersion, a v3.0 sentence's text). Unknown
// members are ignored: the service adds fields over time.
#include <charconv>
#include <cstddef>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "detail/wire.hpp"
#include "detail/wire_json.hpp"

namespace ta::detail {

namespace {

sentiment_label read_label(const json_fields& fields) {
    const std::string text = fields.required_string("sentiment");
    const std::optional<sentiment_label> label = parse_sentiment_label(text);
    if (!label) {
        fields.fail("has an unknown sentiment \"" + excerpt(text, 40) + "\"");
    }
    return *label;
}

confidence_scores read_scores(const json_fields& fields) {
    const json_fields scores = fields.required_object("confidenceScores");
    return {scores.required_number("positive"), scores.required_number("neutral"),
            scores.required_number("negative")};
}

std::optional<int> parse_index(std::string_view text) {
    int index = 0;
    const auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), index);
    if (status != std::errc() || end != text.data() + text.size() || index < 0) {
        return std::nullopt;
    }
    return index;
}

// "#/documents/0/sentences/1/assessments/0": only the tail matters, the document is this one.
target_relation read_relation(const json_fields& fields) {
    const std::string ref = fields.required_string("ref");
    std::vector<std::string_view> segments;
    for (std::string_view rest = ref;;) {
        const std::size_t slash = rest.find('/');
        segments.push_back(rest.substr(0, slash));
        if (slash == std::string_view::npos) {
            break;
        }
        rest.remove_prefix(slash + 1);
    }
    const std::size_t n = segments.size();
    std::optional<int> sentence;
    std::optional<int> index;
    std::string_view collection;
    if (n >= 4 && segments[n - 4] == "sentences") {
        sentence = parse_index(segments[n - 3]);
        collection = segments[n - 2];
        index = parse_index(segments[n - 1]);
    }
    if (!sentence || !index || (collection != "assessments" && collection != "targets")) {
        fields.fail("has a relation ref \"" + excerpt(ref, 80) +
                    "\" that names no sentence's target or assessment");
    }
    target_relation relation;
    relation.relation_type = fields.has("relationType")
                                 ? fields.required_string("relationType")
                                 : std::string(collection.substr(0, collection.size() - 1));
    relation.sentence = *sentence;
    relation.index = *index;
    return relation;
}

sentence_target read_target(const json_fields& fields) {
    sentence_target target;
    target.text = fields.required_string("text");
    target.sentiment = read_label(fields);
    const json_fields scores = fields.required_object("confidenceScores");
    target.positive = scores.required_number("positive");
    target.negative = scores.required_number("negative");
    target.offset = fields.required_integer("offset");
    target.length = fields.required_integer("length");
    for (const json_fields& relation : fields.optional_objects("relations")) {
        target.relations.push_back(read_relation(relation));
    }
    return target;
}

sentence_assessment read_assessment(const json_fields& fields) {
    sentence_assessment assessment;
    assessment.text = fields.required_string("text");
    assessment.sentiment = read_label(fields);
    const json_fields scores = fields.required_object("confidenceScores");
    assessment.positive = scores.required_number("positive");
    assessment.negative = scores.required_number("negative");
    assessment.offset = fields.required_integer("offset");
    assessment.length = fields.required_integer("length");
    assessment.is_negated = fields.optional_bool("isNegated", false);
    return assessment;
}

sentence read_sentence(const json_fields& fields) {
    sentence read;
    read.text = fields.optional_string("text"); // optional in v3.0
    read.sentiment = read_label(fields);
    read.confidence = read_scores(fields);
    read.offset = fields.required_integer("offset");
    read.length = fields.required_integer("length");
    for (const json_fields& target : fields.optional_objects("targets")) {
        read.targets.push_back(read_target(target));
    }
    for (const json_fields& assessment : fields.optional_objects("assessments")) {
        read.assessments.push_back(read_assessment(assessment));
    }
    return read;
}

// Whoever follows a relation indexes the sentences with it: it must lead somewhere.
void check_relations(const json_fields& fields, const std::vector<sentence>& sentences) {
    for (const sentence& from : sentences) {
        for (const sentence_target& target : from.targets) {
            for (const target_relation& relation : target.relations) {
                const auto s = static_cast<std::size_t>(relation.sentence);
                const auto i = static_cast<std::size_t>(relation.index);
                const bool to_target = relation.relation_type == "target";
                const bool found =
                    s < sentences.size() &&
                    i < (to_target ? sentences[s].targets.size() : sentences[s].assessments.size());
                if (!found) {
                    fields.fail("has a relation to sentence " + std::to_string(s) + "'s " +
                                (to_target ? "target " : "assessment ") + std::to_string(i) +
                                ", which does not exist");
                }
            }
        }
    }
}

result read_document(const json_fields& fields, const std::string& model_version) {
    result read;
    read.id = fields.required_id("id");
    read.sentiment = read_label(fields);
    read.confidence = read_scores(fields);
    for (const json_fields& sentence : fields.required_objects("sentences")) {
        read.sentences.push_back(read_sentence(sentence));
    }
    check_relations(fields, read.sentences);
    for (const json_fields& warning : fields.optional_objects("warnings")) {
        read.warnings.push_back({warning.required_string("code"),
                                 warning.required_string("message"),
                                 warning.optional_string("targetRef")});
    }
    if (fields.has("statistics")) {
        read.statistics = parse_document_statistics(fields.required_object("statistics"));
    }
    read.model_version = model_version;
    return read;
}

result read_document_error(const json_fields& fields, const std::string& model_version) {
    result read;
    read.id = fields.required_id("id");
    read.model_version = model_version;
    const json_fields error = fields.required_object("error");
    // The outer level is required; the user is shown the most specific one.
    error.required_string("code");
    error.required_string("message");
    innermost_error innermost = find_innermost_error(error.value());
    read.error = document_error{std::move(innermost.code), std::move(innermost.message)};
    return read;
}

} // namespace

wire_response parse_sentiment_results(const json_fields& results) {
    wire_response response;
    response.model_version = results.optional_string("modelVersion");
    for (const json_fields& document : results.required_objects("documents")) {
        response.results.push_back(read_document(document, response.model_version));
    }
    for (const json_fields& error : results.optional_objects("errors")) {
        response.results.push_back(read_document_error(error, response.model_version));
    }
    return response;
}

} // namespace ta::detail
