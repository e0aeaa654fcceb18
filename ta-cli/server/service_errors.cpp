#include "service_errors.hpp"

#include <nlohmann/json.hpp>

namespace ta::server {
namespace {

using json = nlohmann::ordered_json;

json wrapped_error(std::string_view code, std::string_view message, std::string_view inner_code,
                   std::string_view inner_message) {
    json error = {{"code", code}, {"message", message}};
    if (!inner_code.empty()) {
        error["innererror"] = {{"code", inner_code}, {"message", inner_message}};
    }
    return {{"error", std::move(error)}};
}

std::string dump(const json& body) {
    return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

} // namespace

std::string wrapped_error_body(std::string_view code, std::string_view message,
                               std::string_view inner_code, std::string_view inner_message) {
    return dump(wrapped_error(code, message, inner_code, inner_message));
}

rejection not_found() {
    return {404, wrapped_error_body("404", "Resource not found")};
}

rejection unauthorized() {
    return {401, wrapped_error_body("401", "Access denied due to invalid subscription key or wrong "
                                           "API endpoint. Make sure to provide a valid key for an "
                                           "active subscription and use a correct regional API "
                                           "endpoint for your resource.")};
}

rejection invalid_request(ta::api_generation generation, int status, std::string_view message,
                          std::string_view inner_code, std::string_view inner_message) {
    if (generation == ta::api_generation::v2) {
        return {status, dump({{"code", "InvalidRequest"},
                              {"message", message},
                              {"innerError", {{"code", inner_code}, {"message", inner_message}}}})};
    }
    return {status, wrapped_error_body("InvalidRequest", message, inner_code, inner_message)};
}

rejection malformed_body(ta::api_generation generation) {
    return invalid_request(generation, 400, "Invalid Request.", "InvalidRequestBodyFormat",
                           "Request body format is wrong. Make sure the json request is "
                           "serialized correctly and there are no null members.");
}

rejection payload_too_large(ta::api_generation generation) {
    return invalid_request(generation, 413, "Invalid document in request.", "InvalidDocumentBatch",
                           "Request Payload sent is too large to be processed. Limit request "
                           "size to: 1048576");
}

rejection internal_error() {
    return {500, wrapped_error_body("InternalServerError", "Internal Server Error")};
}

document_failure empty_text_failure() {
    return {"InvalidArgument", "Invalid document in request.", "InvalidDocument",
            "Document text is empty."};
}

document_failure too_long_failure() {
    return {"InvalidArgument", "Invalid document in request.", "InvalidDocument",
            "A document within the request was too large to be processed. Limit document size "
            "to: 5120 text elements. For additional details on the data limitations see "
            "https://aka.ms/text-analytics-data-limits"};
}

document_failure unsupported_language_failure(std::string_view supported) {
    return {"InvalidArgument", "Invalid Language Code.", "UnsupportedLanguageCode",
            "Invalid language code. Supported languages: " + std::string(supported) +
                ". For additional details see https://aka.ms/text-analytics/language-support"};
}

document_failure failure_from(const ta::document_error& error) {
    const bool language = error.code == "UnsupportedLanguageCode";
    return {"InvalidArgument", language ? "Invalid Language Code." : "Invalid document in request.",
            error.code.empty() ? "InvalidDocument" : error.code, error.message};
}

json document_error_json(std::string_view id, const document_failure& failure,
                         ta::api_generation generation) {
    if (generation == ta::api_generation::v2) {
        return {{"id", id}, {"message", failure.message}};
    }
    return {{"id", id},
            {"error",
             {{"code", failure.outer_code},
              {"message", failure.outer_message},
              {"innererror", {{"code", failure.code}, {"message", failure.message}}}}}};
}

} // namespace ta::server
