#include "detail/batcher.hpp"

namespace ta::detail {
namespace {

// JSON string length as nlohmann writes it (UTF-8 kept as is; quotes, backslashes and control
// characters escaped).
std::size_t json_string_size(std::string_view text) {
    std::size_t size = 2;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' ||
            c == '\t') {
            size += 2;
        } else if (u < 0x20) {
            size += 6;
        } else {
            size += 1;
        }
    }
    return size;
}

} // namespace

std::size_t wire_size(std::string_view id, std::string_view text, std::string_view language) {
    // {"id":…,"text":…,"language":…},
    return 30 + json_string_size(id) + json_string_size(text) + json_string_size(language);
}

} // namespace ta::detail
