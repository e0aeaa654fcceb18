#include "render_table.hpp"

#include <array>
#include <cstdio>

namespace ta::cli {
namespace {

constexpr std::array<std::string_view, 9> columns{"id",         "sentiment",     "positive",
                                                  "neutral",    "negative",      "score",
                                                  "error_code", "error_message", "text"};

/// The cells of one row, before escaping, in the order of `columns`.
std::array<std::string, 9> cells_of(const ta::document& document, const ta::result& result) {
    std::array<std::string, 9> cells;
    cells[0] = result.id.empty() ? document.id : result.id;
    if (result.sentiment) {
        cells[1] = ta::to_string(*result.sentiment);
    }
    if (result.confidence) {
        cells[2] = format_score(result.confidence->positive);
        cells[3] = format_score(result.confidence->neutral);
        cells[4] = format_score(result.confidence->negative);
    }
    if (result.score) {
        cells[5] = format_score(*result.score);
    }
    if (result.error) {
        cells[6] = result.error->code;
        cells[7] = result.error->message;
    }
    cells[8] = document.text;
    return cells;
}

class table_renderer final : public renderer {
  public:
    using escape_function = std::string (*)(std::string_view);

    table_renderer(std::ostream& out, char separator, escape_function escape)
        : out_(out), separator_(separator), escape_(escape) {}

    void begin() override {
        for (std::size_t i = 0; i < columns.size(); ++i) {
            out_ << (i == 0 ? "" : std::string_view(&separator_, 1)) << columns[i];
        }
        out_ << '\n';
    }

    void write(const ta::document& document, const ta::result& result) override {
        const auto cells = cells_of(document, result);
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i > 0) {
                out_ << separator_;
            }
            out_ << escape_(cells[i]);
        }
        out_ << '\n';
    }

  private:
    std::ostream& out_;
    char separator_;
    escape_function escape_;
};

} // namespace

std::string format_score(double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.4f", value);
    std::string text = buffer;
    if (text.find('.') != std::string::npos) {
        while (text.back() == '0') {
            text.pop_back();
        }
        if (text.back() == '.') {
            text.pop_back();
        }
    }
    return text == "-0" ? "0" : text;
}

std::string tsv_field(std::string_view text) {
    std::string field;
    field.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '\t':
            field += "\\t";
            break;
        case '\n':
            field += "\\n";
            break;
        case '\r':
            field += "\\r";
            break;
        case '\\':
            field += "\\\\";
            break;
        default:
            field += c;
        }
    }
    return field;
}

std::string csv_field(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        return std::string(text);
    }
    std::string field = "\"";
    for (const char c : text) {
        field += c;
        if (c == '"') {
            field += '"';
        }
    }
    field += '"';
    return field;
}

std::unique_ptr<renderer> make_tsv_renderer(std::ostream& out) {
    return std::make_unique<table_renderer>(out, '\t', &tsv_field);
}

std::unique_ptr<renderer> make_csv_renderer(std::ostream& out) {
    return std::make_unique<table_renderer>(out, ',', &csv_field);
}

} // namespace ta::cli
