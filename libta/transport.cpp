#include <ta/transport.hpp>

#include <algorithm>
#include <cctype>

namespace ta {
namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) noexcept {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](unsigned char x, unsigned char y) {
        return std::tolower(x) == std::tolower(y);
    });
}

} // namespace

std::string http_response::header(std::string_view name) const {
    // HTTP header names are case-insensitive, and servers (and HTTP/2) spell them as they like.
    const auto found = std::find_if(headers.begin(), headers.end(), [name](const auto& header) {
        return equal_ignoring_case(header.first, name);
    });
    return found == headers.end() ? std::string() : found->second;
}

} // namespace ta
