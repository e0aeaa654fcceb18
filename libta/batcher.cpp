#include "detail/batcher.hpp"

#include <array>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ta::detail {
namespace {

// JSON string length as nlohmann writes it (UTF-8 kept as is; quotes, backslashes and control
// characters escaped).
std::size_t json_string_size(std::string_view text) {
    // One table look-up a byte: what each byte adds beyond itself.
    static constexpr auto extra = [] {
        std::array<unsigned char, 256> table{};
        for (int c = 0; c < 0x20; ++c) {
            table[c] = 5; // \u00XX
        }
        for (const char c : {'"', '\\', '\b', '\f', '\n', '\r', '\t'}) {
            table[static_cast<unsigned char>(c)] = 1;
        }
        return table;
    }();
    // Eight bytes at a time while none needs escaping (most text); then the table for the word
    // that has one, and for the tail. Each byte's high bit is set where it needs none: its low
    // seven bits are 0x20 or more and neither a quote nor a backslash (seven bits plus at most
    // 0x7F carry into no other byte), or it is not ASCII.
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t highs = 0x8080808080808080ULL;
    std::size_t size = 2 + text.size();
    const char* p = text.data();
    const char* const end = p + text.size();
#if defined(__SSE2__)
    // Sixteen bytes at a time: the controls are the bytes whose unsigned minimum with 0x1F is
    // themselves.
    for (; end - p >= 16; p += 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i found =
            _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(bytes, _mm_set1_epi8(0x1F)), bytes),
                         _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')),
                                      _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'))));
        if (_mm_movemask_epi8(found) == 0) {
            continue;
        }
        for (int i = 0; i < 16; ++i) {
            size += extra[static_cast<unsigned char>(p[i])];
        }
    }
#endif
    for (; end - p >= 8; p += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, p, sizeof word);
        const std::uint64_t low = word & ~highs;
        const std::uint64_t plain = ((low + ones * 0x60) & ((low ^ (ones * '"')) + ones * 0x7F) &
                                     ((low ^ (ones * '\\')) + ones * 0x7F)) |
                                    word;
        if ((~plain & highs) == 0) {
            continue;
        }
        for (int i = 0; i < 8; ++i) {
            size += extra[static_cast<unsigned char>(p[i])];
        }
    }
    for (; p != end; ++p) {
        size += extra[static_cast<unsigned char>(*p)];
    }
    return size;
}

} // namespace

std::size_t wire_size(std::string_view id, std::string_view text, std::string_view language) {
    // {"id":…,"text":…,"language":…},
    return 30 + json_string_size(id) + json_string_size(text) + json_string_size(language);
}

} // namespace ta::detail
