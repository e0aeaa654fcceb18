// JSON written straight into a string: what the hot paths (ta --format jsonl, one document per
// line) use instead of building a tree per document.
#pragma once

#include <cstdint>
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

} // namespace ta::cli
