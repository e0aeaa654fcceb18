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

bool is_continuation_byte(unsigned char c) {
    return (c & 0xC0) == 0x80;
}

class text_renderer final : public renderer {
  public:
    text_renderer(std::ostream& out, engine_description engine)
        : out_(out), engine_(std::move(engine)) {}

    void write(const ta::document& document, const ta::result& result) override {
        written_ = true;
        std::string id = one_line(result.id.empty() ? document.id : result.id);
        // Only the ids seen so far are known: the column grows, it never shrinks.
        const std::size_t width = code_point_count(id);
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

std::string one_line_excerpt(std::string_view text, std::size_t max_code_points) {
    // Where each of the first max_code_points + 1 code points begins, to know whether the text
    // is longer than the limit and where to cut it.
    std::size_t code_points = 0;
    std::size_t cut = text.size();
    std::size_t keep_when_cut = text.size();
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (is_continuation_byte(static_cast<unsigned char>(text[i]))) {
            continue;
        }
        if (max_code_points > 0 && code_points == max_code_points - 1) {
            keep_when_cut = i;
        }
        if (code_points == max_code_points) {
            cut = i;
            break;
        }
        ++code_points;
    }
    const bool shortened = cut < text.size();
    std::string line = one_line(text.substr(0, shortened ? keep_when_cut : text.size()));
    if (shortened) {
        line += "\u2026";
    }
    return line;
}

std::unique_ptr<renderer> make_text_renderer(std::ostream& out, engine_description engine) {
    return std::make_unique<text_renderer>(out, std::move(engine));
}

} // namespace ta::cli
