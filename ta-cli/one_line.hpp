// Text from outside (documents, ids, the service's messages) made safe to show on one line of a
// terminal: a line break would split a record, an escape sequence would drive the terminal.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ta::cli {

/// `text` with each control character (U+0000..U+001F, U+007F, and U+0080..U+009F encoded in
/// UTF-8) replaced by a space; everything else, invalid UTF-8 included, is kept as it is.
std::string one_line(std::string_view text);

/// Whether `text` is UTF-8 (no stray, overlong or surrogate sequences).
bool is_valid_utf8(std::string_view text) noexcept;

/// A user-perceived character (a grapheme cluster) of `text` from `start`: where it ends and
/// the columns a terminal gives it once one_line() has made it safe: 2 for wide (East Asian,
/// emoji, flags, a character with the emoji presentation selector), 0 for a lone combining
/// mark, otherwise 1. A control character, or a byte that is not UTF-8, is a character of its
/// own, 1 column wide.
struct shown_character {
    std::size_t end = 0;
    std::size_t columns = 0;
};
shown_character next_shown_character(std::string_view text, std::size_t start) noexcept;

/// The columns `text` takes on a terminal once one_line() has made it safe.
std::size_t display_columns(std::string_view text) noexcept;

} // namespace ta::cli
