// Request building and response parsing for every API generation. Pure functions: no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ta/api_version.hpp>
#include <ta/client.hpp>
#include <ta/result.hpp>

namespace ta::detail {

/// A document as sent: `id` is the wire id (unique within the request).
struct wire_document {
    std::string id;
    std::string_view text;
    std::string language; ///< never empty: the client fills in its default
};

/// The options that go on the wire, already checked against the version.
struct request_parameters {
    api_version api = api_version::language_2023_04_01; ///< never automatic
    std::string model_version;                          ///< empty: not sent
    bool opinion_mining = false;
    bool show_stats = false;
    bool logging_opt_out = false;
    std::optional<string_index_type> string_index; ///< nullopt: not sent
};

/// Path and query relative to the endpoint (begins with '/'), and the JSON body.
struct wire_request {
    std::string target;
    std::string body;
};

/// The spelling each generation uses: v3.1 "TextElement_v8", Language "TextElements_v8".
std::string_view string_index_type_name(string_index_type type, api_generation generation);

/// Throws ta::usage_error when `parameters` asks for an option the version lacks
/// (opinion mining before v3.1, model version on v2, ...).
void check_parameters(const request_parameters& parameters);
/// Copies `parameters` without the options the version lacks (for `automatic` fallbacks).
request_parameters supported_parameters(request_parameters parameters);

wire_request build_request_v2(const request_parameters& parameters,
                              const std::vector<wire_document>& documents);
wire_request build_request_v3(const request_parameters& parameters,
                              const std::vector<wire_document>& documents);
wire_request build_request_language(const request_parameters& parameters,
                                    const std::vector<wire_document>& documents);
/// Dispatches on generation_of(parameters.api).
wire_request build_request(const request_parameters& parameters,
                           const std::vector<wire_document>& documents);

/// The results of one 2xx answer, each with `id` = the wire id, in the order the service sent
/// them (documents first, then errors). Throws ta::bad_response_error (status 200, an excerpt)
/// when the body is not the documented shape.
struct wire_response {
    std::vector<result> results;
    std::string model_version;
};
wire_response parse_response_v2(std::string_view body);
wire_response parse_response_v3(std::string_view body);
wire_response parse_response_language(std::string_view body);
wire_response parse_response(api_version version, std::string_view body);

/// `{"error":{code,message,innererror}}` (v2's unwrapped `{code,message,innerError}` too).
/// `code` is the most specific code (innererror's when present).
struct service_error {
    std::string code;
    std::string message;
    std::string outer_code;
};
std::optional<service_error> parse_service_error(std::string_view body);

/// The first `max_bytes` of a body, cut at a UTF-8 boundary, control characters escaped, with
/// "…" when cut: for messages.
std::string excerpt(std::string_view body, std::size_t max_bytes = 200);

} // namespace ta::detail
