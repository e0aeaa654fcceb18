// Small text helpers for protocol text (header names and values, API spellings): ASCII only, so
// the result never depends on the process's locale.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>

namespace ta::detail {

inline constexpr char ascii_lower(char c) noexcept {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// True when `a` and `b` are equal but for the case of ASCII letters (HTTP header names, enum
/// spellings).
inline constexpr bool equals_ignoring_case(std::string_view a, std::string_view b) noexcept {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

/// `text` without leading and trailing spaces, tabs, CRs and LFs (HTTP's optional white space,
/// and the line ends libcurl hands over with header lines).
inline constexpr std::string_view trim(std::string_view text) noexcept {
    constexpr std::string_view space = " \t\r\n";
    const std::size_t first = text.find_first_not_of(space);
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(space) - first + 1);
}

} // namespace ta::detail
