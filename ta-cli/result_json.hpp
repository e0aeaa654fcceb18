// A ta::result as the service writes it: the document object of each API generation. One
// serialiser for `ta --format json|jsonl` and for ta-server's answers.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include <ta/result.hpp>

namespace ta::cli {

struct result_json_options {
    /// Sentences always get "targets" and "assessments" (empty when none), as the service writes
    /// them when opinion mining was asked. Otherwise they appear only when either has something:
    /// a result cannot tell "not asked" from "none found".
    bool opinion_mining = false;
    /// The built-in engine's {"compound","pos","neu","neg"} as "vader", when the result has it.
    /// Not part of the service's shape.
    bool vader = false;
};

/// Whole numbers as integers, as the service writes them ("positive":1, not 1.0).
nlohmann::ordered_json service_number(double value);

/// The service's document object: v2 {"id","score"} (a result with a score and no label), else
/// {"id","sentiment","confidenceScores","sentences","warnings"}; "statistics" when the result has
/// them. `document_index` is its place in the answer's "documents", for opinion-mining refs
/// ("#/documents/0/sentences/1/assessments/0"). Precondition: result.ok().
/// The same, written as compact JSON onto `out` (what document_json parses: one serialiser).
void append_document_json(std::string& out, std::string_view id, const ta::result& result,
                          std::size_t document_index, const result_json_options& options = {});
/// The same, written after the first `used` bytes of `out` into the bytes it has, grown when
/// they are too few; returns how many bytes of `out` are then used (the rest is left as it
/// was: a caller that reuses `out` as a buffer need not clear it).
std::size_t write_document_json(std::string& out, std::size_t used, std::string_view id,
                                const ta::result& result, std::size_t document_index,
                                const result_json_options& options = {});
nlohmann::ordered_json document_json(std::string_view id, const ta::result& result,
                                     std::size_t document_index,
                                     const result_json_options& options = {});

} // namespace ta::cli
