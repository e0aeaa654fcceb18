// v3.0 / v3.1 answers: labels, confidence scores, sentences and opinion mining. The same
// document schema is the Language API's `results`, so the readers for it live here, with the
// JSON helpers every parser uses.
//
// We insist on what a result is made of (ids, labels, scores, offsets) and tolerate the absence of
// what only decorates it (warnings, statistics, modelVersion, a v3.0 sentence's text). Unknown
// members are ignored: the service adds fields over time.
#include <charconv>
#include <cstddef>
#include <limits>
#include <string>
#include <system_error>
#include <utility>

#include <nlohmann/json.hpp>

#include <ta/error.hpp>

#include "detail/wire.hpp"
#include "detail/wire_json.hpp"

namespace ta::detail {

namespace {

using nlohmann::json;

std::string type_name(const json& value) {
    switch (value.type()) {
    case json::value_t::object:
        return "an object";
    case json::value_t::array:
        return "an array";
    case json::value_t::string:
        return "a string";
    case json::value_t::boolean:
        return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
        return "a number";
    default:
        return "null";
    }
}

std::string quoted(const char* key) {
    return std::string("\"") + key + "\"";
}

} // namespace

void throw_bad_response(const std::string& what, std::string_view body) {
    throw bad_response_error(what, 200, excerpt(body), "");
}

json parse_json_body(std::string_view body) {
    json root = json::parse(body.begin(), body.end(), nullptr, false);
    if (root.is_discarded()) {
        throw_bad_response(body.empty() ? "the service's answer is empty"
                                        : "the service's answer is not valid JSON",
                           body);
    }
    return root;
}

json_fields::json_fields(const json& value, std::string path, std::string_view body)
    : object_(&value), path_(std::move(path)), body_(body) {
    if (!value.is_object()) {
        if (path_.empty()) {
            throw_bad_response("the service's answer is not a JSON object", body_);
        }
        throw_bad_response(
            "the service's answer has " + type_name(value) + ", not an object, in " + path_, body_);
    }
}

void json_fields::fail(const std::string& problem) const {
    throw_bad_response("the service's answer " + problem + (path_.empty() ? "" : " in " + path_),
                       body_);
}

const json* json_fields::find(const char* key) const {
    const auto it = object_->find(key);
    return it == object_->end() || it->is_null() ? nullptr : &*it;
}

bool json_fields::has(const char* key) const {
    return find(key) != nullptr;
}

std::string json_fields::required_string(const char* key) const {
    const json* value = find(key);
    if (value == nullptr) {
        fail("has no " + quoted(key) + " string");
    }
    if (!value->is_string()) {
        fail("has " + type_name(*value) + ", not a string, as " + quoted(key));
    }
    return value->get<std::string>();
}

std::string json_fields::optional_string(const char* key) const {
    return has(key) ? required_string(key) : std::string();
}

std::string json_fields::required_id(const char* key) const {
    const json* value = find(key);
    if (value != nullptr && value->is_number()) {
        return value->dump();
    }
    return required_string(key);
}

double json_fields::required_number(const char* key) const {
    const json* value = find(key);
    if (value == nullptr) {
        fail("has no " + quoted(key) + " number");
    }
    if (!value->is_number()) {
        fail("has " + type_name(*value) + ", not a number, as " + quoted(key));
    }
    return value->get<double>();
}

std::int64_t json_fields::required_integer(const char* key) const {
    const json* value = find(key);
    if (value == nullptr) {
        fail("has no " + quoted(key) + " integer");
    }
    const bool fits = value->is_number_integer() &&
                      !(value->is_number_unsigned() &&
                        value->get<std::uint64_t>() >
                            static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));
    if (!fits) {
        fail("has " + (value->is_number() ? value->dump() : type_name(*value)) +
             ", not an integer, as " + quoted(key));
    }
    return value->get<std::int64_t>();
}

bool json_fields::optional_bool(const char* key, bool fallback) const {
    const json* value = find(key);
    if (value == nullptr) {
        return fallback;
    }
    if (!value->is_boolean()) {
        fail("has " + type_name(*value) + ", not true or false, as " + quoted(key));
    }
    return value->get<bool>();
}

std::vector<json_fields> json_fields::objects_of(const char* key, const json& array) const {
    if (!array.is_array()) {
        fail("has " + type_name(array) + ", not an array, as " + quoted(key));
    }
    const std::string prefix = (path_.empty() ? "" : path_ + ".") + key;
    std::vector<json_fields> objects;
    objects.reserve(array.size());
    for (std::size_t i = 0; i < array.size(); ++i) {
        objects.emplace_back(array[i], prefix + "[" + std::to_string(i) + "]", body_);
    }
    return objects;
}

std::vector<json_fields> json_fields::required_objects(const char* key) const {
    const json* value = find(key);
    if (value == nullptr) {
        fail("has no " + quoted(key) + " array");
    }
    return objects_of(key, *value);
}

std::vector<json_fields> json_fields::optional_objects(const char* key) const {
    const json* value = find(key);
    return value == nullptr ? std::vector<json_fields>() : objects_of(key, *value);
}

json_fields json_fields::required_object(const char* key) const {
    const json* value = find(key);
    if (value == nullptr) {
        fail("has no " + quoted(key) + " object");
    }
    return json_fields(*value, (path_.empty() ? "" : path_ + ".") + key, body_);
}

document_statistics parse_document_statistics(const json_fields& statistics) {
    return {statistics.required_integer("charactersCount"),
            statistics.required_integer("transactionsCount")};
}

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

wire_response parse_response_v3(std::string_view body) {
    const json root = parse_json_body(body);
    return parse_sentiment_results(json_fields(root, "", body));
}

wire_response parse_response(api_version version, std::string_view body) {
    if (version == api_version::automatic) {
        throw usage_error("an answer can only be read for a concrete API version, not \"auto\"");
    }
    switch (generation_of(version)) {
    case api_generation::v2:
        return parse_response_v2(body);
    case api_generation::v3:
        return parse_response_v3(body);
    case api_generation::language:
        break;
    }
    return parse_response_language(body);
}

} // namespace ta::detail
