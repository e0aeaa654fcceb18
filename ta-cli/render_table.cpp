#include "render_table.hpp"

#include <algorithm>
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

    void write(const ta::document& document, const ta::result& result) override {
        write_header();
        const auto cells = cells_of(document, result);
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i > 0) {
                out_ << separator_;
            }
            out_ << escape_(cells[i]);
        }
        out_ << '\n';
    }

    void end() override { write_header(); }

  private:
    void write_header() {
        if (header_written_) {
            return;
        }
        header_written_ = true;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            out_ << (i == 0 ? "" : std::string_view(&separator_, 1)) << columns[i];
        }
        out_ << '\n';
    }

    std::ostream& out_;
    char separator_;
    escape_function escape_;
    bool header_written_ = false;
};

/// U+0000..U+001F and U+007F.
bool is_control(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7F;
}

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
            if (is_control(c)) {
                // Tools that read TSV take a raw NUL or escape as data or choke on it.
                constexpr std::string_view hex = "0123456789abcdef";
                const auto u = static_cast<unsigned char>(c);
                field += "\\x";
                field += hex[u >> 4];
                field += hex[u & 0xF];
            } else {
                field += c;
            }
        }
    }
    return field;
}

std::string csv_field(std::string_view text) {
    // Inside quotes any byte is data, so a control character is kept as it is and quoted.
    if (std::none_of(text.begin(), text.end(),
                     [](char c) { return c == ',' || c == '"' || is_control(c); })) {
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
