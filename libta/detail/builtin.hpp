// The built-in analyzer's scoring of one document, for its stream (libta/builtin_stream.cpp).
#pragma once

#include <ta/builtin.hpp>

namespace ta::detail {

/// builtin_analyzer::analyze_one, into `r` (a default result): the stream scores each document
/// straight into its batch's results, with no result to move and destroy.
void analyze_into(const builtin_options& options, const document& doc, result& r);

} // namespace ta::detail
