// Eight bytes at a time: tests over a 64-bit word that set a byte's high bit where the byte has
// the property, so that a scan can skip plain text a word at a time (the renderers' escapers).
#pragma once

#include <cstdint>
#include <cstring>

namespace ta::cli::byte_words {

inline constexpr std::uint64_t ones = 0x0101010101010101ULL;
inline constexpr std::uint64_t highs = 0x8080808080808080ULL;

/// The 8 bytes at `p`.
inline std::uint64_t load(const char* p) noexcept {
    std::uint64_t word = 0;
    std::memcpy(&word, p, sizeof word);
    return word;
}

/// Nonzero when a byte of `word` is below `limit` (at most 0x80).
constexpr std::uint64_t any_below(std::uint64_t word, unsigned char limit) noexcept {
    return (word - ones * limit) & ~word & highs;
}

/// Nonzero when a byte of `word` equals `byte`.
constexpr std::uint64_t any_equal(std::uint64_t word, unsigned char byte) noexcept {
    const std::uint64_t v = word ^ (ones * byte);
    return (v - ones) & ~v & highs;
}

/// Nonzero when a byte of `word` is 0x80 or above (not ASCII).
constexpr std::uint64_t any_high(std::uint64_t word) noexcept {
    return word & highs;
}

} // namespace ta::cli::byte_words
