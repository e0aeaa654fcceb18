// The units of offsets and lengths in results: text elements (grapheme clusters, the service's
// default), Unicode code points, or UTF-16 code units.
#pragma once

#include <optional>
#include <string_view>

namespace ta {

enum class string_index_type { text_element, unicode_code_point, utf16_code_unit };

/// "TextElement", "UnicodeCodePoint", "Utf16CodeUnit" (case-insensitive; "TextElement_v8" and
/// "TextElements_v8" too).
std::optional<string_index_type> parse_string_index_type(std::string_view name) noexcept;

} // namespace ta
