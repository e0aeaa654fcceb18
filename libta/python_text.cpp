#include "detail/python_text.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <utf8proc.h>

namespace ta::detail {
namespace {

bool in_ranges(const code_point_range* ranges, std::size_t size, char32_t code_point) noexcept {
    const code_point_range* end = ranges + size;
    const code_point_range* found = std::upper_bound(
        ranges, end, code_point,
        [](char32_t value, const code_point_range& range) { return value < range.first; });
    return found != ranges && code_point <= (found - 1)->last;
}

constexpr char32_t replacement_character = 0xFFFD;

constexpr bool is_ascii(unsigned char c) noexcept {
    return c < 0x80;
}

} // namespace

char32_t decode_multibyte(std::string_view text, std::size_t& position) noexcept {
    const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data() + position);
    utf8proc_int32_t code_point = 0;
    const utf8proc_ssize_t used =
        utf8proc_iterate(bytes, static_cast<utf8proc_ssize_t>(text.size() - position), &code_point);
    if (used <= 0) {
        ++position;
        return replacement_character;
    }
    position += static_cast<std::size_t>(used);
    return static_cast<char32_t>(code_point);
}

void append_utf8(std::string& out, char32_t code_point) {
    if (code_point < 0x80) {
        out.push_back(static_cast<char>(code_point));
        return;
    }
    utf8proc_uint8_t buffer[4];
    const utf8proc_ssize_t size =
        utf8proc_encode_char(static_cast<utf8proc_int32_t>(code_point), buffer);
    out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(size));
}

bool python_is_space_beyond_ascii(char32_t code_point) noexcept {
    return in_ranges(python_space, python_space_size, code_point);
}

bool python_is_ascii(std::string_view text) noexcept {
    // Eight bytes at a time: most texts are ASCII and every call site reads them all.
    // The last eight bytes in one load too, overlapping the words before them, rather than a
    // byte at a time: the engine asks this of each text several times.
    constexpr std::uint64_t high_bits = 0x8080808080808080u;
    const auto load = [&text](std::size_t at) {
        std::uint64_t chunk = 0;
        std::memcpy(&chunk, text.data() + at, 8);
        return chunk;
    };
    const std::size_t size = text.size();
    if (size < 8) {
        std::uint64_t bits = 0;
        for (std::size_t i = 0; i < size; ++i) {
            bits |= static_cast<unsigned char>(text[i]);
        }
        return (bits & 0x80) == 0;
    }
    std::uint64_t bits = load(size - 8);
    for (std::size_t i = 0; i + 8 <= size; i += 8) {
        bits |= load(i);
    }
    return (bits & high_bits) == 0;
}

bool python_is_upper(std::string_view text) noexcept {
    bool cased = false;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t c = next_code_point(text, i);
        if (c < 0x80) {
            if (c >= 'a' && c <= 'z') {
                return false;
            }
            cased = cased || (c >= 'A' && c <= 'Z');
            continue;
        }
        if (in_ranges(python_lowercase, python_lowercase_size, c) ||
            in_ranges(python_titlecase, python_titlecase_size, c)) {
            return false;
        }
        cased = cased || in_ranges(python_uppercase, python_uppercase_size, c);
    }
    return cased;
}

void python_lower(std::string_view text, std::string& out) {
    for (std::size_t i = 0; i < text.size();) {
        const char32_t c = next_code_point(text, i);
        if (c < 0x80) {
            out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A'))
                                               : static_cast<char>(c));
        } else if (c == 0x0130) {
            // The one unconditional full mapping in SpecialCasing.txt: İ -> i + U+0307.
            out.push_back('i');
            append_utf8(out, 0x0307);
        } else {
            // Final sigma (ς or σ) and the other simple mappings: neither can turn a word into
            // one of VADER's (ASCII) keys differently from Python, which is all lower() is for.
            append_utf8(out,
                        static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c))));
        }
    }
}

std::string_view python_strip(std::string_view text) noexcept {
    std::size_t begin = 0;
    while (begin < text.size()) {
        std::size_t next = begin;
        if (!python_is_space(next_code_point(text, next))) {
            break;
        }
        begin = next;
    }
    std::size_t end = text.size();
    while (end > begin) {
        // Step back to the start of the last code point.
        std::size_t start = end - 1;
        while (start > begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80 &&
               end - start < 4) {
            --start;
        }
        std::size_t next = start;
        const char32_t c = next_code_point(text, next);
        if (next != end) {
            // Not one whole sequence: the last byte is an invalid one, not white space.
            break;
        }
        if (!python_is_space(c)) {
            break;
        }
        end = start;
    }
    return text.substr(begin, end - begin);
}

namespace {

/// The bytes python_next_word must look at closely: ASCII white space, and the lead and
/// continuation bytes of other characters (a few of which are white space: U+0085, U+00A0...).
constexpr std::array<bool, 256> maybe_space = [] {
    std::array<bool, 256> table{};
    for (std::size_t c = 0; c < table.size(); ++c) {
        table[c] = c >= 0x80 || python_is_ascii_space(static_cast<unsigned char>(c));
    }
    return table;
}();

/// Whether the character at `text[i]` is white space; moves `i` past it. Inline: split() calls
/// it for every character.
[[gnu::always_inline]] inline bool space_at(std::string_view text, std::size_t& i) noexcept {
    const auto c = static_cast<unsigned char>(text[i]);
    if (is_ascii(c)) {
        ++i;
        return python_is_ascii_space(c);
    }
    return python_is_space_beyond_ascii(decode_multibyte(text, i));
}

} // namespace

std::string_view python_next_word(std::string_view text, std::size_t& position) noexcept {
    std::size_t start = position;
    while (start < text.size()) {
        std::size_t next = start;
        if (!space_at(text, next)) {
            break;
        }
        start = next;
    }
    std::size_t end = start;
    while (end < text.size()) {
        // The common case in one tight loop: ASCII that is not white space.
        while (end < text.size() && !maybe_space[static_cast<unsigned char>(text[end])]) {
            ++end;
        }
        std::size_t next = end;
        if (end == text.size() || space_at(text, next)) {
            break;
        }
        end = next;
    }
    // The white space after the word is skipped by the next call.
    position = end;
    return text.substr(start, end - start);
}

std::size_t code_point_count(std::string_view text) noexcept {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size();) {
        if (is_ascii(static_cast<unsigned char>(text[i]))) {
            ++i;
        } else {
            next_code_point(text, i);
        }
        ++count;
    }
    return count;
}

double python_round_by_printf(double value, int places) noexcept {
    char buffer[400];
    std::snprintf(buffer, sizeof buffer, "%.*f", places, value);
    return std::strtod(buffer, nullptr);
}

} // namespace ta::detail
