// Text measured as the service measures it: text elements (extended grapheme clusters).
#pragma once

#include <cstddef>
#include <string_view>

namespace ta::detail {

/// The length of the well-formed UTF-8 sequence (Unicode's table 3-7) at `p`, whose first byte
/// is 0x80 or above; 0 when it is not one. Inline: the JSON writers and readers call it for
/// every non-ASCII character.
inline std::size_t utf8_sequence_length(const char* p, const char* end) noexcept {
    const auto* s = reinterpret_cast<const unsigned char*>(p);
    const auto left = static_cast<std::size_t>(end - p);
    const unsigned char b = s[0];
    const auto in = [&](std::size_t i, unsigned char low, unsigned char high) {
        return i < left && s[i] >= low && s[i] <= high;
    };
    if (b >= 0xC2 && b <= 0xDF) {
        return in(1, 0x80, 0xBF) ? 2 : 0;
    }
    if (b >= 0xE0 && b <= 0xEF) {
        const unsigned char low = b == 0xE0 ? 0xA0 : 0x80;
        const unsigned char high = b == 0xED ? 0x9F : 0xBF;
        return in(1, low, high) && in(2, 0x80, 0xBF) ? 3 : 0;
    }
    if (b >= 0xF0 && b <= 0xF4) {
        const unsigned char low = b == 0xF0 ? 0x90 : 0x80;
        const unsigned char high = b == 0xF4 ? 0x8F : 0xBF;
        return in(1, low, high) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
    }
    return 0;
}

/// True when `text` is well-formed UTF-8.
bool is_valid_utf8(std::string_view text) noexcept;

/// The number of extended grapheme clusters in valid UTF-8 `text`; counting stops early once
/// it passes `stop_after` (the result is then stop_after + 1).
std::size_t count_text_elements(std::string_view text,
                                std::size_t stop_after = static_cast<std::size_t>(-1)) noexcept;

/// is_valid_utf8 and, for valid text, count_text_elements, with one scan for a text that is
/// all ASCII (most are) instead of one each. `elements` is 0 for text that is not UTF-8.
struct text_measure {
    bool valid_utf8 = false;
    std::size_t elements = 0;
};
text_measure measure_text(std::string_view text,
                          std::size_t stop_after = static_cast<std::size_t>(-1)) noexcept;

/// True when `text` is empty or only white space.
bool is_blank(std::string_view text) noexcept;

} // namespace ta::detail
