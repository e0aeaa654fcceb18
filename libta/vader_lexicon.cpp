// The one table the scorer looks every token up in: the lexicon, BOOSTER_DICT, NEGATE and the
// rules' words, merged, so that a token costs one hash and (usually) one probe.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <vector>

#include "detail/vader_tables.hpp"
#include "detail/vader_words.hpp"

namespace ta::detail {
namespace {

/// Eight bytes (or fewer: n of them, 1 to 8) of `p` as a number, reading only those bytes.
[[gnu::always_inline]] inline std::uint64_t load(const char* p, std::size_t n) noexcept {
    std::uint64_t value = 0;
    if (n >= 4) {
        // Two four-byte loads that overlap when n < 8: every byte counts, none past the end.
        std::uint32_t first = 0;
        std::uint32_t last = 0;
        std::memcpy(&first, p, 4);
        std::memcpy(&last, p + n - 4, 4);
        value = (static_cast<std::uint64_t>(last) << 32) | first;
    } else {
        for (std::size_t i = 0; i < n; ++i) {
            value = (value << 8) | static_cast<unsigned char>(p[i]);
        }
    }
    return value;
}

/// A hash for short keys (VADER's are five bytes on average) that takes them eight bytes at a
/// time: a byte-at-a-time hash waits on a multiplication per byte, several per token.
[[gnu::always_inline]] inline std::uint32_t hash_of(std::string_view word) noexcept {
    constexpr std::uint64_t multiplier = 0x9E3779B97F4A7C15u;
    std::uint64_t hash = word.size() * multiplier;
    std::size_t i = 0;
    for (; i + 8 <= word.size(); i += 8) {
        hash = (hash ^ load(word.data() + i, 8)) * multiplier;
        hash ^= hash >> 29;
    }
    if (i < word.size()) {
        hash = (hash ^ load(word.data() + i, word.size() - i)) * multiplier;
    }
    return static_cast<std::uint32_t>(hash ^ (hash >> 32));
}

/// Open addressing with linear probing. A slot holds 16 bits of its word's hash and the index
/// of its entry plus one (0 = empty), so a word that is not in the table (most tokens are not)
/// is usually turned away by the slot alone, without reading an entry.
class word_table {
  public:
    word_table() {
        // Room for every word of every list, at most half full.
        const std::size_t most = vader_lexicon_size + booster_words().size() +
                                 negate_words().size() + rule_words().size();
        if (most >= index_mask) {
            std::abort(); // the lists outgrew the slot format: a programming error
        }
        std::size_t size = 1;
        while (size < 2 * most) {
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
        }
    }

    const vader_word& find(std::string_view word) const noexcept {
        const std::uint32_t hash = hash_of(word);
        for (std::size_t s = hash & mask_;; s = (s + 1) & mask_) {
            const std::uint32_t slot = slots_[s];
            if (slot == 0) {
                return unknown_;
            }
            if ((slot & tag_mask) == (hash & tag_mask)) {
                const entry_type& e = entries_[(slot & index_mask) - 1];
                if (e.word == word) {
                    return e.info;
                }
            }
        }
    }

  private:
    static constexpr std::uint32_t index_mask = 0xFFFF;
    static constexpr std::uint32_t tag_mask = 0xFFFF0000;

    struct entry_type {
        std::string_view word;
        vader_word info;
    };

    /// The entry of `word`, added if new (while building).
    vader_word& entry(std::string_view word) {
        const std::uint32_t hash = hash_of(word);
        std::size_t s = hash & mask_;
        for (; slots_[s] != 0; s = (s + 1) & mask_) {
            entry_type& e = entries_[(slots_[s] & index_mask) - 1];
            if (e.word == word) {
                return e.info;
            }
        }
        entries_.push_back({word, {}});
        slots_[s] = (hash & tag_mask) | static_cast<std::uint32_t>(entries_.size());
        return entries_.back().info;
    }

    std::vector<entry_type> entries_;
    std::vector<std::uint32_t> slots_;
    std::size_t mask_ = 0;
    vader_word unknown_;
};

} // namespace

const vader_word& find_vader_word(std::string_view word) noexcept {
    static const word_table table;
    return table.find(word);
}

std::string_view emoji_name(char32_t code_point) noexcept {
    const emoji_entry* end = vader_emoji + vader_emoji_size;
    const emoji_entry* found =
        std::lower_bound(vader_emoji, end, code_point,
                         [](const emoji_entry& entry, char32_t c) { return entry.code_point < c; });
    return found != end && found->code_point == code_point ? found->name : std::string_view{};
}

} // namespace ta::detail
