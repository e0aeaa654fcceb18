#include <ta/error.hpp>

#include <utility>

namespace ta {
namespace {

std::string http_error_text(int status, const std::string& code, const std::string& message) {
    std::string text = "HTTP " + std::to_string(status);
    if (!code.empty()) {
        text += " " + code;
    }
    if (!message.empty()) {
        text += ": " + message;
    }
    return text;
}

} // namespace

transport_error::transport_error(const std::string& message, std::string url, bool timed_out)
    : error(message), url_(std::move(url)), timed_out_(timed_out) {}

http_error::http_error(int status, std::string service_code, std::string service_message,
                       std::string request_id, std::string url)
    : error(http_error_text(status, service_code, service_message)), status_(status),
      service_code_(std::move(service_code)), service_message_(std::move(service_message)),
      request_id_(std::move(request_id)), url_(std::move(url)) {}

bool http_error::is_quota_exhausted() const noexcept {
    // The F0 tier's monthly quota: retrying is pointless (its Retry-After is about 15 days).
    return status_ == 403 && service_message_.find("Out of call volume quota") != std::string::npos;
}

bad_response_error::bad_response_error(const std::string& what, int status, std::string excerpt,
                                       std::string request_id)
    : error(what), status_(status), excerpt_(std::move(excerpt)),
      request_id_(std::move(request_id)) {}

} // namespace ta
