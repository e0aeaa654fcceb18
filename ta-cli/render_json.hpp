// --format json and --format jsonl: the service's own shapes, so tools written for the service's
// answers read ta's output.
#pragma once

#include <memory>
#include <ostream>

#include "renderer.hpp"

namespace ta::cli {

/// One object per line: the service's document object ({"id","sentiment","confidenceScores",
/// "sentences","warnings"}; v2 {"id","score"}) or {"id","error":{"code","message"}}. A result of
/// the built-in engine also has "vader": {"compound","pos","neu","neg"} (VADER's own scores).
/// Relation refs point at "#/documents/0/...", as if each line were a one-document answer.
std::unique_ptr<renderer> make_jsonl_renderer(std::ostream& out);

/// One response, {"documents":[...],"errors":[...],"modelVersion":"..."}, pretty-printed with a
/// 2-space indent ("modelVersion" only when the results had one: not with v2), each document as
/// in jsonl ("vader" included). Documents are written as they come; errors are kept until the end.
std::unique_ptr<renderer> make_json_renderer(std::ostream& out);

} // namespace ta::cli
