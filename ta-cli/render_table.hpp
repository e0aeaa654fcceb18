// --format tsv and --format csv: a header line, then one row per document with the columns
// id, sentiment, positive, neutral, negative, score, error_code, error_message, text.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "renderer.hpp"

namespace ta::cli {

/// Fields escaped as \t \n \r \\, and other control characters (U+0000..U+001F, U+007F) as
/// \xHH (lowercase hex); lines end in "\n". The header is written with the first row (or by
/// end() when there is none).
std::unique_ptr<renderer> make_tsv_renderer(std::ostream& out);
/// RFC 4180 fields (quoted when they hold a comma, a quote or a control character, line breaks
/// included; quotes doubled; the bytes kept as they are); lines end in "\n", not CRLF.
std::unique_ptr<renderer> make_csv_renderer(std::ostream& out);

/// Up to 4 decimals, without trailing zeros: 0.98 -> "0.98", 1 -> "1", 0.0065731 -> "0.0066".
std::string format_score(double value);
std::string tsv_field(std::string_view text);
std::string csv_field(std::string_view text);

/// The same, appended to `out` (what the renderers use, one reused buffer per row).
void append_score(std::string& out, double value);
void append_tsv_field(std::string& out, std::string_view text);
void append_csv_field(std::string& out, std::string_view text);

/// The same, written at `p`, which has room for it: 400 bytes for a score (8 for one in 0..1),
/// 4 a byte of text for a TSV field, 2 a byte and 2 for a CSV field. Each returns the end of
/// what it wrote.
char* write_score(char* p, double value) noexcept;
char* write_tsv_field(char* p, std::string_view text) noexcept;
char* write_csv_field(char* p, std::string_view text) noexcept;

} // namespace ta::cli
