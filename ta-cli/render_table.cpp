#include "render_table.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <system_error>

#include "byte_words.hpp"

namespace ta::cli {
namespace {

constexpr std::array<std::string_view, 9> columns{"id",         "sentiment",     "positive",
                                                  "neutral",    "negative",      "score",
                                                  "error_code", "error_message", "text"};

class table_renderer final : public renderer {
  public:
    using append_function = void (*)(std::string&, std::string_view);

    table_renderer(std::ostream& out, char separator, append_function append_field)
        : out_(out), separator_(separator), append_field_(append_field) {}

    void write(const ta::document& document, const ta::result& result) override {
        write_header();
        row_.clear();
        append_field_(row_, result.id.empty() ? document.id : result.id);
        row_ += separator_;
        if (result.sentiment) {
            row_ += ta::to_string(*result.sentiment);
        }
        row_ += separator_;
        if (result.confidence) {
            append_score(row_, result.confidence->positive);
            row_ += separator_;
            append_score(row_, result.confidence->neutral);
            row_ += separator_;
            append_score(row_, result.confidence->negative);
        } else {
            row_ += separator_;
            row_ += separator_;
        }
        row_ += separator_;
        if (result.score) {
            append_score(row_, *result.score);
        }
        row_ += separator_;
        if (result.error) {
            append_field_(row_, result.error->code);
            row_ += separator_;
            append_field_(row_, result.error->message);
        } else {
            row_ += separator_;
        }
        row_ += separator_;
        append_field_(row_, document.text);
        row_ += '\n';
        out_.write(row_.data(), static_cast<std::streamsize>(row_.size()));
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
    append_function append_field_;
    std::string row_; ///< reused: one allocation for the run, not one per cell
    bool header_written_ = false;
};

/// U+0000..U+001F and U+007F.
bool is_control(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7F;
}

inline bool needs_tsv_escape(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7F || c == '\\';
}

} // namespace

void append_score(std::string& out, double value) {
    // Scores are mostly short decimals in 0..1: print the integer of value x 10^4 when that
    // product is clearly away from a rounding tie (where double arithmetic could round it the
    // other way than printf's exact decimal rounding); std::to_chars, which rounds exactly as
    // printf("%.4f") does, otherwise.
    const double scaled = value * 10'000;
    if (scaled >= 0 && scaled < 1e9) { // so that the product is off by less than 1e-7
        const double whole = std::floor(scaled);
        const double fraction = scaled - whole;
        if (std::fabs(fraction - 0.5) > 1e-6) {
            auto units = static_cast<std::uint64_t>(whole) + (fraction > 0.5 ? 1 : 0);
            char buffer[32];
            char* end = buffer + sizeof buffer;
            char* p = end;
            int decimals = 4;
            while (decimals > 0 && units % 10 == 0) { // trailing zeros are not written
                units /= 10;
                --decimals;
            }
            for (int d = 0; d < decimals; ++d) {
                *--p = static_cast<char>('0' + units % 10);
                units /= 10;
            }
            if (decimals > 0) {
                *--p = '.';
            }
            do {
                *--p = static_cast<char>('0' + units % 10);
                units /= 10;
            } while (units > 0);
            out.append(p, static_cast<std::size_t>(end - p));
            return;
        }
    }
    char buffer[400];
    const auto [end, error] =
        std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 4);
    if (error != std::errc()) {
        out += "nan";
        return;
    }
    std::string_view text(buffer, static_cast<std::size_t>(end - buffer));
    if (text.find('.') != std::string_view::npos) {
        while (text.back() == '0') {
            text.remove_suffix(1);
        }
        if (text.back() == '.') {
            text.remove_suffix(1);
        }
    }
    out += text == "-0" ? std::string_view("0") : text;
}

std::string format_score(double value) {
    std::string text;
    append_score(text, value);
    return text;
}

void append_tsv_field(std::string& out, std::string_view text) {
    // Eight bytes at a time while none is a control character or a backslash (each test sets
    // a byte's high bit where it holds); then byte by byte.
    std::size_t clean = 0;
    while (clean + 8 <= text.size()) {
        using namespace byte_words;
        const std::uint64_t word = load(text.data() + clean);
        if ((any_below(word, 0x20) | any_equal(word, 0x7F) | any_equal(word, '\\')) != 0) {
            break;
        }
        clean += 8;
    }
    auto plain = text.begin() + static_cast<std::ptrdiff_t>(clean);
    while (plain != text.end() && !needs_tsv_escape(*plain)) {
        ++plain;
    }
    out.append(text.begin(), plain);
    for (auto it = plain; it != text.end(); ++it) {
        const char c = *it;
        switch (c) {
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\\':
            out += "\\\\";
            break;
        default:
            if (is_control(c)) {
                // Tools that read TSV take a raw NUL or escape as data or choke on it.
                constexpr std::string_view hex = "0123456789abcdef";
                const auto u = static_cast<unsigned char>(c);
                out += "\\x";
                out += hex[u >> 4];
                out += hex[u & 0xF];
            } else {
                out += c;
            }
        }
    }
}

std::string tsv_field(std::string_view text) {
    std::string field;
    append_tsv_field(field, text);
    return field;
}

void append_csv_field(std::string& out, std::string_view text) {
    // Inside quotes any byte is data, so a control character is kept as it is and quoted.
    if (std::none_of(text.begin(), text.end(),
                     [](char c) { return c == ',' || c == '"' || is_control(c); })) {
        out += text;
        return;
    }
    out += '"';
    for (const char c : text) {
        out += c;
        if (c == '"') {
            out += '"';
        }
    }
    out += '"';
}

std::string csv_field(std::string_view text) {
    std::string field;
    append_csv_field(field, text);
    return field;
}

std::unique_ptr<renderer> make_tsv_renderer(std::ostream& out) {
    return std::make_unique<table_renderer>(out, '\t', &append_tsv_field);
}

std::unique_ptr<renderer> make_csv_renderer(std::ostream& out) {
    return std::make_unique<table_renderer>(out, ',', &append_csv_field);
}

} // namespace ta::cli
