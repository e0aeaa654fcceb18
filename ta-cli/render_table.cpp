#include "render_table.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <system_error>

#include "byte_words.hpp"
#include "json_text.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ta::cli {
namespace {

constexpr std::array<std::string_view, 9> columns{"id",         "sentiment",     "positive",
                                                  "neutral",    "negative",      "score",
                                                  "error_code", "error_message", "text"};

/// The most bytes a score takes: printf("%.4f") of the largest double, in the rare case
/// that a score is not one.
constexpr std::size_t score_bound = 400;

class table_renderer final : public renderer {
  public:
    using write_function = char* (*)(char*, std::string_view);

    /// `write_field` writes at most `bytes_per_byte` bytes a byte of a field, plus 2.
    table_renderer(std::ostream& out, char separator, write_function write_field,
                   std::size_t bytes_per_byte)
        : out_(out), separator_(separator), write_field_(write_field),
          bytes_per_byte_(bytes_per_byte) {}

    void write(const ta::document& document, const ta::result& result) override {
        write_header();
        const std::string_view id = result.id.empty() ? document.id : result.id;
        const std::string_view code = result.error ? result.error->code : std::string_view();
        const std::string_view message = result.error ? result.error->message : std::string_view();
        // Room for the whole row at once, then plain stores. row_ keeps its size from row to
        // row, and each row is written over the last.
        const std::size_t room =
            bytes_per_byte_ * (id.size() + code.size() + message.size() + document.text.size()) +
            4 * 2 + 4 * score_bound + 64;
        if (row_.size() < room) {
            row_.resize(std::max(room, 2 * row_.size()));
        }
        char* p = row_.data();
        p = write_field_(p, id);
        *p++ = separator_;
        if (result.sentiment) {
            const std::string_view label = ta::to_string(*result.sentiment);
            std::memcpy(p, label.data(), label.size());
            p += label.size();
        }
        *p++ = separator_;
        if (result.confidence) {
            p = write_score(p, result.confidence->positive);
            *p++ = separator_;
            p = write_score(p, result.confidence->neutral);
            *p++ = separator_;
            p = write_score(p, result.confidence->negative);
        } else {
            *p++ = separator_;
            *p++ = separator_;
        }
        *p++ = separator_;
        if (result.score) {
            p = write_score(p, *result.score);
        }
        *p++ = separator_;
        if (result.error) {
            p = write_field_(p, code);
            *p++ = separator_;
            p = write_field_(p, message);
        } else {
            *p++ = separator_;
        }
        *p++ = separator_;
        p = write_field_(p, document.text);
        *p++ = '\n';
        out_.write(row_.data(), p - row_.data());
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
    write_function write_field_;
    std::size_t bytes_per_byte_;
    std::string row_; ///< reused: one allocation for the run, not one per row
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

char* write_score(char* p, double value) noexcept {
    // Scores are mostly short decimals in 0..1: print the integer of value x 10^4 when that
    // product is clearly away from a rounding tie (where double arithmetic could round it the
    // other way than printf's exact decimal rounding); std::to_chars, which rounds exactly as
    // printf("%.4f") does, otherwise.
    const double scaled = value * 10'000;
    if (scaled >= 0 && scaled < 1e9) { // so that the product is off by less than 1e-7
        // The floor of a number from 0 on, without a call to floor().
        const auto whole = static_cast<std::uint64_t>(scaled);
        const double fraction = scaled - static_cast<double>(whole);
        if (std::fabs(fraction - 0.5) > 1e-6) {
            return write_ten_thousandths(p, whole + (fraction > 0.5 ? 1 : 0));
        }
        // Near a tie (a score of (compound + 1) / 2 often is): which side of whole + 0.5 the
        // exact product lies on, from the product's rounding error, found exactly by Dekker's
        // product (10^4 needs no splitting: it has 14 bits). The difference from the tie is
        // exact too (Sterbenz: the two are within a factor of 2), so the sign of their sum is
        // the sign of the exact difference, zero only at a true tie, which printf's rounding
        // (to even) decides below.
        constexpr double split = 134'217'729; // 2^27 + 1
        const double c = split * value;
        const double high = c - (c - value);
        const double low = value - high;
        const double error = (high * 10'000 - scaled) + low * 10'000;
        const double tie = static_cast<double>(whole) + 0.5;
        const double side = (scaled - tie) + error;
        if (side != 0) {
            return write_ten_thousandths(p, whole + (side > 0 ? 1 : 0));
        }
    }
    char buffer[score_bound];
    const auto [end, error] =
        std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 4);
    if (error != std::errc()) {
        std::memcpy(p, "nan", 3);
        return p + 3;
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
    if (text == "-0") {
        text = "0";
    }
    std::memcpy(p, text.data(), text.size());
    return p + text.size();
}

void append_score(std::string& out, double value) {
    char buffer[score_bound];
    out.append(buffer, write_score(buffer, value));
}

std::string format_score(double value) {
    std::string text;
    append_score(text, value);
    return text;
}

char* write_tsv_field(char* p, std::string_view text) noexcept {
    // Eight bytes at a time while none is a control character or a backslash (each test sets
    // a byte's high bit where it holds); then byte by byte.
    const auto clean_word = [&text](std::size_t at) {
        using namespace byte_words;
        const std::uint64_t word = load(text.data() + at);
        return (any_below(word, 0x20) | any_equal(word, 0x7F) | any_equal(word, '\\')) == 0;
    };
    std::size_t clean = 0;
#if defined(__SSE2__)
    // Sixteen at a time first: the controls are the bytes whose unsigned minimum with 0x1F is
    // themselves; the mask's lowest bit is the first byte that needs a look.
    while (clean + 16 <= text.size()) {
        const __m128i bytes =
            _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + clean));
        const __m128i found =
            _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(bytes, _mm_set1_epi8(0x1F)), bytes),
                         _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(0x7F)),
                                      _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'))));
        if (const int mask = _mm_movemask_epi8(found); mask != 0) {
            clean += static_cast<std::size_t>(std::countr_zero(static_cast<unsigned>(mask)));
            break;
        }
        clean += 16;
    }
#endif
    while (clean + 8 <= text.size() && clean_word(clean)) {
        clean += 8;
    }
    // Fewer than eight left: the last eight, overlapping bytes already read, in one test.
    if (clean + 8 > text.size() && text.size() >= 8 && clean_word(text.size() - 8)) {
        clean = text.size();
    }
    while (clean < text.size() && !needs_tsv_escape(text[clean])) {
        ++clean;
    }
    std::memcpy(p, text.data(), clean);
    p += clean;
    for (std::size_t i = clean; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
        case '\t':
            *p++ = '\\';
            *p++ = 't';
            break;
        case '\n':
            *p++ = '\\';
            *p++ = 'n';
            break;
        case '\r':
            *p++ = '\\';
            *p++ = 'r';
            break;
        case '\\':
            *p++ = '\\';
            *p++ = '\\';
            break;
        default:
            if (is_control(c)) {
                // Tools that read TSV take a raw NUL or escape as data or choke on it.
                constexpr std::string_view hex = "0123456789abcdef";
                const auto u = static_cast<unsigned char>(c);
                *p++ = '\\';
                *p++ = 'x';
                *p++ = hex[u >> 4];
                *p++ = hex[u & 0xF];
            } else {
                *p++ = c;
            }
        }
    }
    return p;
}

void append_tsv_field(std::string& out, std::string_view text) {
    const std::size_t used = out.size();
    out.resize(used + 4 * text.size());
    out.resize(static_cast<std::size_t>(write_tsv_field(out.data() + used, text) - out.data()));
}

std::string tsv_field(std::string_view text) {
    std::string field;
    append_tsv_field(field, text);
    return field;
}

char* write_csv_field(char* p, std::string_view text) noexcept {
    // Inside quotes any byte is data, so a control character is kept as it is and quoted.
    if (std::none_of(text.begin(), text.end(),
                     [](char c) { return c == ',' || c == '"' || is_control(c); })) {
        std::memcpy(p, text.data(), text.size());
        return p + text.size();
    }
    *p++ = '"';
    for (const char c : text) {
        *p++ = c;
        if (c == '"') {
            *p++ = '"';
        }
    }
    *p++ = '"';
    return p;
}

void append_csv_field(std::string& out, std::string_view text) {
    const std::size_t used = out.size();
    out.resize(used + 2 * text.size() + 2);
    out.resize(static_cast<std::size_t>(write_csv_field(out.data() + used, text) - out.data()));
}

std::string csv_field(std::string_view text) {
    std::string field;
    append_csv_field(field, text);
    return field;
}

std::unique_ptr<renderer> make_tsv_renderer(std::ostream& out) {
    return std::make_unique<table_renderer>(out, '\t', &write_tsv_field, 4);
}

std::unique_ptr<renderer> make_csv_renderer(std::ostream& out) {
    return std::make_unique<table_renderer>(out, ',', &write_csv_field, 2);
}

} // namespace ta::cli
