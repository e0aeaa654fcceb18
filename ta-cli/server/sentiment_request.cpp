#include "sentiment_request.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

namespace ta::server {
namespace {

using json = nlohmann::ordered_json;

// The service's limits (reference B).
constexpr std::size_t max_request_bytes = 1'048'576;
constexpr std::size_t max_documents_v2 = 1'000;
constexpr std::size_t max_documents = 10; // v3 and the Language API

bool equal_ignoring_case(std::string_view a, std::string_view b) noexcept {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](unsigned char x, unsigned char y) {
        return std::tolower(x) == std::tolower(y);
    });
}

rejection invalid_parameter(ta::api_generation generation, std::string_view name) {
    return invalid_request(generation, 400, "Invalid parameter in request", "InvalidParameterValue",
                           "Invalid value for " + std::string(name) + ".");
}

/// A boolean query parameter: "true" or "false" in any case; absent or empty = false.
std::variant<bool, rejection> query_flag(const query_lookup& query, std::string_view name,
                                         ta::api_generation generation) {
    const auto value = query(name);
    if (!value || value->empty() || equal_ignoring_case(*value, "false")) {
        return false;
    }
    if (equal_ignoring_case(*value, "true")) {
        return true;
    }
    return invalid_parameter(generation, name);
}

/// A boolean in the Language API's parameters. The docs' examples send "True" as a string,
/// which the service takes.
bool truthy(const json& value) {
    if (value.is_boolean()) {
        return value.get<bool>();
    }
    return value.is_string() && equal_ignoring_case(value.get<std::string>(), "true");
}

/// The query options of v2.1, v3.0 and v3.1 (v2.0 has none; the Language API's are mostly in
/// its body). Returns a rejection for a value the service would not take.
std::optional<rejection> read_query(const api_route& route, const query_lookup& query,
                                    sentiment_request& request) {
    const auto generation = route.generation;
    const auto flag = [&](std::string_view name, bool& out) -> std::optional<rejection> {
        auto value = query_flag(query, name, generation);
        if (auto* r = std::get_if<rejection>(&value)) {
            return std::move(*r);
        }
        out = std::get<bool>(value);
        return std::nullopt;
    };
    if (route.version == ta::api_version::v2_0) {
        return std::nullopt;
    }
    if (auto r = flag("showStats", request.show_stats)) {
        return r;
    }
    if (generation != ta::api_generation::v3) {
        return std::nullopt;
    }
    request.model_version = query("model-version").value_or("");
    if (route.version != ta::api_version::v3_1) {
        return std::nullopt;
    }
    if (auto r = flag("opinionMining", request.opinion_mining)) {
        return r;
    }
    if (auto r = flag("loggingOptOut", request.logging_opt_out)) {
        return r;
    }
    if (const auto name = query("stringIndexType")) {
        request.string_index = parse_service_string_index(*name, generation);
        if (!request.string_index) {
            return invalid_parameter(generation, "stringIndexType");
        }
    }
    return std::nullopt;
}

/// The Language API's "parameters" object.
std::optional<rejection> read_parameters(const json& parameters, sentiment_request& request) {
    const auto generation = ta::api_generation::language;
    if (!parameters.is_object()) {
        return malformed_body(generation);
    }
    request.opinion_mining = truthy(parameters.value("opinionMining", json(false)));
    request.logging_opt_out = truthy(parameters.value("loggingOptOut", json(false)));
    if (const auto found = parameters.find("modelVersion"); found != parameters.end()) {
        if (!found->is_string()) {
            return malformed_body(generation);
        }
        request.model_version = found->get<std::string>();
    }
    if (const auto found = parameters.find("stringIndexType"); found != parameters.end()) {
        request.string_index =
            found->is_string() ? parse_service_string_index(found->get<std::string>(), generation)
                               : std::nullopt;
        if (!request.string_index) {
            return invalid_parameter(generation, "stringIndexType");
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<ta::string_index_type> parse_service_string_index(std::string_view name,
                                                                ta::api_generation generation) {
    const std::string_view text_elements =
        generation == ta::api_generation::language ? "TextElements_v8" : "TextElement_v8";
    if (name == text_elements) {
        return ta::string_index_type::text_element;
    }
    if (name == "UnicodeCodePoint") {
        return ta::string_index_type::unicode_code_point;
    }
    if (name == "Utf16CodeUnit") {
        return ta::string_index_type::utf16_code_unit;
    }
    return std::nullopt;
}

std::variant<sentiment_request, rejection>
parse_sentiment_request(const api_route& route, const query_lookup& query, std::string_view body) {
    const auto generation = route.generation;
    if (body.size() > max_request_bytes) {
        return payload_too_large(generation);
    }
    const json parsed = json::parse(body, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
        return malformed_body(generation);
    }

    sentiment_request request;
    request.route = &route;
    if (auto r = read_query(route, query, request)) {
        return std::move(*r);
    }
    const json* documents = nullptr;
    if (generation == ta::api_generation::language) {
        // Not value("kind", ...), which throws when the kind is there but not a string.
        if (const auto kind = parsed.find("kind");
            kind == parsed.end() || *kind != json("SentimentAnalysis")) {
            return invalid_request(generation, 400, "Invalid Request.", "InvalidParameterValue",
                                   "The kind of task is missing or not supported.");
        }
        if (const auto input = parsed.find("analysisInput");
            input != parsed.end() && input->is_object()) {
            if (const auto found = input->find("documents"); found != input->end()) {
                documents = &*found;
            }
        }
        if (const auto found = parsed.find("parameters"); found != parsed.end()) {
            if (auto r = read_parameters(*found, request)) {
                return std::move(*r);
            }
        }
    } else if (const auto found = parsed.find("documents"); found != parsed.end()) {
        documents = &*found;
    }

    if (documents == nullptr || documents->is_null() ||
        (documents->is_array() && documents->empty())) {
        return invalid_request(generation, 400, "Invalid Request.", "MissingInputRecords",
                               "Missing input records.");
    }
    if (!documents->is_array()) {
        return malformed_body(generation);
    }
    const std::size_t limit =
        generation == ta::api_generation::v2 ? max_documents_v2 : max_documents;
    if (documents->size() > limit) {
        return invalid_request(generation, 400, "Invalid document in request.",
                               "InvalidDocumentBatch",
                               "Batch request contains too many records. Max " +
                                   std::to_string(limit) + " records are permitted.");
    }

    std::set<std::string_view> ids;
    request.documents.reserve(documents->size());
    for (const auto& item : *documents) {
        const auto id = item.is_object() ? item.find("id") : item.end();
        const auto text = item.is_object() ? item.find("text") : item.end();
        if (!item.is_object() || id == item.end() || !id->is_string() || text == item.end() ||
            !text->is_string()) {
            return malformed_body(generation);
        }
        if (!ids.insert(id->get_ref<const std::string&>()).second) {
            return invalid_request(generation, 400, "Invalid document in request.",
                                   "InvalidDocument",
                                   "Request contains duplicated Ids. Make sure each document has "
                                   "a unique Id.");
        }
        ta::document document{id->get<std::string>(), text->get<std::string>(), ""};
        if (const auto language = item.find("language");
            language != item.end() && language->is_string()) {
            document.language = language->get<std::string>();
        }
        request.documents.push_back(std::move(document));
    }
    return request;
}

} // namespace ta::server
