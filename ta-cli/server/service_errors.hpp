// The service's error bodies: whole-request failures (an HTTP status and a body) and
// per-document failures (an entry of "errors" in a 200), each generation's shape.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include <ta/api_version.hpp>
#include <ta/result.hpp>

namespace ta::server {

/// A whole-request failure: the status and the body (JSON) to answer with.
struct rejection {
    int status = 400;
    std::string body;
};

/// {"error":{"code","message"[,"innererror":{"code","message"}]}}
std::string wrapped_error_body(std::string_view code, std::string_view message,
                               std::string_view inner_code = {},
                               std::string_view inner_message = {});

/// The gateway's answer to an unknown path or api-version.
rejection not_found();
/// The gateway's answer to a missing or wrong Ocp-Apim-Subscription-Key.
rejection unauthorized();
/// An InvalidRequest with an innererror. v2 writes it unwrapped with "innerError" (its spec's
/// ErrorResponse); the others wrap it in "error".
rejection invalid_request(ta::api_generation generation, int status, std::string_view message,
                          std::string_view inner_code, std::string_view inner_message);
/// The body was not JSON, or not the request's shape.
rejection malformed_body(ta::api_generation generation);
/// The request is over 1 MB (413).
rejection payload_too_large(ta::api_generation generation);
/// An unexpected failure while answering (500).
rejection internal_error();

/// Why one document was not scored, as the service words it: an outer code and message
/// ("InvalidArgument", "Invalid document in request.") and the specific ones (innererror).
struct document_failure {
    std::string outer_code;
    std::string outer_message;
    std::string code;
    std::string message;
};

document_failure empty_text_failure();
/// Over 5,120 text elements.
document_failure too_long_failure();
/// `supported` lists the codes, comma-separated ("en").
document_failure unsupported_language_failure(std::string_view supported);
/// An analyzer's per-document error in the service's words: its code is the specific one,
/// the outer one follows from it.
document_failure failure_from(const ta::document_error& error);

/// An entry of "errors": v2 {"id","message"}; v3 and the Language API
/// {"id","error":{"code","message","innererror":{"code","message"}}}.
nlohmann::ordered_json document_error_json(std::string_view id, const document_failure& failure,
                                           ta::api_generation generation);

} // namespace ta::server
