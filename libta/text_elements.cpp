#include "detail/text_elements.hpp"

#include <bit>
#include <cstdint>
#include <cstring>

#include <utf8proc.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ta::detail {

namespace {

// Most texts are mostly ASCII, where a character is a code point and (but for CR LF) a text
// element of its own: those bytes go by without a call into utf8proc.

bool is_ascii(unsigned char byte) noexcept {
    return byte < 0x80;
}

// The first byte of [p, end) that is not ASCII, eight at a time.
const char* skip_ascii(const char* p, const char* end) noexcept {
#if defined(__SSE2__)
    // Sixteen at a time: the mask of the bytes' high bits says where the first non-ASCII one is.
    while (end - p >= 16) {
        const int mask = _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
        if (mask != 0) {
            return p + std::countr_zero(static_cast<unsigned>(mask));
        }
        p += 16;
    }
#endif
    constexpr std::uint64_t high_bits = 0x8080808080808080ULL;
    while (end - p >= 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, p, sizeof word);
        if ((word & high_bits) != 0) {
            break;
        }
        p += 8;
    }
    while (p != end && is_ascii(static_cast<unsigned char>(*p))) {
        ++p;
    }
    return p;
}

} // namespace

bool is_valid_utf8(std::string_view text) noexcept {
    const char* p = text.data();
    const char* const end = p + text.size();
    while ((p = skip_ascii(p, end)) != end) {
        const std::size_t length = utf8_sequence_length(p, end);
        if (length == 0) {
            return false;
        }
        p += length;
    }
    return true;
}

namespace {

// All ASCII: one element a byte, a CR LF pair one.
std::size_t ascii_text_elements(const char* begin, const char* end,
                                std::size_t stop_after) noexcept {
    auto count = static_cast<std::size_t>(end - begin);
    for (const char* cr = begin;
         (cr = static_cast<const char*>(std::memchr(cr, '\r', end - cr))) != nullptr; ++cr) {
        if (cr + 1 != end && cr[1] == '\n') {
            --count;
        }
    }
    return count > stop_after ? stop_after + 1 : count;
}

} // namespace

text_measure measure_text(std::string_view text, std::size_t stop_after) noexcept {
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    if (skip_ascii(begin, end) == end) {
        return {true, ascii_text_elements(begin, end, stop_after)};
    }
    if (!is_valid_utf8(text)) {
        return {false, 0};
    }
    return {true, count_text_elements(text, stop_after)};
}

std::size_t count_text_elements(std::string_view text, std::size_t stop_after) noexcept {
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    const char* p = begin;
    std::size_t count = 0;
    if (skip_ascii(begin, end) == end) {
        return ascii_text_elements(begin, end, stop_after);
    }
    utf8proc_int32_t previous = -1;
    utf8proc_int32_t state = 0;
    while (p != end) {
        const auto byte = static_cast<unsigned char>(*p);
        if (is_ascii(byte) && previous < 0x80) {
            // Between two ASCII characters the only rule that joins is GB3 (CR LF). After an
            // ASCII character utf8proc's state is that character's own class, which a fresh
            // state reproduces from `previous`.
            if (!(previous == '\r' && byte == '\n')) {
                ++count;
            }
            previous = byte;
            state = 0;
            ++p;
        } else {
            utf8proc_int32_t code_point = 0;
            const utf8proc_ssize_t used = utf8proc_iterate(
                reinterpret_cast<const utf8proc_uint8_t*>(p), end - p, &code_point);
            if (used <= 0) {
                // Invalid bytes: count each as its own element rather than give up.
                p += 1;
                ++count;
                previous = -1;
                state = 0;
            } else {
                p += used;
                if (previous < 0 ||
                    utf8proc_grapheme_break_stateful(previous, code_point, &state)) {
                    ++count;
                }
                previous = code_point;
            }
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
        if (is_ascii(*p)) {
            // The ASCII white space: the space (Zs) and the five controls below.
            const bool space =
                *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\v' || *p == '\f';
            if (!space) {
                return false;
            }
            ++p;
            --left;
            continue;
        }
        utf8proc_int32_t code_point = 0;
        const utf8proc_ssize_t used = utf8proc_iterate(p, left, &code_point);
        if (used <= 0) {
            return false;
        }
        const auto category = utf8proc_category(code_point);
        const bool space = category == UTF8PROC_CATEGORY_ZS || category == UTF8PROC_CATEGORY_ZL ||
                           category == UTF8PROC_CATEGORY_ZP;
        if (!space) {
            return false;
        }
        p += used;
        left -= used;
    }
    return true;
}

} // namespace ta::detail
