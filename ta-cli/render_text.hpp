// --format text: one readable line per document.
#pragma once

#include <cstddef>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "renderer.hpp"

namespace ta::cli {

/// The width ids are padded to at least, so that up to 999 documents line up.
inline constexpr std::size_t min_text_id_width = 3;

/// "<id>  positive  pos 0.98  neu 0.01  neg 0.01  <text>"; v2: "<id>  score 0.973  <text>";
/// a failed document: "<id>  error  <code>: <message>". The id is padded with spaces to
/// min_text_id_width, or to the widest id written so far when that is wider. Control characters
/// in the id, the text, the code and the message become spaces: one document, one line.
/// After the last document, when `engine` is given: "-- scored by <engine>".
std::unique_ptr<renderer> make_text_renderer(std::ostream& out, engine_description engine = {});

/// `text` on one line: control characters (line breaks, tabs) become spaces, and text wider
/// than `max_columns` on a terminal (a CJK character or an emoji takes two) is cut between two
/// user-perceived characters and ends in "…", within max_columns.
std::string one_line_excerpt(std::string_view text, std::size_t max_columns = 60);

} // namespace ta::cli
