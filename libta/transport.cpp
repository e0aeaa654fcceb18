#include <ta/transport.hpp>

#include <algorithm>

#include "detail/strings.hpp"

namespace ta {

std::string http_response::header(std::string_view name) const {
    // HTTP header names are case-insensitive, and servers (and HTTP/2) spell them as they like.
    const auto found = std::find_if(headers.begin(), headers.end(), [name](const auto& header) {
        return detail::equals_ignoring_case(header.first, name);
    });
    return found == headers.end() ? std::string() : found->second;
}

} // namespace ta
