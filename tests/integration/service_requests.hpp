// Requests to the fake service through the real libcurl transport, shared by the integration
// tests.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <ta/transport.hpp>

#include "fake_service.hpp"

namespace ta::test {

inline const std::string v2_0_path = "/text/analytics/v2.0/sentiment";
inline const std::string v2_1_path = "/text/analytics/v2.1/sentiment";
inline const std::string v3_0_path = "/text/analytics/v3.0/sentiment";
inline const std::string v3_1_path = "/text/analytics/v3.1/sentiment";
inline const std::string language_path = "/language/:analyze-text?api-version=2023-04-01";

/// A scripted answer (named arguments would trip -Wmissing-field-initializers).
inline scripted_response scripted(int status, std::string body,
                                  std::vector<std::pair<std::string, std::string>> headers = {},
                                  std::chrono::milliseconds delay = std::chrono::milliseconds{0}) {
    scripted_response response;
    response.status = status;
    response.body = std::move(body);
    response.headers = std::move(headers);
    response.delay = delay;
    return response;
}

/// POSTs `body` as JSON to the service's `target` (path and query).
inline ta::http_response post_json(ta::transport& http, const fake_service& service,
                                   const std::string& target, const std::string& body,
                                   ta::http_headers headers = {}) {
    headers.emplace_back("Content-Type", "application/json");
    return http.send({"POST", service.url() + target, std::move(headers), body});
}

inline ta::http_response post_json(ta::transport& http, const fake_service& service,
                                   const std::string& target, const nlohmann::json& body,
                                   ta::http_headers headers = {}) {
    return post_json(http, service, target, body.dump(), std::move(headers));
}

/// `{"documents":[...]}` for v2 and v3.
inline nlohmann::json documents_body(const nlohmann::json& documents) {
    return {{"documents", documents}};
}

/// The Language API's request around `documents`.
inline nlohmann::json language_body(const nlohmann::json& documents,
                                    const nlohmann::json& parameters = nlohmann::json::object()) {
    return {{"kind", "SentimentAnalysis"},
            {"parameters", parameters},
            {"analysisInput", {{"documents", documents}}}};
}

} // namespace ta::test
