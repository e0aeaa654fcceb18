#include "json_text.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "byte_words.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ta::cli {
namespace {

/// The length of the valid UTF-8 sequence at text[i] (a lead byte >= 0x80), or 0.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) noexcept {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    std::size_t length = 0;
    unsigned char low = 0x80;  // the range of the second byte, which rules out overlong forms
    unsigned char high = 0xBF; // and surrogates
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        low = lead == 0xE0 ? 0xA0 : 0x80;
        high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (i + length > text.size() || byte(i + 1) < low || byte(i + 1) > high) {
        return 0;
    }
    for (std::size_t k = 2; k < length; ++k) {
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) {
            return 0;
        }
    }
    return length;
}

} // namespace

char* write_ten_thousandths_beyond_one(char* p, std::uint64_t units) noexcept {
    int decimals = 4;
    while (decimals > 0 && units % 10 == 0) {
        units /= 10;
        --decimals;
    }
    char buffer[24];
    char* end = buffer + sizeof buffer;
    char* q = end;
    for (int d = 0; d < decimals; ++d) {
        *--q = static_cast<char>('0' + units % 10);
        units /= 10;
    }
    if (decimals > 0) {
        *--q = '.';
    }
    do {
        *--q = static_cast<char>('0' + units % 10);
        units /= 10;
    } while (units > 0);
    const auto length = static_cast<std::size_t>(end - q);
    std::memcpy(p, q, length);
    return p + length;
}

char* write_json_string(char* p, std::string_view text) noexcept {
    *p++ = '"';
    std::size_t plain = 0; // start of the run not yet copied
    const auto copy_plain = [&](std::size_t end) {
        std::memcpy(p, text.data() + plain, end - plain);
        p += end - plain;
    };
    // Whether eight bytes are plain ASCII: none below 0x20, none 0x80 or above, no quote, no
    // backslash (each test sets a byte's high bit where it holds).
    const auto plain_word = [&text](std::size_t at) {
        using namespace byte_words;
        const std::uint64_t word = load(text.data() + at);
        return (any_below(word, 0x20) | any_high(word) | any_equal(word, '"') |
                any_equal(word, '\\')) == 0;
    };
    for (std::size_t i = 0; i < text.size();) {
#if defined(__SSE2__)
        // Sixteen at a time first: a signed compare below 0x20 takes the control characters
        // and the bytes from 0x80 (negative) at once; the mask's lowest bit is the first.
        while (i + 16 <= text.size()) {
            const __m128i bytes =
                _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
            const __m128i found =
                _mm_or_si128(_mm_cmplt_epi8(bytes, _mm_set1_epi8(0x20)),
                             _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')),
                                          _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'))));
            if (const int mask = _mm_movemask_epi8(found); mask != 0) {
                i += static_cast<std::size_t>(std::countr_zero(static_cast<unsigned>(mask)));
                break;
            }
            i += 16;
        }
#endif
        // Eight bytes at a time while they are plain.
        while (i + 8 <= text.size() && plain_word(i)) {
            i += 8;
        }
        // Fewer than eight left: the last eight, overlapping bytes already read, in one test.
        if (i + 8 > text.size() && text.size() >= 8 && plain_word(text.size() - 8)) {
            break;
        }
        if (i == text.size()) {
            break;
        }
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            ++i;
            continue;
        }
        if (c >= 0x80) {
            if (const std::size_t length = utf8_sequence_length(text, i); length > 0) {
                i += length;
                continue;
            }
        }
        copy_plain(i);
        ++i;
        plain = i;
        if (c >= 0x80) {
            std::memcpy(p, "\xEF\xBF\xBD", 3); // U+FFFD for a byte that is not UTF-8
            p += 3;
            continue;
        }
        *p++ = '\\';
        switch (c) {
        case '"':
            *p++ = '"';
            break;
        case '\\':
            *p++ = '\\';
            break;
        case '\b':
            *p++ = 'b';
            break;
        case '\f':
            *p++ = 'f';
            break;
        case '\n':
            *p++ = 'n';
            break;
        case '\r':
            *p++ = 'r';
            break;
        case '\t':
            *p++ = 't';
            break;
        default: { // the other control characters
            constexpr std::string_view hex = "0123456789abcdef";
            *p++ = 'u';
            *p++ = '0';
            *p++ = '0';
            *p++ = hex[c >> 4];
            *p++ = hex[c & 0xF];
        }
        }
    }
    copy_plain(text.size());
    *p++ = '"';
    return p;
}

char* write_json_integer(char* p, std::int64_t value) noexcept {
    return std::to_chars(p, p + json_number_bound, value).ptr;
}

char* write_json_number(char* p, double value) noexcept {
    // Scores are mostly short decimals (0.6369). When the double is the one nearest to some
    // decimal of at most 4 places, its integer of ten-thousandths reads back as it, and that
    // integer without its trailing zeros is the shortest form (a whole number when all four
    // go). A product below 1e13 is within far less than 0.5 of that integer, and no other
    // integer reads back as the same double, so rounding half away from zero finds it.
    if (std::fabs(value) < 1e9) { // false for NaN
        const double scaled = value * 10'000;
        const auto units = static_cast<std::int64_t>(scaled + (scaled < 0 ? -0.5 : 0.5));
        if (static_cast<double>(units) / 10'000 == value) {
            // -0.0 is written "0", as a whole number; -0.5 keeps its sign.
            if (units < 0) {
                *p++ = '-';
            }
            return write_ten_thousandths(p, static_cast<std::uint64_t>(units < 0 ? -units : units));
        }
    }
    if (!std::isfinite(value)) {
        std::memcpy(p, "null", 4); // as nlohmann writes them: JSON has no NaN or infinity
        return p + 4;
    }
    if (value == std::floor(value) && std::fabs(value) < 9.0e15) {
        return write_json_integer(p, static_cast<std::int64_t>(value));
    }
    const double magnitude = std::fabs(value);
    const auto format = magnitude >= 1e-5 && magnitude < 1e15 ? std::chars_format::fixed
                                                              : std::chars_format::scientific;
    return std::to_chars(p, p + json_number_bound, value, format).ptr;
}

void append_json_string(std::string& out, std::string_view text) {
    text_buffer buffer(out, out.size());
    buffer.room(json_string_bound(text.size()));
    buffer.string(text);
    out.resize(buffer.finish());
}

void append_json_integer(std::string& out, std::int64_t value) {
    text_buffer buffer(out, out.size());
    buffer.room(json_number_bound);
    buffer.integer(value);
    out.resize(buffer.finish());
}

void append_json_number(std::string& out, double value) {
    text_buffer buffer(out, out.size());
    buffer.room(json_number_bound);
    buffer.number(value);
    out.resize(buffer.finish());
}

void text_buffer::grow(std::size_t size) {
    const std::size_t used = finish();
    // Doubling, so that a long run of growing documents costs a few copies in all.
    out_.resize(std::max(used + size, 2 * out_.size()));
    p_ = out_.data() + used;
    end_ = out_.data() + out_.size();
}

} // namespace ta::cli
