#include "detail/text_elements.hpp"

#include <utf8proc.h>

namespace ta::detail {

bool is_valid_utf8(std::string_view text) noexcept {
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    auto left = static_cast<utf8proc_ssize_t>(text.size());
    while (left > 0) {
        utf8proc_int32_t code_point = 0;
        const utf8proc_ssize_t used = utf8proc_iterate(p, left, &code_point);
        if (used <= 0) {
            return false;
        }
        p += used;
        left -= used;
    }
    return true;
}

std::size_t count_text_elements(std::string_view text, std::size_t stop_after) noexcept {
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    auto left = static_cast<utf8proc_ssize_t>(text.size());
    std::size_t count = 0;
    utf8proc_int32_t previous = -1;
    utf8proc_int32_t state = 0;
    while (left > 0) {
        utf8proc_int32_t code_point = 0;
        const utf8proc_ssize_t used = utf8proc_iterate(p, left, &code_point);
        if (used <= 0) {
            // Invalid bytes: count each as its own element rather than give up.
            code_point = -1;
            p += 1;
            left -= 1;
            ++count;
            previous = -1;
            state = 0;
        } else {
            p += used;
            left -= used;
            if (previous < 0 || utf8proc_grapheme_break_stateful(previous, code_point, &state)) {
                ++count;
            }
            previous = code_point;
        }
        if (count > stop_after) {
            return count;
        }
    }
    return count;
}

bool is_blank(std::string_view text) noexcept {
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    auto left = static_cast<utf8proc_ssize_t>(text.size());
    while (left > 0) {
        utf8proc_int32_t code_point = 0;
        const utf8proc_ssize_t used = utf8proc_iterate(p, left, &code_point);
        if (used <= 0) {
            return false;
        }
        const auto category = utf8proc_category(code_point);
        const bool space = category == UTF8PROC_CATEGORY_ZS || category == UTF8PROC_CATEGORY_ZL ||
                           category == UTF8PROC_CATEGORY_ZP || code_point == '\t' ||
                           code_point == '\n' || code_point == '\r' || code_point == '\v' ||
                           code_point == '\f';
        if (!space) {
            return false;
        }
        p += used;
        left -= used;
    }
    return true;
}

} // namespace ta::detail
