#include "renderer.hpp"

#include <array>
#include <utility>

#include "render_json.hpp"
#include "render_table.hpp"
#include "render_text.hpp"

namespace ta::cli {
namespace {

constexpr std::array<std::pair<std::string_view, output_format>, 5> format_names{{
    {"text", output_format::text},
    {"tsv", output_format::tsv},
    {"csv", output_format::csv},
    {"json", output_format::json},
    {"jsonl", output_format::jsonl},
}};

} // namespace

std::string_view to_string(output_format format) noexcept {
    for (const auto& [name, value] : format_names) {
        if (value == format) {
            return name;
        }
    }
    return "text";
}

std::optional<output_format> parse_output_format(std::string_view name) noexcept {
    for (const auto& [known, value] : format_names) {
        if (known == name) {
            return value;
        }
    }
    return std::nullopt;
}

std::unique_ptr<renderer> make_renderer(output_format format, std::ostream& out,
                                        engine_description engine) {
    switch (format) {
    case output_format::tsv:
        return make_tsv_renderer(out);
    case output_format::csv:
        return make_csv_renderer(out);
    case output_format::json:
        return make_json_renderer(out);
    case output_format::jsonl:
        return make_jsonl_renderer(out);
    case output_format::text:
        break;
    }
    return make_text_renderer(out, std::move(engine));
}

} // namespace ta::cli
