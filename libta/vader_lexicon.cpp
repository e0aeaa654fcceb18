// Builds the one table the scorer looks every token up in (detail/vader_words.hpp): the
// lexicon, BOOSTER_DICT, NEGATE and the rules' words, merged.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "detail/vader_tables.hpp"
#include "detail/vader_words.hpp"

namespace ta::detail {

vader_word_table::vader_word_table() {
    // Room for every word of every list, at most a quarter full: most tokens are no word of the
    // table, and a miss then takes 1.4 probes on average over the gold texts (2.9 half full).
    const std::size_t most =
        vader_lexicon_size + booster_words().size() + negate_words().size() + rule_words().size();
    if (most >= index_mask) {
        std::abort(); // the lists outgrew the slot format: a programming error
    }
    std::size_t size = 1;
    while (size < 4 * most) {
        size *= 2;
    }
    slots_.assign(size, 0);
    mask_ = size - 1;
    entries_.reserve(most);
    for (std::size_t i = 0; i < vader_lexicon_size; ++i) {
        vader_word& w = entry(vader_lexicon[i].word);
        w.valence = vader_lexicon[i].valence;
        w.in_lexicon = true;
    }
    for (const booster_entry& b : booster_words()) {
        entry(b.word).booster = b.value;
    }
    for (const std::string_view word : negate_words()) {
        entry(word).negation = true;
    }
    for (const rule_word_entry& r : rule_words()) {
        vader_word& w = entry(r.word);
        w.rule = r.rule;
        for (const special_case& idiom : special_cases()) {
            w.starts_special_case = w.starts_special_case || idiom.words[0] == r.rule;
        }
        for (const booster_phrase& phrase : booster_phrases()) {
            w.starts_phrase = w.starts_phrase || phrase.first == r.rule;
        }
    }
    for (entry_type& e : entries_) {
        e.info.valued = e.info.in_lexicon && e.info.booster == 0;
    }
}

/// The entry of `word`, added if new (while building).
vader_word& vader_word_table::entry(std::string_view word) {
    const std::uint32_t hash = hash_of(word);
    std::size_t s = hash & mask_;
    for (; slots_[s] != 0; s = (s + 1) & mask_) {
        entry_type& e = entries_[(slots_[s] & index_mask) - 1];
        if (e.word == word) {
            return e.info;
        }
    }
    const std::size_t size = word.size();
    const std::uint64_t second_key =
        size > 8 ? load_short(word.data() + 8, std::min<std::size_t>(size - 8, 8)) : 0;
    entries_.push_back(
        {load_short(word.data(), std::min<std::size_t>(size, 8)), second_key, size, word, {}});
    slots_[s] = (hash & tag_mask) | static_cast<std::uint32_t>(entries_.size());
    return entries_.back().info;
}

const vader_word_table& vader_word_table::get() {
    static const vader_word_table table;
    return table;
}

std::string_view emoji_name(char32_t code_point) noexcept {
    const emoji_entry* end = vader_emoji + vader_emoji_size;
    const emoji_entry* found =
        std::lower_bound(vader_emoji, end, code_point,
                         [](const emoji_entry& entry, char32_t c) { return entry.code_point < c; });
    return found != end && found->code_point == code_point ? found->name : std::string_view{};
}

} // namespace ta::detail
