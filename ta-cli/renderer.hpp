// The output side of the CLI: one interface, one implementation per --format. Renderers are pure:
// (document, result) pairs in, text out, so they are tested without a process.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include <ta/document.hpp>
#include <ta/result.hpp>

namespace ta::cli {

enum class output_format { text, tsv, csv, json, jsonl };

/// "text", "tsv", "csv", "json", "jsonl".
std::string_view to_string(output_format format) noexcept;
std::optional<output_format> parse_output_format(std::string_view name) noexcept;

/// Streaming: write() once per document in input order, then end() once. Nothing is written
/// before the first write() or end() (a header, "{"), so a run that fails before its first
/// record leaves the output empty, and one that fails later can still end() it into a whole,
/// valid document. A renderer holds no more than the few things it must write at the end.
class renderer {
  public:
    virtual ~renderer() = default;
    virtual void write(const ta::document& document, const ta::result& result) = 0;
    virtual void end() {}
};

/// What scored the documents, for people ("the built-in engine (VADER 3.3.2)"); asked for at
/// the end, when the remote client knows which API version it settled on.
using engine_description = std::function<std::string()>;

/// The renderer for `format`, writing to `out`. The text format names the engine at its end.
std::unique_ptr<renderer> make_renderer(output_format format, std::ostream& out,
                                        engine_description engine = {});

} // namespace ta::cli
