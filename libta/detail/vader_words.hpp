// What VADER 3.3.2 knows of a word: the lexicon, NEGATE, BOOSTER_DICT and the words its rules
// name (vaderSentiment.py), merged into one table so that a token costs one lookup.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>
#include <vector>

namespace ta::detail {

/// The words VADER's rules compare tokens with, as codes, so that a rule compares one byte.
enum class rule_word : std::uint8_t {
    none,
    // Negation and emphasis: "no", "or"/"nor" ("no X or Y"), "never so/this", "without doubt",
    // "least" ("at least", "very least"), "but", "kind of".
    no,
    or_, // trailing underscore: "or", "this" and "for" are C++ keywords
    nor,
    never,
    so,
    this_,
    without,
    doubt,
    least,
    at,
    very,
    but,
    // BOOSTER_DICT's phrases: "kind of", "sort of", "just enough".
    kind,
    of,
    sort,
    just,
    enough,
    // SPECIAL_CASES.
    the,
    shit,
    bomb,
    bad,
    ass,
    badass,
    bus,
    stop,
    yeah,
    right,
    kiss,
    death,
    to,
    die,
    for_,
    beating,
    heart,
    broken,
};

/// Everything the rules ask of one lower-case word.
struct vader_word {
    double valence = 0; ///< the lexicon's, when in_lexicon
    double booster = 0; ///< BOOSTER_DICT's: +0.293, -0.293, or 0 for a word that is none
    bool in_lexicon = false;
    bool negation = false; ///< in NEGATE (negated() also takes any word containing "n't")
    rule_word rule = rule_word::none;
    bool starts_special_case = false; ///< the first word of one of SPECIAL_CASES
    bool starts_phrase = false;       ///< the first word of one of booster_phrases()
    /// in_lexicon and no booster: the words sentiment_valence() gives a value (for the others
    /// the scorer needs no more than this one test).
    bool valued = false;
};

/// Everything VADER knows of words, in one table: the lexicon, BOOSTER_DICT, NEGATE and the
/// words the rules name, merged, so that a token costs one hash and (usually) one probe. Open
/// addressing with linear probing, at most a quarter full; a slot holds 16 bits of its word's hash
/// and the index of its entry plus one (0 = empty), so a word that is not in the table (most
/// tokens are not) is usually turned away by the slot alone. Each entry keeps the first eight
/// bytes of its word as a number (little-endian, zero-padded), so that a word of up to eight
/// bytes, VADER's usual token, is hashed and compared as one number: the scorer builds that
/// number in a register and never writes the word out (find_short). The lookups are inline:
/// the scorer calls one for every token.
class vader_word_table {
  public:
    /// The table, built on first use (libta/vader_lexicon.cpp). Thread-safe.
    static const vader_word_table& get();

    /// What VADER knows of `word` (lower case, as VADER looks words up); an entry that knows
    /// nothing for a word it does not know.
    [[gnu::always_inline]] const vader_word& find(std::string_view word) const noexcept {
        const std::uint64_t key = load_short(word.data(), std::min<std::size_t>(word.size(), 8));
        if (word.size() <= 8) {
            return find_short(word.size(), key);
        }
        const std::uint32_t hash = hash_of(word);
        for (std::size_t s = hash & mask_;; s = (s + 1) & mask_) {
            const std::uint32_t slot = slots_[s];
            if (slot == 0) {
                return unknown_;
            }
            if ((slot & tag_mask) == (hash & tag_mask)) {
                const entry_type& e = entries_[(slot & index_mask) - 1];
                if (e.key == key && e.size == word.size() &&
                    std::memcmp(e.word.data() + 8, word.data() + 8, word.size() - 8) == 0) {
                    return e.info;
                }
            }
        }
    }

    /// find() of a word of `size` bytes, 0 to 8, given as load_short() of its bytes.
    [[gnu::always_inline]] const vader_word& find_short(std::size_t size,
                                                        std::uint64_t key) const noexcept {
        const std::uint32_t hash = hash_short(size, key);
        for (std::size_t s = hash & mask_;; s = (s + 1) & mask_) {
            const std::uint32_t slot = slots_[s];
            if (slot == 0) {
                return unknown_;
            }
            if ((slot & tag_mask) == (hash & tag_mask)) {
                const entry_type& e = entries_[(slot & index_mask) - 1];
                if (e.key == key && e.size == size) {
                    return e.info;
                }
            }
        }
    }

    /// find() of a word of `size` bytes, 9 to 16, given as load_short() of its first eight bytes
    /// and of the rest.
    [[gnu::always_inline]] const vader_word& find_medium(std::size_t size, std::uint64_t first,
                                                         std::uint64_t second) const noexcept {
        std::uint64_t hash = ((size * multiplier) ^ first) * multiplier; // as hash_of()
        hash ^= hash >> 29;
        hash = (hash ^ second) * multiplier;
        const auto folded = static_cast<std::uint32_t>(hash ^ (hash >> 32));
        for (std::size_t s = folded & mask_;; s = (s + 1) & mask_) {
            const std::uint32_t slot = slots_[s];
            if (slot == 0) {
                return unknown_;
            }
            if ((slot & tag_mask) == (folded & tag_mask)) {
                const entry_type& e = entries_[(slot & index_mask) - 1];
                if (e.key == first && e.size == size && e.second_key == second) {
                    return e.info;
                }
            }
        }
    }

    /// The 8 bytes at `p` as a number, the first in the lowest byte (whatever the machine's
    /// byte order: the scorer's tests of bytes count from the lowest).
    static std::uint64_t load_8(const char* p) noexcept {
        std::uint64_t value = 0;
        std::memcpy(&value, p, 8);
        if constexpr (std::endian::native == std::endian::big) {
            value = __builtin_bswap64(value);
        }
        return value;
    }

    /// The `n` bytes at `p` (0 to 8) as a number, the first in the lowest byte, zero-padded;
    /// reads only those bytes. Overlapping loads, OR'ed: a byte read twice is the same byte.
    static std::uint64_t load_short(const char* p, std::size_t n) noexcept {
        if (n >= 4) {
            std::uint32_t first = 0;
            std::uint32_t last = 0;
            std::memcpy(&first, p, 4);
            std::memcpy(&last, p + n - 4, 4);
            if constexpr (std::endian::native == std::endian::big) {
                first = __builtin_bswap32(first);
                last = __builtin_bswap32(last);
            }
            return first | (static_cast<std::uint64_t>(last) << (8 * (n - 4)));
        }
        if (n == 0) {
            return 0;
        }
        const auto byte = [p](std::size_t i) {
            return static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
        };
        return byte(0) | byte(n / 2) | byte(n - 1);
    }

    /// The hash of a word of `size` bytes (at most 8) that load_short() gives as `key`: a
    /// multiplication, and its high half folded onto the low one, whose bits pick the slot.
    static std::uint32_t hash_short(std::size_t size, std::uint64_t key) noexcept {
        const std::uint64_t hash = ((size * multiplier) ^ key) * multiplier;
        return static_cast<std::uint32_t>(hash ^ (hash >> 32));
    }

    /// The hash of any word: hash_short() for up to 8 bytes; beyond, the rest eight bytes at a
    /// time.
    static std::uint32_t hash_of(std::string_view word) noexcept {
        const std::size_t size = word.size();
        if (size <= 8) {
            return hash_short(size, load_short(word.data(), size));
        }
        std::uint64_t hash = ((size * multiplier) ^ load_short(word.data(), 8)) * multiplier;
        for (std::size_t i = 8; i < size; i += 8) {
            hash ^= hash >> 29;
            hash = (hash ^ load_short(word.data() + i, std::min<std::size_t>(size - i, 8))) *
                   multiplier;
        }
        return static_cast<std::uint32_t>(hash ^ (hash >> 32));
    }

  private:
    static constexpr std::uint64_t multiplier = 0x9E3779B97F4A7C15u;
    static constexpr std::uint32_t index_mask = 0xFFFF;
    static constexpr std::uint32_t tag_mask = 0xFFFF0000;

    struct entry_type {
        std::uint64_t key;        ///< load_short() of the word's first eight bytes
        std::uint64_t second_key; ///< of the eight after them (0 for a word of up to eight)
        std::size_t size;         ///< word.size()
        std::string_view word;
        vader_word info;
    };

    vader_word_table();
    vader_word& entry(std::string_view word);

    std::vector<entry_type> entries_;
    std::vector<std::uint32_t> slots_;
    std::size_t mask_ = 0;
    vader_word unknown_;
};

/// vader_word_table::get().find(word).
inline const vader_word& find_vader_word(std::string_view word) noexcept {
    return vader_word_table::get().find(word);
}

/// The word lists of vaderSentiment.py, from which vader_word_table is built.
struct booster_entry {
    std::string_view word;
    double value;
};
std::span<const booster_entry> booster_words() noexcept;
std::span<const std::string_view> negate_words() noexcept;
struct rule_word_entry {
    std::string_view word;
    rule_word rule;
};
std::span<const rule_word_entry> rule_words() noexcept;

/// BOOSTER_DICT's two-word entries ("kind of", "sort of", "just enough").
struct booster_phrase {
    rule_word first;
    rule_word second;
    double value;
};
std::span<const booster_phrase> booster_phrases() noexcept;

/// SPECIAL_CASES, each as its words (one to three).
struct special_case {
    std::array<rule_word, 3> words;
    std::size_t size;
    double valence;
};
std::span<const special_case> special_cases() noexcept;

} // namespace ta::detail
