// The data VADER 3.3.2 reads from files, compiled in (libta/vader_lexicon_table.cpp is made by
// tools/generate-vader-tables). The scorer looks words up in vader_word_table
// (detail/vader_words.hpp), which is built from these.
#pragma once

#include <cstddef>
#include <string_view>

namespace ta::detail {

struct lexicon_entry {
    std::string_view word;
    double valence;
};

struct emoji_entry {
    char32_t code_point;
    std::string_view name;
};

/// Sorted by word (bytes), one entry per word: the last of a repeated key, as Python's dict.
extern const lexicon_entry vader_lexicon[];
extern const std::size_t vader_lexicon_size;
/// Sorted by code point: the single code point emoji of Unicode 11.0 and their names.
extern const emoji_entry vader_emoji[];
extern const std::size_t vader_emoji_size;

/// The emoji's name, or an empty view when `code_point` is not one of VADER's emoji.
std::string_view emoji_name(char32_t code_point) noexcept;

} // namespace ta::detail
