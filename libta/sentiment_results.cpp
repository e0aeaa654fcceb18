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

#include "detail/limits.hpp"
#include "detail/wire.hpp"
#include "detail/wire_json.hpp"
#include "detail/wire_reader.hpp"

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

// Where a relation ref points: "#/documents/0/sentences/1/assessments/0". Only the tail
// matters, the document is this one.
struct ref_place {
    int sentence = 0;
    int index = 0;
    std::string_view collection; ///< "assessments" or "targets"
};

std::optional<ref_place> parse_ref(std::string_view ref) {
    // The last four segments, found from the end.
    std::string_view segments[4];
    std::size_t found = 0;
    for (std::string_view rest = ref; found < 4;) {
        const std::size_t slash = rest.rfind('/');
        segments[3 - found++] = slash == std::string_view::npos ? rest : rest.substr(slash + 1);
        if (slash == std::string_view::npos) {
            break;
        }
        rest = rest.substr(0, slash);
    }
    if (found < 4 || segments[0] != "sentences") {
        return std::nullopt;
    }
    const std::optional<int> sentence = parse_index(segments[1]);
    const std::optional<int> index = parse_index(segments[3]);
    if (!sentence || !index || (segments[2] != "assessments" && segments[2] != "targets")) {
        return std::nullopt;
    }
    return ref_place{*sentence, *index, segments[2]};
}

// "assessments" -> "assessment": the relation type when the service leaves it out.
std::string relation_type_of(std::string_view collection) {
    return std::string(collection.substr(0, collection.size() - 1));
}

target_relation read_relation(const json_fields& fields) {
    const std::string ref = fields.required_string("ref");
    const std::optional<ref_place> place = parse_ref(ref);
    if (!place) {
        fields.fail("has a relation ref \"" + excerpt(ref, 80) +
                    "\" that names no sentence's target or assessment");
    }
    target_relation relation;
    relation.relation_type = fields.has("relationType") ? fields.required_string("relationType")
                                                        : relation_type_of(place->collection);
    relation.sentence = place->sentence;
    relation.index = place->index;
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

// Whoever follows a relation indexes the sentences with it: it must lead somewhere. The problem,
// when one does not.
std::optional<std::string> broken_relation(const std::vector<sentence>& sentences) {
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
                    return "has a relation to sentence " + std::to_string(s) + "'s " +
                           (to_target ? "target " : "assessment ") + std::to_string(i) +
                           ", which does not exist";
                }
            }
        }
    }
    return std::nullopt;
}

void check_relations(const json_fields& fields, const std::vector<sentence>& sentences) {
    if (const std::optional<std::string> problem = broken_relation(sentences)) {
        fields.fail(*problem);
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

// The same shapes in one pass (wire_reader.hpp). Each reader insists on what its DOM counterpart
// above insists on; whatever would make that one fail, or read differently, is unusual here.
namespace {

using unusual = wire_reader::unusual;

// Each known member once: nlohmann would keep the last of two, the DOM path's business.
class members_seen {
  public:
    void mark(unsigned bit) {
        if ((seen_ & bit) != 0) {
            throw unusual{};
        }
        seen_ |= bit;
    }
    /// Marks the member, and whether it has a value to read: a null is read here, as absent.
    bool value(wire_reader& reader, unsigned bit) {
        mark(bit);
        return !reader.null();
    }

  private:
    unsigned seen_ = 0;
};

void require(bool present) {
    if (!present) {
        throw unusual{};
    }
}

sentiment_label fast_label(wire_reader& reader) {
    std::string scratch;
    const std::optional<sentiment_label> label = parse_sentiment_label(reader.string_view(scratch));
    require(label.has_value());
    return *label;
}

// {"positive","neutral","negative"} as the service writes it, each name a literal: the names,
// once each and with numbers, are what the loop below would read. False, at the start again,
// for any other spelling.
bool scores_as_written(wire_reader& reader, double& positive, double* neutral, double& negative) {
    const char* const start = reader.position();
    if (!reader.consume(R"({"positive":)")) {
        return false;
    }
    positive = reader.number();
    if (neutral != nullptr) {
        if (!reader.consume(R"(,"neutral":)")) {
            reader.rewind(start);
            return false;
        }
        *neutral = reader.number();
    }
    if (!reader.consume(R"(,"negative":)")) {
        reader.rewind(start);
        return false;
    }
    negative = reader.number();
    if (!reader.consume("}")) {
        reader.rewind(start);
        return false;
    }
    return true;
}

// {"positive","neutral","negative"}; targets and assessments have no neutral score to read.
void fast_scores(wire_reader& reader, double& positive, double* neutral, double& negative) {
    if (scores_as_written(reader, positive, neutral, negative)) {
        return;
    }
    bool has_positive = false;
    bool has_neutral = neutral == nullptr;
    bool has_negative = false;
    members_seen seen;
    reader.begin_object();
    std::string_view key;
    while (reader.member(key)) {
        if (key == "positive") {
            if (seen.value(reader, 1)) {
                positive = reader.number();
                has_positive = true;
            }
        } else if (key == "negative") {
            if (seen.value(reader, 2)) {
                negative = reader.number();
                has_negative = true;
            }
        } else if (key == "neutral" && neutral != nullptr) {
            if (seen.value(reader, 4)) {
                *neutral = reader.number();
                has_neutral = true;
            }
        } else {
            reader.skip();
        }
    }
    require(has_positive && has_neutral && has_negative);
}

confidence_scores fast_confidence(wire_reader& reader) {
    confidence_scores scores;
    fast_scores(reader, scores.positive, &scores.neutral, scores.negative);
    return scores;
}

target_relation fast_relation(wire_reader& reader) {
    std::string ref;
    std::string type;
    bool has_ref = false;
    bool has_type = false;
    members_seen seen;
    reader.begin_object();
    std::string_view key;
    while (reader.member(key)) {
        if (key == "ref") {
            if (seen.value(reader, 1)) {
                reader.string(ref);
                has_ref = true;
            }
        } else if (key == "relationType") {
            if (seen.value(reader, 2)) {
                reader.string(type);
                has_type = true;
            }
        } else {
            reader.skip();
        }
    }
    require(has_ref);
    const std::optional<ref_place> place = parse_ref(ref);
    require(place.has_value());
    target_relation relation;
    relation.relation_type = has_type ? std::move(type) : relation_type_of(place->collection);
    relation.sentence = place->sentence;
    relation.index = place->index;
    return relation;
}

// What targets and assessments share: text, sentiment, two scores, offset and length. Returns
// false for a key that is none of those.
template <typename Opinion>
bool fast_opinion_member(wire_reader& reader, std::string_view key, Opinion& read,
                         members_seen& seen, unsigned& found) {
    if (key == "text") {
        if (seen.value(reader, 1)) {
            reader.string(read.text);
            found |= 1;
        }
    } else if (key == "sentiment") {
        if (seen.value(reader, 2)) {
            read.sentiment = fast_label(reader);
            found |= 2;
        }
    } else if (key == "confidenceScores") {
        if (seen.value(reader, 4)) {
            fast_scores(reader, read.positive, nullptr, read.negative);
            found |= 4;
        }
    } else if (key == "offset") {
        if (seen.value(reader, 8)) {
            read.offset = reader.integer();
            found |= 8;
        }
    } else if (key == "length") {
        if (seen.value(reader, 16)) {
            read.length = reader.integer();
            found |= 16;
        }
    } else {
        return false;
    }
    return true;
}
constexpr unsigned opinion_complete = 31;

sentence_target fast_target(wire_reader& reader) {
    sentence_target target;
    unsigned found = 0;
    members_seen seen;
    reader.begin_object();
    std::string_view key;
    while (reader.member(key)) {
        if (fast_opinion_member(reader, key, target, seen, found)) {
            continue;
        }
        if (key == "relations") {
            if (seen.value(reader, 32)) {
                reader.begin_array();
                while (reader.element()) {
                    target.relations.push_back(fast_relation(reader));
                }
            }
        } else {
            reader.skip();
        }
    }
    require(found == opinion_complete);
    return target;
}

sentence_assessment fast_assessment(wire_reader& reader) {
    sentence_assessment assessment;
    unsigned found = 0;
    members_seen seen;
    reader.begin_object();
    std::string_view key;
    while (reader.member(key)) {
        if (fast_opinion_member(reader, key, assessment, seen, found)) {
            continue;
        }
        if (key == "isNegated") {
            if (seen.value(reader, 32)) {
                assessment.is_negated = reader.boolean();
            }
        } else {
            reader.skip();
        }
    }
    require(found == opinion_complete);
    return assessment;
}

sentence fast_sentence(wire_reader& reader) {
    sentence read;
    bool has_label = false;
    bool has_scores = false;
    bool has_offset = false;
    bool has_length = false;
    members_seen seen;
    reader.begin_object();
    std::string_view key;
    while (reader.member(key)) {
        if (key == "text") { // optional in v3.0
            if (seen.value(reader, 1)) {
                reader.string(read.text);
            }
        } else if (key == "sentiment") {
            if (seen.value(reader, 2)) {
                read.sentiment = fast_label(reader);
                has_label = true;
            }
        } else if (key == "confidenceScores") {
            if (seen.value(reader, 4)) {
                read.confidence = fast_confidence(reader);
                has_scores = true;
            }
        } else if (key == "offset") {
            if (seen.value(reader, 8)) {
                read.offset = reader.integer();
                has_offset = true;
            }
        } else if (key == "length") {
            if (seen.value(reader, 16)) {
                read.length = reader.integer();
                has_length = true;
            }
        } else if (key == "targets") {
            if (seen.value(reader, 32)) {
                reader.begin_array();
                while (reader.element()) {
                    read.targets.push_back(fast_target(reader));
                }
            }
        } else if (key == "assessments") {
            if (seen.value(reader, 64)) {
                reader.begin_array();
                while (reader.element()) {
                    read.assessments.push_back(fast_assessment(reader));
                }
            }
        } else {
            reader.skip();
        }
    }
    require(has_label && has_scores && has_offset && has_length);
    return read;
}

warning fast_warning(wire_reader& reader) {
    warning read;
    bool has_code = false;
    bool has_message = false;
    members_seen seen;
    reader.begin_object();
    std::string_view key;
    while (reader.member(key)) {
        if (key == "code") {
            if (seen.value(reader, 1)) {
                reader.string(read.code);
                has_code = true;
            }
        } else if (key == "message") {
            if (seen.value(reader, 2)) {
                reader.string(read.message);
                has_message = true;
            }
        } else if (key == "targetRef") {
            if (seen.value(reader, 4)) {
                reader.string(read.target_ref);
            }
        } else {
            reader.skip();
        }
    }
    require(has_code && has_message);
    return read;
}

// A sentence as the service writes it without opinion mining,
// {"text":..,"sentiment":..,"confidenceScores":{..},"offset":..,"length":..}, each name a
// literal: what the loop of fast_sentence would read from it. False, at the start again, for
// any other spelling or anything unusual in it, which fast_sentence then reads or refuses.
bool sentence_as_written(wire_reader& reader, sentence& read) {
    const char* const start = reader.position();
    try {
        if (reader.consume(R"({"text":)") && (reader.string(read.text), true) &&
            reader.consume(R"(,"sentiment":)") && (read.sentiment = fast_label(reader), true) &&
            reader.consume(R"(,"confidenceScores":)") &&
            (read.confidence = fast_confidence(reader), true) && reader.consume(R"(,"offset":)") &&
            (read.offset = reader.integer(), true) && reader.consume(R"(,"length":)") &&
            (read.length = reader.integer(), true) && reader.consume("}")) {
            return true;
        }
    } catch (const unusual&) {
    }
    reader.rewind(start);
    read = sentence();
    return false;
}

// Into the sentence in place (the vector's new element), not moved there.
void read_sentence(wire_reader& reader, sentence& read) {
    if (!sentence_as_written(reader, read)) {
        read = fast_sentence(reader);
    }
}

// A document as the service writes it, {"id":..,"sentiment":..,"confidenceScores":{..},
// "sentences":[..],"warnings":[..]} and perhaps "statistics" last, each name a literal: what
// the loop of fast_document would read from it. False, at the start again, otherwise.
bool document_as_written(wire_reader& reader, result& read) {
    const char* const start = reader.position();
    try {
        if (reader.consume(R"({"id":)") && (reader.string(read.id), true) &&
            reader.consume(R"(,"sentiment":)") && (read.sentiment = fast_label(reader), true) &&
            reader.consume(R"(,"confidenceScores":)") &&
            (read.confidence = fast_confidence(reader), true) &&
            reader.consume(R"(,"sentences":)")) {
            reader.begin_array();
            while (reader.element()) {
                read_sentence(reader, read.sentences.emplace_back());
            }
            if (reader.consume(R"(,"warnings":)")) {
                reader.begin_array();
                while (reader.element()) {
                    read.warnings.push_back(fast_warning(reader));
                }
                if (reader.consume(R"(,"statistics":)")) {
                    read.statistics = read_document_statistics(reader);
                }
                if (reader.consume("}") && !broken_relation(read.sentences)) {
                    return true;
                }
            }
        }
    } catch (const unusual&) {
    }
    reader.rewind(start);
    read = result();
    return false;
}

result fast_document(wire_reader& reader) {
    result read;
    bool has_id = false;
    bool has_sentences = false;
    members_seen seen;
    reader.begin_object();
    std::string_view key;
    while (reader.member(key)) {
        if (key == "id") {
            if (seen.value(reader, 1)) {
                reader.string(read.id); // a number id is unusual: the DOM path writes it out
                has_id = true;
            }
        } else if (key == "sentiment") {
            if (seen.value(reader, 2)) {
                read.sentiment = fast_label(reader);
            }
        } else if (key == "confidenceScores") {
            if (seen.value(reader, 4)) {
                read.confidence = fast_confidence(reader);
            }
        } else if (key == "sentences") {
            if (seen.value(reader, 8)) {
                reader.begin_array();
                while (reader.element()) {
                    read_sentence(reader, read.sentences.emplace_back());
                }
                has_sentences = true;
            }
        } else if (key == "warnings") {
            if (seen.value(reader, 16)) {
                reader.begin_array();
                while (reader.element()) {
                    read.warnings.push_back(fast_warning(reader));
                }
            }
        } else if (key == "statistics") {
            if (seen.value(reader, 32)) {
                read.statistics = read_document_statistics(reader);
            }
        } else {
            reader.skip();
        }
    }
    require(has_id && read.sentiment && read.confidence && has_sentences);
    require(!broken_relation(read.sentences));
    return read;
}

// An error's chain of innererrors is small and rare: its object goes through the DOM.
result fast_document_error(wire_reader& reader) {
    result read;
    bool has_id = false;
    std::string_view error_text;
    members_seen seen;
    reader.begin_object();
    std::string_view key;
    while (reader.member(key)) {
        if (key == "id") {
            if (seen.value(reader, 1)) {
                reader.string(read.id);
                has_id = true;
            }
        } else if (key == "error") {
            seen.mark(2);
            error_text = reader.raw_value();
        } else {
            reader.skip();
        }
    }
    require(has_id && !error_text.empty());
    const nlohmann::json error =
        nlohmann::json::parse(error_text.begin(), error_text.end(), nullptr, false);
    const auto is_string = [&error](const char* member) {
        const auto it = error.find(member);
        return it != error.end() && it->is_string();
    };
    require(error.is_object() && is_string("code") && is_string("message"));
    innermost_error innermost = find_innermost_error(error);
    read.error = document_error{std::move(innermost.code), std::move(innermost.message)};
    return read;
}

} // namespace

document_statistics read_document_statistics(wire_reader& reader) {
    document_statistics read;
    bool has_characters = false;
    bool has_transactions = false;
    members_seen seen;
    reader.begin_object();
    std::string_view key;
    while (reader.member(key)) {
        if (key == "charactersCount") {
            if (seen.value(reader, 1)) {
                read.characters_count = reader.integer();
                has_characters = true;
            }
        } else if (key == "transactionsCount") {
            if (seen.value(reader, 2)) {
                read.transactions_count = reader.integer();
                has_transactions = true;
            }
        } else {
            reader.skip();
        }
    }
    require(has_characters && has_transactions);
    return read;
}

wire_response read_sentiment_results(wire_reader& reader) {
    wire_response response;
    response.results.reserve(max_documents_v3); // what a request carries: no moves as it grows
    std::vector<result> errors;
    bool has_documents = false;
    members_seen seen;
    reader.begin_object();
    std::string_view key;
    while (reader.member(key)) {
        if (key == "documents") {
            if (seen.value(reader, 1)) {
                reader.begin_array();
                while (reader.element()) {
                    // Read in place, the vector's new element, not moved there.
                    result& read = response.results.emplace_back();
                    if (!document_as_written(reader, read)) {
                        read = fast_document(reader);
                    }
                }
                has_documents = true;
            }
        } else if (key == "errors") {
            if (seen.value(reader, 2)) {
                reader.begin_array();
                while (reader.element()) {
                    errors.push_back(fast_document_error(reader));
                }
            }
        } else if (key == "modelVersion") {
            if (seen.value(reader, 4)) {
                reader.string(response.model_version);
            }
        } else {
            reader.skip();
        }
    }
    require(has_documents);
    // Documents first, then errors, wherever each list stood in the object.
    for (result& error : errors) {
        response.results.push_back(std::move(error));
    }
    for (result& read : response.results) {
        read.model_version = response.model_version;
    }
    return response;
}

} // namespace ta::detail
