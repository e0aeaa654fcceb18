#include "render_text.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "one_line.hpp"

namespace ta::cli {
namespace {

std::string fixed(double value, int decimals) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

class text_renderer final : public renderer {
  public:
    text_renderer(std::ostream& out, engine_description engine)
        : out_(out), engine_(std::move(engine)) {}

    void write(const ta::document& document, const ta::result& result) override {
        written_ = true;
        std::string id = one_line(result.id.empty() ? document.id : result.id);
        // Only the ids seen so far are known: the column grows, it never shrinks.
        const std::size_t width = display_columns(id);
        id_width_ = std::max(id_width_, width);
        id.append(id_width_ - width, ' ');
        out_ << id << "  ";
        if (result.error) {
            out_ << "error  " << one_line(result.error->code) << ": "
                 << one_line(result.error->message) << '\n';
            return;
        }
        if (result.sentiment) {
            std::string label(ta::to_string(*result.sentiment));
            // Padded so that the scores line up whatever the label.
            label.resize(8, ' ');
            out_ << label << "  ";
            if (result.confidence) {
                out_ << "pos " << fixed(result.confidence->positive, 2) << "  neu "
                     << fixed(result.confidence->neutral, 2) << "  neg "
                     << fixed(result.confidence->negative, 2) << "  ";
            }
        } else if (result.score) {
            out_ << "score " << fixed(*result.score, 3) << "  ";
        }
        out_ << one_line_excerpt(document.text) << '\n';
    }

    void end() override {
        if (written_ && engine_) {
            out_ << "-- scored by " << one_line(engine_()) << '\n';
        }
    }

  private:
    std::ostream& out_;
    engine_description engine_;
    bool written_ = false;
    std::size_t id_width_ = min_text_id_width;
};

} // namespace

std::string one_line_excerpt(std::string_view text, std::size_t max_columns) {
    // Cut between user-perceived characters (an accent stays with its letter, a skin tone with
    // its emoji), so that what is kept and the "…" take max_columns at most.
    const std::size_t ellipsis_columns = 1;
    std::size_t columns = 0;
    std::size_t keep_when_cut = 0; // the end of the characters that leave room for the "…"
    for (std::size_t at = 0; at < text.size();) {
        const shown_character shown = next_shown_character(text, at);
        columns += shown.columns;
        if (columns > max_columns) {
            return one_line(text.substr(0, keep_when_cut)) + "\u2026";
        }
        if (columns + ellipsis_columns <= max_columns) {
            keep_when_cut = shown.end;
        }
        at = shown.end;
    }
    return one_line(text);
}

std::unique_ptr<renderer> make_text_renderer(std::ostream& out, engine_description engine) {
    return std::make_unique<text_renderer>(out, std::move(engine));
}

} // namespace ta::cli
