#include "json_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>

#include "byte_words.hpp"

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

void append_json_string(std::string& out, std::string_view text) {
    out += '"';
    std::size_t plain = 0; // start of the run not yet copied
    for (std::size_t i = 0; i < text.size();) {
        // Eight bytes at a time while they are plain ASCII: none below 0x20, none 0x80 or above,
        // no quote, no backslash (each test sets a byte's high bit where it holds).
        while (i + 8 <= text.size()) {
            using namespace byte_words;
            const std::uint64_t word = load(text.data() + i);
            if ((any_below(word, 0x20) | any_high(word) | any_equal(word, '"') |
                 any_equal(word, '\\')) != 0) {
                break;
            }
            i += 8;
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
        out.append(text.data() + plain, i - plain);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                constexpr std::string_view hex = "0123456789abcdef";
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 0xF];
            } else {
                out += "\xEF\xBF\xBD"; // U+FFFD for a byte that is not UTF-8
            }
        }
        ++i;
        plain = i;
    }
    out.append(text.data() + plain, text.size() - plain);
    out += '"';
}

void append_json_integer(std::string& out, std::int64_t value) {
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

void append_json_number(std::string& out, double value) {
    if (!std::isfinite(value)) {
        out += "null"; // as nlohmann writes them: JSON has no NaN or infinity
        return;
    }
    if (value == std::floor(value) && std::fabs(value) < 9.0e15) {
        append_json_integer(out, static_cast<std::int64_t>(value));
        return;
    }
    // Scores are mostly short decimals (0.6369): the fewest decimals, up to 4, whose integer
    // over 10^k is the double itself is the shortest form that reads back as it, found with
    // two multiplications instead of the general shortest-digits search.
    if (std::fabs(value) < 1e9) {
        double scale = 1;
        for (int decimals = 1; decimals <= 4; ++decimals) {
            scale *= 10;
            const double units = std::nearbyint(value * scale);
            if (units / scale == value) {
                auto digits = static_cast<std::uint64_t>(std::fabs(units));
                char buffer[32];
                char* end = buffer + sizeof buffer;
                char* p = end;
                for (int d = 0; d < decimals; ++d) {
                    *--p = static_cast<char>('0' + digits % 10);
                    digits /= 10;
                }
                *--p = '.';
                do {
                    *--p = static_cast<char>('0' + digits % 10);
                    digits /= 10;
                } while (digits > 0);
                if (value < 0) {
                    *--p = '-';
                }
                out.append(p, static_cast<std::size_t>(end - p));
                return;
            }
        }
    }
    char buffer[64];
    const double magnitude = std::fabs(value);
    const auto format = magnitude >= 1e-5 && magnitude < 1e15 ? std::chars_format::fixed
                                                              : std::chars_format::scientific;
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, format);
    out.append(buffer, result.ptr);
}

} // namespace ta::cli
