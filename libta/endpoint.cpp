#include "detail/endpoint.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include <ta/error.hpp>

namespace ta::detail {
namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

struct url_parts {
    std::string scheme;
    std::string_view authority;
    std::string_view rest; ///< path, query and fragment
};

std::optional<url_parts> split_url(std::string_view url) {
    const auto colon = url.find("://");
    if (colon == std::string_view::npos) {
        return std::nullopt;
    }
    url_parts parts;
    parts.scheme = lower(url.substr(0, colon));
    const auto after = url.substr(colon + 3);
    const auto end = after.find_first_of("/?#");
    parts.authority = after.substr(0, end);
    parts.rest = end == std::string_view::npos ? std::string_view{} : after.substr(end);
    return parts;
}

std::string_view host_of(std::string_view authority) {
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        return authority.substr(0, close == std::string_view::npos ? authority.size() : close + 1);
    }
    return authority.substr(0, authority.find(':'));
}

} // namespace

std::string normalize_endpoint(std::string_view endpoint) {
    // A user name and password ("https://user:pw@host"): refused before anything else, and
    // without repeating what comes before the last '@', wherever it is (a password may hold
    // '/', '?' or ':'; the URL may have no scheme). An endpoint never needs an '@'.
    if (const auto at = endpoint.rfind('@'); at != std::string_view::npos) {
        const auto scheme_end = endpoint.find("://");
        const std::string_view scheme = scheme_end != std::string_view::npos && scheme_end < at
                                            ? endpoint.substr(0, scheme_end + 3)
                                            : std::string_view{};
        throw usage_error("the endpoint '" + std::string(scheme) + "..." +
                          std::string(endpoint.substr(at)) +
                          "' contains a user name or password; give the key in TA_KEY or "
                          "--key-file instead");
    }
    const std::string shown(endpoint);
    const auto parts = split_url(endpoint);
    if (!parts || (parts->scheme != "http" && parts->scheme != "https")) {
        throw usage_error("the endpoint '" + shown +
                          "' is not an http:// or https:// URL (for example "
                          "https://<resource>.cognitiveservices.azure.com or "
                          "http://localhost:5000)");
    }
    if (host_of(parts->authority).empty()) {
        throw usage_error("the endpoint '" + shown + "' has no host name");
    }
    if (parts->rest.find_first_of("?#") != std::string_view::npos) {
        throw usage_error("the endpoint '" + shown +
                          "' has a query or fragment; give only the resource's base URL");
    }
    if (std::any_of(endpoint.begin(), endpoint.end(),
                    [](unsigned char c) { return c <= ' ' || c == 0x7f; })) {
        throw usage_error("the endpoint '" + shown + "' contains spaces or control characters");
    }
    std::string_view path = parts->rest;
    while (!path.empty() && path.back() == '/') {
        path.remove_suffix(1);
    }
    return parts->scheme + "://" + lower(parts->authority) + std::string(path);
}

} // namespace ta::detail
