// Endpoint URLs: checked once, joined with request targets.
#pragma once

#include <string>
#include <string_view>

namespace ta::detail {

/// "https://host[:port][/base]" without trailing slashes. Throws ta::usage_error for anything
/// that is not an http(s) URL with a host (no query, no fragment, no user info).
std::string normalize_endpoint(std::string_view endpoint);

} // namespace ta::detail
