// Text measured as the service measures it: text elements (extended grapheme clusters).
#pragma once

#include <cstddef>
#include <string_view>

namespace ta::detail {

/// True when `text` is well-formed UTF-8.
bool is_valid_utf8(std::string_view text) noexcept;

/// The number of extended grapheme clusters in valid UTF-8 `text`; counting stops early once
/// it passes `stop_after` (the result is then stop_after + 1).
std::size_t count_text_elements(std::string_view text,
                                std::size_t stop_after = static_cast<std::size_t>(-1)) noexcept;

/// True when `text` is empty or only white space.
bool is_blank(std::string_view text) noexcept;

} // namespace ta::detail
