// Text measured in the three units of the service's stringIndexType, with the service's
// default (text elements: extended grapheme clusters) for its 5,120 limit.
#pragma once

#include <cstddef>
#include <string_view>

#include <ta/string_index.hpp>

namespace ta::server {

/// The length of UTF-8 `text` in `unit` (an invalid byte counts as one U+FFFD).
std::size_t count_units(std::string_view text, ta::string_index_type unit);

} // namespace ta::server
