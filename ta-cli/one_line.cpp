#include "one_line.hpp"

namespace ta::cli {

std::string one_line(std::string_view text) {
    std::string line;
    line.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7F) {
            line += ' ';
        } else if (c == 0xC2 && i + 1 < text.size() &&
                   (static_cast<unsigned char>(text[i + 1]) & 0xE0) == 0x80) {
            // A C1 control (0x80..0x9F after 0xC2): some terminals read U+009B as an escape.
            line += ' ';
            ++i;
        } else {
            line += text[i];
        }
    }
    return line;
}

std::size_t code_point_count(std::string_view text) noexcept {
    std::size_t count = 0;
    for (const char c : text) {
        count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    }
    return count;
}

} // namespace ta::cli
