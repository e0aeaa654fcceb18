#include "one_line.hpp"

#include <algorithm>
#include <utility>

#include <utf8proc.h>

namespace ta::cli {

std::string one_line(std::string_view text) {
    std::string line;
    line.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7F) {
            line += ' ';
        } else if (c == 0xC2 && i + 1 < text.size() &&
                   (static_cast<unsigned char>(text[i + 1]) & 0xE0) == 0x80) {
            // A C1 control (0x80..0x9F after 0xC2): some terminals read U+009B as an escape.
            line += ' ';
            ++i;
        } else {
            line += text[i];
        }
    }
    return line;
}

namespace {

/// One code point of `text` at `at`: its value and length, or length 0 for a byte that does
/// not begin valid UTF-8.
std::pair<utf8proc_int32_t, std::size_t> code_point_at(std::string_view text,
                                                       std::size_t at) noexcept {
    const auto byte = static_cast<unsigned char>(text[at]);
    if (byte < 0x80) {
        return {byte, 1};
    }
    utf8proc_int32_t code_point = 0;
    const utf8proc_ssize_t used =
        utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + at),
                         static_cast<utf8proc_ssize_t>(text.size() - at), &code_point);
    return {code_point, used > 0 ? static_cast<std::size_t>(used) : 0};
}

/// What one_line() makes a space.
bool is_control(utf8proc_int32_t c) noexcept {
    return c < 0x20 || (c >= 0x7F && c < 0xA0);
}

std::size_t columns_of(utf8proc_int32_t c) noexcept {
    if (c < 0xA0) {
        return 1; // ASCII and the controls, which one_line() shows as spaces
    }
    const int width = utf8proc_charwidth(c);
    return width > 0 ? static_cast<std::size_t>(width) : 0;
}

} // namespace

bool is_valid_utf8(std::string_view text) noexcept {
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t size = code_point_at(text, at).second;
        if (size == 0) {
            return false;
        }
        at += size;
    }
    return true;
}

shown_character next_shown_character(std::string_view text, std::size_t start) noexcept {
    const auto [first, first_size] = code_point_at(text, start);
    if (first_size == 0) {
        return {start + 1, 1};
    }
    shown_character shown{start + first_size, columns_of(first)};
    if (is_control(first)) {
        return shown;
    }
    if (first >= 0x1F1E6 && first <= 0x1F1FF) {
        shown.columns = 2; // a regional indicator: with its pair, a flag
    }
    utf8proc_int32_t previous = first;
    utf8proc_int32_t state = 0;
    while (shown.end < text.size()) {
        const auto [next, size] = code_point_at(text, shown.end);
        if (size == 0 || is_control(next) ||
            utf8proc_grapheme_break_stateful(previous, next, &state)) {
            break;
        }
        // A cluster is as wide as its widest part: a base and its combining marks take the
        // base's columns, an emoji with a skin tone or a joined sequence takes two.
        shown.columns = std::max(shown.columns, columns_of(next));
        if (next == 0xFE0F) {
            shown.columns = 2; // the emoji presentation selector: "❤️", "1️⃣"
        }
        previous = next;
        shown.end += size;
    }
    return shown;
}

std::size_t display_columns(std::string_view text) noexcept {
    std::size_t columns = 0;
    for (std::size_t at = 0; at < text.size();) {
        const shown_character shown = next_shown_character(text, at);
        columns += shown.columns;
        at = shown.end;
    }
    return columns;
}

} // namespace ta::cli
