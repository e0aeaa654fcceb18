#include "text_units.hpp"

#include <utf8proc.h>

namespace ta::server {

std::size_t count_units(std::string_view text, ta::string_index_type unit) {
    std::size_t count = 0;
    utf8proc_int32_t previous = -1;
    utf8proc_int32_t state = 0;
    const auto* cursor = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    auto left = static_cast<utf8proc_ssize_t>(text.size());
    while (left > 0) {
        utf8proc_int32_t code_point = 0;
        utf8proc_ssize_t used = utf8proc_iterate(cursor, left, &code_point);
        if (used <= 0) { // not reached for JSON-decoded text, which is valid UTF-8
            code_point = 0xFFFD;
            used = 1;
        }
        switch (unit) {
        case ta::string_index_type::text_element:
            if (previous < 0 || utf8proc_grapheme_break_stateful(previous, code_point, &state)) {
                ++count;
            }
            break;
        case ta::string_index_type::unicode_code_point:
            ++count;
            break;
        case ta::string_index_type::utf16_code_unit:
            count += code_point > 0xFFFF ? 2 : 1;
            break;
        }
        previous = code_point;
        cursor += used;
        left -= used;
    }
    return count;
}

} // namespace ta::server
