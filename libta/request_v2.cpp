// v2.0 / v2.1 requests: `{"documents":[...]}` to /text/analytics/v2.x/sentiment.
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "detail/wire.hpp"
#include "detail/wire_json.hpp"

namespace ta::detail {

wire_request build_request_v2(const request_parameters& parameters,
                              const std::vector<wire_document>& documents) {
    wire_request request;
    request.target = "/text/analytics/" + std::string(to_string(parameters.api)) + "/sentiment";
    // v2.0 has no query parameters at all.
    if (parameters.show_stats && parameters.api != api_version::v2_0) {
        request.target += "?showStats=true";
    }
    request.body.reserve(body_size_hint(documents));
    request.body = "{\"documents\":";
    if (append_documents_json(request.body, documents)) {
        request.body += '}';
        return request;
    }
    // Not UTF-8: nlohmann replaces the bad bytes.
    nlohmann::ordered_json body;
    body["documents"] = documents_json(documents);
    request.body = to_json_text(body);
    return request;
}

} // namespace ta::detail
