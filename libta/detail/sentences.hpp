// Sentence boundaries for the built-in engine, and offsets in the service's units.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include <ta/string_index.hpp>

namespace ta::detail {

/// A sentence as bytes of the document: [begin, end), without the white space around it.
struct sentence_span {
    std::size_t begin = 0;
    std::size_t end = 0;
};

/// Splits valid UTF-8 `text` into sentences: a sentence ends after a run of terminators
/// (. ! ? … and their full-width forms) and any closing quotes or brackets, where white space
/// or the end follows, except after a common abbreviation ("Mr.", "e.g.") or an initial
/// ("J."); a line break ends one too. Text without a terminator is one sentence. Blank text
/// has none.
std::vector<sentence_span> split_sentences(std::string_view text);
/// The same into `sentences` (whatever it held is replaced), so that a caller scoring many
/// documents reuses one vector's memory.
void split_sentences(std::string_view text, std::vector<sentence_span>& sentences);

/// The length of text[0, position) in `unit`, for each of the ascending byte `positions`.
std::vector<std::int64_t> measure_offsets(std::string_view text,
                                          const std::vector<std::size_t>& positions,
                                          string_index_type unit);
/// The same into `offsets` (whatever it held is replaced).
void measure_offsets(std::string_view text, std::span<const std::size_t> positions,
                     string_index_type unit, std::vector<std::int64_t>& offsets);

} // namespace ta::detail
