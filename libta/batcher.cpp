#include "detail/batcher.hpp"

#include <array>

namespace ta::detail {
namespace {

// JSON string length as nlohmann writes it (UTF-8 kept as is; quotes, backslashes and control
// characters escaped).
std::size_t json_string_size(std::string_view text) {
    // One table look-up a byte: what each byte adds beyond itself.
    static constexpr auto extra = [] {
        std::array<unsigned char, 256> table{};
        for (int c = 0; c < 0x20; ++c) {
            table[c] = 5; // \u00XX
        }
        for (const char c : {'"', '\\', '\b', '\f', '\n', '\r', '\t'}) {
            table[static_cast<unsigned char>(c)] = 1;
        }
        return table;
    }();
    std::size_t size = 2 + text.size();
    for (const char c : text) {
        size += extra[static_cast<unsigned char>(c)];
    }
    return size;
}

} // namespace

std::size_t wire_size(std::string_view id, std::string_view text, std::string_view language) {
    // {"id":…,"text":…,"language":…},
    return 30 + json_string_size(id) + json_string_size(text) + json_string_size(language);
}

} // namespace ta::detail
