#include "detail/python_text.hpp"

#include <algorithm>

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

bool is_ascii_punctuation(char c) noexcept {
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
           (c >= '{' && c <= '~');
}

} // namespace

char32_t next_code_point(std::string_view text, std::size_t& position) noexcept {
    const auto lead = static_cast<unsigned char>(text[position]);
    if (lead < 0x80) {
        ++position;
        return lead;
    }
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

bool python_is_space(char32_t code_point) noexcept {
    if (code_point < 0x80) {
        return (code_point >= 0x09 && code_point <= 0x0D) ||
               (code_point >= 0x1C && code_point <= 0x20);
    }
    return in_ranges(python_space, python_space_size, code_point);
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

std::string python_lower(std::string_view text) {
    std::string out;
    out.reserve(text.size());
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
    return out;
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

std::vector<std::string_view> python_split(std::string_view text) {
    std::vector<std::string_view> words;
    std::size_t word_start = std::string_view::npos;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t here = i;
        const bool space = python_is_space(next_code_point(text, i));
        if (space && word_start != std::string_view::npos) {
            words.push_back(text.substr(word_start, here - word_start));
            word_start = std::string_view::npos;
        } else if (!space && word_start == std::string_view::npos) {
            word_start = here;
        }
    }
    if (word_start != std::string_view::npos) {
        words.push_back(text.substr(word_start));
    }
    return words;
}

std::string_view strip_ascii_punctuation(std::string_view text) noexcept {
    std::size_t begin = 0;
    std::size_t end = text.size();
    while (begin < end && is_ascii_punctuation(text[begin])) {
        ++begin;
    }
    while (end > begin && is_ascii_punctuation(text[end - 1])) {
        --end;
    }
    return text.substr(begin, end - begin);
}

std::size_t code_point_count(std::string_view text) noexcept {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size();) {
        next_code_point(text, i);
        ++count;
    }
    return count;
}

} // namespace ta::detail
