#include <algorithm>
#include <string>
#include <unordered_map>

#include "detail/vader_tables.hpp"

namespace ta::detail {
namespace {

const std::unordered_map<std::string_view, double>& lexicon_map() {
    static const auto map = [] {
        std::unordered_map<std::string_view, double> words;
        words.reserve(vader_lexicon_size);
        for (std::size_t i = 0; i < vader_lexicon_size; ++i) {
            words.emplace(vader_lexicon[i].word, vader_lexicon[i].valence);
        }
        return words;
    }();
    return map;
}

} // namespace

std::optional<double> lexicon_valence(std::string_view word) noexcept {
    const auto& words = lexicon_map();
    if (const auto found = words.find(word); found != words.end()) {
        return found->second;
    }
    return std::nullopt;
}

std::string_view emoji_name(char32_t code_point) noexcept {
    const emoji_entry* end = vader_emoji + vader_emoji_size;
    const emoji_entry* found =
        std::lower_bound(vader_emoji, end, code_point,
                         [](const emoji_entry& entry, char32_t c) { return entry.code_point < c; });
    return found != end && found->code_point == code_point ? found->name : std::string_view{};
}

} // namespace ta::detail
