// A one-pass pull reader for the service's answers, the fast path of the response parsers.
//
// Building nlohmann's DOM and then reading the results out of it cost about half of ta's CPU on
// the remote path; reading the documented shapes straight into ta::result costs a fraction. The
// reader gives up (throws wire_reader::unusual) on anything it does not expect: malformed JSON,
// escapes in keys, duplicate members, numbers it cannot convert exactly as nlohmann would. The
// parser then reads the body again through the DOM, whose messages say what is wrong, so the
// reader only has to be right about what it accepts, and what it accepts it must read exactly as
// the DOM path would.
#pragma once

#include <bit>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <system_error>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "detail/text_elements.hpp"
#include "detail/wire.hpp"

namespace ta::detail {

/// The first byte from `p` that a JSON string cannot hold as it is: a quote, a backslash, a
/// control character, or a byte of a non-ASCII character (which needs checking). Eight bytes at a
/// time, since texts are mostly plain ASCII; the word that holds one says where it is.
inline const char* skip_plain_json_bytes(const char* p, const char* end) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t highs = 0x8080808080808080ULL;
    // Each byte's high bit set where the byte is plain: its low seven bits are 0x20 or more
    // (+0x60 reaches 0x80) and are neither a quote nor a backslash (the xor is not 0, so +0x7F
    // reaches 0x80), and its own high bit is clear. Seven bits plus 0x7F carry into no other
    // byte, so each byte's answer is its own, and the lowest flagged is the first.
    const auto special = [](const char* at) {
        std::uint64_t word = 0;
        std::memcpy(&word, at, sizeof word);
        const std::uint64_t low = word & ~highs;
        const std::uint64_t plain = (low + ones * 0x60) & ((low ^ (ones * '"')) + ones * 0x7F) &
                                    ((low ^ (ones * '\\')) + ones * 0x7F) & ~word;
        return ~plain & highs;
    };
#if defined(__SSE2__)
    // Sixteen bytes at a time: a signed compare below 0x20 takes the control characters and
    // the bytes from 0x80 (negative) at once.
    while (end - p >= 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i found =
            _mm_or_si128(_mm_cmplt_epi8(bytes, _mm_set1_epi8(0x20)),
                         _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')),
                                      _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'))));
        if (const int mask = _mm_movemask_epi8(found); mask != 0) {
            return p + std::countr_zero(static_cast<unsigned>(mask));
        }
        p += 16;
    }
#endif
    if constexpr (std::endian::native == std::endian::little) {
        if (end - p < 8) {
            while (p != end) {
                const auto c = static_cast<unsigned char>(*p);
                if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                    break;
                }
                ++p;
            }
            return p;
        }
        const char* const last = end - 8;
        for (; p < last; p += 8) {
            if (const std::uint64_t found = special(p); found != 0) {
                return p + (std::countr_zero(found) >> 3);
            }
        }
        // The last word overlaps bytes already passed, which are plain, so not flagged.
        const std::uint64_t found = special(last);
        return found != 0 ? last + (std::countr_zero(found) >> 3) : end;
    }
    while (end - p >= 8 && special(p) == 0) {
        p += 8;
    }
    while (p != end) {
        const auto c = static_cast<unsigned char>(*p);
        if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
            break;
        }
        ++p;
    }
    return p;
}

class wire_reader {
  public:
    /// Thrown for whatever the fast path leaves to the DOM path.
    struct unusual {};

    explicit wire_reader(std::string_view text) noexcept
        : p_(text.data()), end_(text.data() + text.size()) {}

    /// `{`; then `while (member(key)) { read or skip the value }`.
    void begin_object() {
        expect('{');
        first_ = true;
    }
    /// The next member's key (its value follows), or false after the closing brace.
    bool member(std::string_view& key) {
        if (!next_in('}')) {
            return false;
        }
        key = read_key();
        expect(':');
        return true;
    }
    /// `[`; then `while (element()) { read or skip the value }`.
    void begin_array() {
        expect('[');
        first_ = true;
    }
    bool element() { return next_in(']'); }

    /// Consumes a null and says so; a member that is null counts as absent, as in json_fields.
    bool null() {
        skip_space();
        if (p_ != end_ && *p_ == 'n') {
            literal("null");
            return true;
        }
        return false;
    }
    void string(std::string& out);
    /// A string's bytes as they are in the body, when it has no escapes; otherwise (rare) the
    /// string decoded into `scratch`.
    std::string_view string_view(std::string& scratch) {
        skip_space();
        if (p_ != end_ && *p_ == '"') {
            const char* s = skip_plain_json_bytes(p_ + 1, end_);
            if (s != end_ && *s == '"') {
                const std::string_view text(p_ + 1, static_cast<std::size_t>(s - p_ - 1));
                p_ = s + 1;
                return text;
            }
        }
        string(scratch);
        return scratch;
    }
    double number();
    std::int64_t integer();
    bool boolean() {
        skip_space();
        if (p_ != end_ && *p_ == 't') {
            literal("true");
            return true;
        }
        literal("false");
        return false;
    }
    /// Consumes `text` (after white space) when it comes next, byte for byte; false, with
    /// nothing but the white space consumed, otherwise. For the service's own spelling of a
    /// shape, read as literals, with the general reading as the fallback (at position()).
    /// The literal's length is a constant, so that the compare is a few loads, not a call.
    template <std::size_t size> bool consume(const char (&text)[size]) noexcept {
        constexpr std::size_t length = size - 1;
        skip_space();
        if (static_cast<std::size_t>(end_ - p_) < length || std::memcmp(p_, text, length) != 0) {
            return false;
        }
        p_ += length;
        return true;
    }
    const char* position() const noexcept { return p_; }
    void rewind(const char* position) noexcept { p_ = position; }
    /// Skips one value of any kind, checking it as strictly as nlohmann would.
    void skip() { skip_value(0); }
    /// Skips one value and returns its text.
    std::string_view raw_value() {
        skip_space();
        const char* start = p_;
        skip();
        return {start, static_cast<std::size_t>(p_ - start)};
    }
    /// Nothing but white space may follow the answer.
    void end() {
        skip_space();
        if (p_ != end_) {
            throw unusual{};
        }
    }

  private:
    // JSON's four white-space characters, the ones nlohmann skips.
    // The first test alone passes the usual byte, which is above the space.
    void skip_space() noexcept {
        while (p_ != end_ && static_cast<unsigned char>(*p_) <= ' ' &&
               (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) {
            ++p_;
        }
    }
    void expect(char c) {
        skip_space();
        if (p_ == end_ || *p_ != c) {
            throw unusual{};
        }
        ++p_;
    }
    void literal(std::string_view word) {
        if (static_cast<std::size_t>(end_ - p_) < word.size() ||
            std::string_view(p_, word.size()) != word) {
            throw unusual{};
        }
        p_ += word.size();
    }
    // A comma before every element but the first; false (the bracket consumed) at the end.
    bool next_in(char close) {
        skip_space();
        if (p_ == end_) {
            throw unusual{};
        }
        if (first_) {
            first_ = false;
            if (*p_ == close) {
                ++p_;
                return false;
            }
            return true;
        }
        if (*p_ == close) {
            ++p_;
            return false;
        }
        if (*p_ != ',') {
            throw unusual{};
        }
        ++p_;
        return true;
    }
    std::string_view read_key();
    /// Checks one UTF-8 sequence that starts with a byte >= 0x80 (as nlohmann's lexer does) and
    /// returns its length.
    std::size_t utf8_sequence() const noexcept { return utf8_sequence_length(p_, end_); }
    /// The end of a number's text (JSON's grammar), and whether it is an integer.
    const char* scan_number(bool& integral) const;
    void skip_value(int depth);
    /// The answers' numbers ("0.8185", "61", "-2") in one pass: JSON's grammar without an
    /// exponent, at most 15 digits in all, read as scan_number and then short_decimal or
    /// from_chars would read them. False, with nothing consumed, for any other number (or what
    /// is not one), which the general path then reads or refuses.
    bool short_number(double& value, bool& integral) noexcept {
        const char* s = p_;
        const bool negative = s != end_ && *s == '-';
        s += negative ? 1 : 0;
        const char* const first = s;
        std::uint64_t digits = 0;
        while (s != end_ && static_cast<unsigned char>(*s - '0') <= 9) {
            digits = digits * 10 + static_cast<std::uint64_t>(*s - '0');
            ++s;
        }
        const auto whole = s - first;
        if (whole == 0 || (whole > 1 && *first == '0')) {
            return false;
        }
        std::ptrdiff_t decimals = 0;
        integral = true;
        if (s != end_ && *s == '.') {
            const char* const point = ++s;
            while (s != end_ && static_cast<unsigned char>(*s - '0') <= 9) {
                digits = digits * 10 + static_cast<std::uint64_t>(*s - '0');
                ++s;
            }
            decimals = s - point;
            if (decimals == 0) {
                return false;
            }
            integral = false;
        }
        if (whole + decimals > 15 || (s != end_ && (*s == 'e' || *s == 'E'))) {
            return false;
        }
        static constexpr double powers[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                            1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
        if (integral) {
            // As an int64 converted: "-0" is 0.
            const auto signed_digits = static_cast<std::int64_t>(digits);
            value = static_cast<double>(negative ? -signed_digits : signed_digits);
        } else {
            value = static_cast<double>(digits) / powers[decimals];
            value = negative ? -value : value;
        }
        p_ = s;
        return true;
    }
    /// "0.8185": at most 15 digits and no exponent, so that digits / 10^decimals is one
    /// division of two exact doubles, which IEEE rounds correctly, as strtod rounds the text.
    /// False for any other number.
    bool short_decimal(const char* last, double& value) const noexcept {
        static constexpr double powers[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                            1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
        const char* s = p_;
        const bool negative = *s == '-';
        s += negative ? 1 : 0;
        std::uint64_t digits = 0;
        int count = 0;
        int decimals = -1;
        for (; s != last; ++s) {
            if (*s == '.') {
                decimals = 0;
                continue;
            }
            if (*s < '0' || *s > '9' || ++count > 15) {
                return false; // an exponent, or too many digits to be exact
            }
            digits = digits * 10 + static_cast<std::uint64_t>(*s - '0');
            decimals += decimals >= 0 ? 1 : 0;
        }
        if (decimals < 0) {
            return false;
        }
        value = static_cast<double>(digits) / powers[decimals];
        value = negative ? -value : value;
        return true;
    }
    /// The number from here to `last`, correctly rounded as strtod (nlohmann's conversion)
    /// rounds it; out of range (under- or overflow) is left to the DOM path.
    double read_double(const char* last) const {
        double value = 0;
        const auto [stop, status] = std::from_chars(p_, last, value);
        if (status != std::errc() || stop != last) {
            throw unusual{};
        }
        return value;
    }

    const char* p_;
    const char* end_;
    bool first_ = false; ///< just after `{` or `[`: no comma before the next member
};

inline std::string_view wire_reader::read_key() {
    expect('"');
    const char* start = p_;
    while ((p_ = skip_plain_json_bytes(p_, end_)) != end_) {
        const auto c = static_cast<unsigned char>(*p_);
        if (c == '"') {
            return {start, static_cast<std::size_t>(p_++ - start)};
        }
        if (c < 0x80) {
            throw unusual{}; // a control character, or an escape: the documented keys have none
        }
        const std::size_t n = utf8_sequence();
        if (n == 0) {
            throw unusual{};
        }
        p_ += n;
    }
    throw unusual{};
}

inline void wire_reader::string(std::string& out) {
    expect('"');
    out.clear();
    const char* run = p_; // bytes copied as they are, up to the next escape or the end
    while ((p_ = skip_plain_json_bytes(p_, end_)) != end_) {
        const auto c = static_cast<unsigned char>(*p_);
        if (c == '"') {
            out.append(run, p_);
            ++p_;
            return;
        }
        if (c >= 0x80) {
            const std::size_t n = utf8_sequence();
            if (n == 0) {
                throw unusual{};
            }
            p_ += n;
            continue;
        }
        if (c != '\\' || end_ - p_ < 2) {
            throw unusual{}; // a raw control character, or the text ends inside an escape
        }
        out.append(run, p_);
        const char e = p_[1];
        p_ += 2;
        switch (e) {
        case '"':
        case '\\':
        case '/':
            out += e;
            break;
        case 'b':
            out += '\b';
            break;
        case 'f':
            out += '\f';
            break;
        case 'n':
            out += '\n';
            break;
        case 'r':
            out += '\r';
            break;
        case 't':
            out += '\t';
            break;
        case 'u': {
            auto hex4 = [this]() {
                if (end_ - p_ < 4) {
                    throw unusual{};
                }
                unsigned value = 0;
                const auto [last, status] = std::from_chars(p_, p_ + 4, value, 16);
                if (status != std::errc() || last != p_ + 4) {
                    throw unusual{};
                }
                p_ += 4;
                return value;
            };
            unsigned code = hex4();
            if (code >= 0xDC00 && code <= 0xDFFF) {
                throw unusual{}; // a low surrogate alone
            }
            if (code >= 0xD800 && code <= 0xDBFF) {
                if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') {
                    throw unusual{};
                }
                p_ += 2;
                const unsigned low = hex4();
                if (low < 0xDC00 || low > 0xDFFF) {
                    throw unusual{};
                }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
            }
            if (code < 0x80) {
                out += static_cast<char>(code);
            } else if (code < 0x800) {
                out += static_cast<char>(0xC0 | (code >> 6));
                out += static_cast<char>(0x80 | (code & 0x3F));
            } else if (code < 0x10000) {
                out += static_cast<char>(0xE0 | (code >> 12));
                out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
                out += static_cast<char>(0x80 | (code & 0x3F));
            } else {
                out += static_cast<char>(0xF0 | (code >> 18));
                out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
                out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
                out += static_cast<char>(0x80 | (code & 0x3F));
            }
            break;
        }
        default:
            throw unusual{};
        }
        run = p_;
    }
    throw unusual{};
}

inline const char* wire_reader::scan_number(bool& integral) const {
    const char* s = p_;
    auto digit = [&](const char* at) { return at != end_ && *at >= '0' && *at <= '9'; };
    integral = true;
    if (s != end_ && *s == '-') {
        ++s;
    }
    if (!digit(s)) {
        throw unusual{};
    }
    if (*s == '0') {
        ++s;
    } else {
        while (digit(s)) {
            ++s;
        }
    }
    if (s != end_ && *s == '.') {
        integral = false;
        ++s;
        if (!digit(s)) {
            throw unusual{};
        }
        while (digit(s)) {
            ++s;
        }
    }
    if (s != end_ && (*s == 'e' || *s == 'E')) {
        integral = false;
        ++s;
        if (s != end_ && (*s == '+' || *s == '-')) {
            ++s;
        }
        if (!digit(s)) {
            throw unusual{};
        }
        while (digit(s)) {
            ++s;
        }
    }
    return s;
}

inline double wire_reader::number() {
    skip_space();
    bool integral = false;
    double value = 0;
    if (short_number(value, integral)) {
        return value;
    }
    const char* last = scan_number(integral);
    if (integral) {
        // nlohmann keeps an integer as one and converts it when asked for a double: "-0" is 0.
        std::int64_t whole = 0;
        const auto [stop, status] = std::from_chars(p_, last, whole);
        if (status != std::errc() || stop != last) {
            throw unusual{}; // beyond 64 bits: the DOM path knows what nlohmann makes of it
        }
        value = static_cast<double>(whole);
    } else if (!short_decimal(last, value)) {
        value = read_double(last);
        if (!std::isfinite(value)) {
            throw unusual{};
        }
    }
    p_ = last;
    return value;
}

inline std::int64_t wire_reader::integer() {
    skip_space();
    bool integral = false;
    if (double exact = 0; short_number(exact, integral)) {
        if (!integral) {
            throw unusual{};
        }
        return static_cast<std::int64_t>(exact); // at most 15 digits: exact as a double
    }
    const char* last = scan_number(integral);
    std::int64_t value = 0;
    if (!integral) {
        throw unusual{};
    }
    const auto [stop, status] = std::from_chars(p_, last, value);
    if (status != std::errc() || stop != last) {
        throw unusual{};
    }
    p_ = last;
    return value;
}

inline void wire_reader::skip_value(int depth) {
    // Far deeper than any answer; the DOM path deals with the absurd.
    if (depth > 64) {
        throw unusual{};
    }
    skip_space();
    if (p_ == end_) {
        throw unusual{};
    }
    switch (*p_) {
    case '{': {
        begin_object();
        std::string_view key;
        while (member(key)) {
            skip_value(depth + 1);
        }
        return;
    }
    case '[':
        begin_array();
        while (element()) {
            skip_value(depth + 1);
        }
        return;
    case '"': {
        std::string ignored;
        string(ignored);
        return;
    }
    case 't':
        literal("true");
        return;
    case 'f':
        literal("false");
        return;
    case 'n':
        literal("null");
        return;
    default: {
        bool integral = false;
        const char* last = scan_number(integral);
        // What nlohmann would refuse (a double's overflow), or convert in ways not worth
        // copying (integers past 64 bits), is the DOM path's.
        if (integral ? last - p_ > 18 : !std::isfinite(read_double(last))) {
            throw unusual{};
        }
        p_ = last;
        return;
    }
    }
}

/// The v3.x results object (sentiment_results.cpp), at the reader's position.
wire_response read_sentiment_results(wire_reader& reader);
/// Each generation's parser without the fast path: the DOM alone, which the fast path must agree
/// with on every body (the tests hold it to that).
wire_response parse_response_v2_dom(std::string_view body);
wire_response parse_response_v3_dom(std::string_view body);
wire_response parse_response_language_dom(std::string_view body);

/// `{"charactersCount","transactionsCount"}` (sentiment_results.cpp).
document_statistics read_document_statistics(wire_reader& reader);

} // namespace ta::detail
