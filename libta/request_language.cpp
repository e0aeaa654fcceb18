// Language API requests: `:analyze-text` with kind SentimentAnalysis; the options go in the
// body's `parameters`, only the statistics in the query.
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "detail/wire.hpp"
#include "detail/wire_json.hpp"

namespace ta::detail {

namespace {

// The body written directly, in the members' order below; false when a string is not UTF-8.
bool write_body(std::string& body, const request_parameters& parameters,
                const std::vector<wire_document>& documents) {
    body.reserve(body_size_hint(documents));
    body = "{\"kind\":\"SentimentAnalysis\",\"parameters\":{";
    const char* comma = "";
    if (!parameters.model_version.empty()) {
        body += "\"modelVersion\":";
        if (!append_json_string(body, parameters.model_version)) {
            return false;
        }
        comma = ",";
    }
    if (parameters.opinion_mining) {
        body += comma;
        body += "\"opinionMining\":true";
        comma = ",";
    }
    if (parameters.logging_opt_out) {
        body += comma;
        body += "\"loggingOptOut\":true";
        comma = ",";
    }
    if (parameters.string_index) {
        body += comma;
        body += "\"stringIndexType\":";
        append_json_string(
            body, string_index_type_name(*parameters.string_index, api_generation::language));
    }
    body += "},\"analysisInput\":{\"documents\":";
    if (!append_documents_json(body, documents)) {
        return false;
    }
    body += "}}";
    return true;
}

} // namespace

wire_request build_request_language(const request_parameters& parameters,
                                    const std::vector<wire_document>& documents) {
    wire_request request;
    request.target =
        "/language/:analyze-text?api-version=" + std::string(to_string(parameters.api));
    if (parameters.show_stats) {
        request.target += "&showStats=true";
    }

    // Only what the caller set, so the service's own defaults apply to the rest.
    if (write_body(request.body, parameters, documents)) {
        return request;
    }
    // Not UTF-8: nlohmann replaces the bad bytes.
    auto options = nlohmann::ordered_json::object();
    if (!parameters.model_version.empty()) {
        options["modelVersion"] = parameters.model_version;
    }
    if (parameters.opinion_mining) {
        options["opinionMining"] = true;
    }
    if (parameters.logging_opt_out) {
        options["loggingOptOut"] = true;
    }
    if (parameters.string_index) {
        options["stringIndexType"] =
            std::string(string_index_type_name(*parameters.string_index, api_generation::language));
    }

    nlohmann::ordered_json body;
    body["kind"] = "SentimentAnalysis";
    body["parameters"] = std::move(options);
    body["analysisInput"]["documents"] = documents_json(documents);
    request.body = to_json_text(body);
    return request;
}

} // namespace ta::detail
