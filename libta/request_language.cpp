// Language API requests: `:analyze-text` with kind SentimentAnalysis; the options go in the
// body's `parameters`, only the statistics in the query.
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "detail/wire.hpp"
#include "detail/wire_json.hpp"

namespace ta::detail {

wire_request build_request_language(const request_parameters& parameters,
                                    const std::vector<wire_document>& documents) {
    wire_request request;
    request.target =
        "/language/:analyze-text?api-version=" + std::string(to_string(parameters.api));
    if (parameters.show_stats) {
        request.target += "&showStats=true";
    }

    // Only what the caller set, so the service's own defaults apply to the rest.
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
