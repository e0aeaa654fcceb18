// JSON written straight into a string: what the hot paths (ta --format jsonl, one document per
// line) use instead of building a tree per document.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace ta::cli {

/// `text` as a JSON string, quotes included: '"', '\\' and control characters escaped (\n, \t,
/// ... or \u00XX), other characters as they are; a byte that is not part of valid UTF-8
/// becomes U+FFFD, so the output is always valid JSON.
void append_json_string(std::string& out, std::string_view text);

/// A number as the service writes it: a whole number as an integer ("1", not "1.0"), others in
/// the shortest form that reads back as the same double ("0.6369", "1e-07").
void append_json_number(std::string& out, double value);
void append_json_integer(std::string& out, std::int64_t value);

/// The most bytes a JSON string of `size` bytes of text takes: its quotes, and six a byte (a
/// control character is written \u00XX).
constexpr std::size_t json_string_bound(std::size_t size) noexcept {
    return 2 + 6 * size;
}
/// The most bytes a number or an integer takes (the longest shortest form of a double is 24).
inline constexpr std::size_t json_number_bound = 32;

/// The same as the append_ functions, written at `p`, which has room for the bound above;
/// each returns the end of what it wrote.
char* write_json_string(char* p, std::string_view text) noexcept;
char* write_json_number(char* p, double value) noexcept;
char* write_json_integer(char* p, std::int64_t value) noexcept;

/// write_ten_thousandths of 10,000 units or more (out of line: few numbers are).
char* write_ten_thousandths_beyond_one(char* p, std::uint64_t units) noexcept;

namespace detail {

/// "00" to "99" as two bytes (the first lowest), with the length of a score whose last two
/// digits they are: in bits 16 to 23 when they are its hundredths and ten-thousandths ("0.xx"
/// then the pair, trailing zeros cut), in bits 24 to 31 when they are its tenths and
/// hundredths and nothing follows. One load a pair.
inline constexpr std::array<std::uint32_t, 100> digit_pairs = [] {
    std::array<std::uint32_t, 100> pairs{};
    for (std::uint32_t n = 0; n < 100; ++n) {
        const std::uint32_t text = ('0' + n / 10) | (('0' + n % 10) << 8);
        const std::uint32_t as_low = n % 10 == 0 ? 5 : 6;               // 0.xxy0 or 0.xxyy
        const std::uint32_t as_high = n == 0 ? 1 : n % 10 == 0 ? 3 : 4; // 0, 0.x or 0.xy
        pairs[n] = text | (as_low << 16) | (as_high << 24);
    }
    return pairs;
}();

} // namespace detail

/// `units` ten-thousandths (below 10^19) as a decimal without trailing zeros: 6369 is "0.6369",
/// 5000 "0.5", 20000 "2". Writes up to 24 bytes (8 for a number below 1). The JSON and TSV
/// renderers' numbers, nearly all of them scores of four places at most: inline for those.
inline char* write_ten_thousandths(char* p, std::uint64_t units) noexcept {
    if (units >= 10'000) {
        return write_ten_thousandths_beyond_one(p, units);
    }
    // "0." and four digits, two at a time, in one store; the length leaves the trailing zeros
    // out ("0.5", and "0" for none).
    const auto u = static_cast<std::uint32_t>(units);
    const std::uint32_t high = detail::digit_pairs[u / 100];
    const std::uint32_t low = detail::digit_pairs[u % 100];
    const std::uint64_t text = '0' | ('.' << 8) | (std::uint64_t{high & 0xFFFF} << 16) |
                               (std::uint64_t{low & 0xFFFF} << 32);
    if constexpr (std::endian::native == std::endian::little) {
        std::memcpy(p, &text, sizeof text); // the first character lowest
    } else {
        for (std::size_t i = 0; i < sizeof text; ++i) {
            p[i] = static_cast<char>(text >> (8 * i));
        }
    }
    const std::uint32_t length =
        (low & 0xFFFF) != ('0' | ('0' << 8)) ? (low >> 16) & 0xFF : high >> 24;
    return p + length;
}

/// Writes JSON after the first `used` bytes of a string, into bytes the string already has:
/// each piece of a document first makes room for the most it can take (one comparison), then
/// writes with plain stores, which costs a fraction of std::string's checked appends, one per
/// key and number. finish() says how many bytes of the string are then used; the caller cuts
/// it to that (or keeps the bytes beyond, to write over next time: no clearing, no zeroing).
class text_buffer {
  public:
    text_buffer(std::string& out, std::size_t used) noexcept
        : out_(out), p_(out.data() + used), end_(out.data() + out.size()) {}

    /// Makes room for `size` more bytes.
    void room(std::size_t size) {
        if (static_cast<std::size_t>(end_ - p_) < size) {
            grow(size);
        }
    }

    /// Our own text (keys, punctuation): nothing in it to escape. A literal's length is known
    /// where it is written, so that copying it takes a few stores.
    template <std::size_t size> void literal(const char (&text)[size]) noexcept {
        std::memcpy(p_, text, size - 1);
        p_ += size - 1;
    }
    void raw(std::string_view text) noexcept {
        std::memcpy(p_, text.data(), text.size());
        p_ += text.size();
    }
    void character(char c) noexcept { *p_++ = c; }
    void string(std::string_view text) noexcept { p_ = write_json_string(p_, text); }
    void number(double value) noexcept { p_ = write_json_number(p_, value); }
    void integer(std::int64_t value) noexcept { p_ = write_json_integer(p_, value); }

    std::size_t finish() const noexcept { return static_cast<std::size_t>(p_ - out_.data()); }

  private:
    void grow(std::size_t size);

    std::string& out_;
    char* p_;
    char* end_;
};

} // namespace ta::cli
