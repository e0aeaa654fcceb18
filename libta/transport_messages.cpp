#include "detail/transport_messages.hpp"

#include <cerrno>

namespace ta::detail {

std::string seconds_text(std::chrono::milliseconds duration) {
    const auto ms = duration.count();
    std::string text = std::to_string(ms / 1000);
    if (const auto fraction = ms % 1000; fraction != 0) {
        std::string digits = std::to_string(1000 + fraction).substr(1);
        while (digits.back() == '0') {
            digits.pop_back();
        }
        text += "." + digits;
    }
    return text;
}

std::string size_text(std::size_t bytes) {
    constexpr std::size_t kib = 1024;
    if (bytes >= kib * kib && bytes % (kib * kib) == 0) {
        return std::to_string(bytes / (kib * kib)) + " MiB";
    }
    if (bytes >= kib && bytes % kib == 0) {
        return std::to_string(bytes / kib) + " KiB";
    }
    return std::to_string(bytes) + " bytes";
}

transport_error answer_too_large(const std::string& where, std::size_t limit,
                                 const std::string& url) {
    return transport_error("the answer from " + where + " is larger than " + size_text(limit) +
                               "; no sentiment answer is that large: is the endpoint right?",
                           url);
}

transport_error answer_timed_out(const std::string& where, std::chrono::milliseconds timeout,
                                 const std::string& url) {
    return transport_error("timed out after " + seconds_text(timeout) +
                               " s waiting for an answer from " + where,
                           url, true);
}

transport_error connect_timed_out(const std::string& where, std::chrono::milliseconds timeout,
                                  const std::string& url) {
    return transport_error("timed out after " + seconds_text(timeout) + " s connecting to " + where,
                           url, true);
}

transport_error could_not_connect(const std::string& where, const std::string& reason,
                                  const std::string& url) {
    return transport_error("could not connect to " + where + " (" + reason + ")", url);
}

std::string connect_reason(int os_errno, const char* otherwise) {
    switch (os_errno) {
    case ECONNREFUSED:
        return "connection refused";
    case ENETUNREACH:
        return "network unreachable";
    case EHOSTUNREACH:
        return "host unreachable";
    case ECONNRESET:
        return "connection reset";
    default:
        return otherwise;
    }
}

transport_error closed_without_answering(const std::string& where, const std::string& url) {
    return transport_error(where + " closed the connection without answering", url);
}

} // namespace ta::detail
