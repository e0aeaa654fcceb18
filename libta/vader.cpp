// VADER 3.3.2's SentimentIntensityAnalyzer.polarity_scores (cjhutto/vaderSentiment, MIT), step
// for step: the same rules in the same order with the same floating-point operations, so that
// the rounded scores agree to the last digit. The quirks the reference has are kept on purpose
// (see ../shared/reference/vader-3.3.2.md, "Quirks"); each is marked "quirk" where it lives.
//
// It is also built to be fast (bench/README.md): a token is a view of the text plus what one
// lookup in one table says of its lower case; the rules compare word codes, not strings; and
// the buffers a call needs are kept per thread, so scoring allocates nothing once they have
// grown to the size of the texts.
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <ta/vader.hpp>

#include "detail/python_text.hpp"
#include "detail/sentences.hpp"
#include "detail/vader.hpp"
#include "detail/vader_tables.hpp"
#include "detail/vader_words.hpp"

namespace ta {
namespace {

using detail::rule_word;
using detail::vader_word;

constexpr double c_incr = 0.733;
constexpr double n_scalar = -0.74;

/// One token of SentiText.words_and_emoticons, with what the rules ask of it. No initializers:
/// token_buffer leaves the room it makes as it is, to be written over.
struct token {
    const vader_word* word; ///< never null: unknown words have an entry too
    bool upper;             ///< token.isupper()
    bool negation;          ///< negated([token])
};

/// Tokens, appended through a pointer: a text of n bytes has at most (n + 1) / 2 words, so room
/// is made once a text and a token is then three stores, not a push_back's checks and reloads.
class token_buffer {
  public:
    /// Room for `more` tokens after those there are; returns where the next one goes.
    token* make_room(std::size_t more) {
        if (capacity_ - size_ < more) {
            grow(size_ + more);
        }
        return data_.get() + size_;
    }
    /// The tokens before `end` (in the room make_room made) are the buffer's.
    void set_end(const token* end) noexcept { size_ = static_cast<std::size_t>(end - data_.get()); }
    void clear() noexcept { size_ = 0; }
    std::size_t size() const noexcept { return size_; }
    std::size_t capacity() const noexcept { return capacity_; }
    std::span<const token> all() const noexcept { return {data_.get(), size_}; }

  private:
    void grow(std::size_t least) {
        const std::size_t capacity = std::max(least, 2 * capacity_);
        auto data = std::make_unique_for_overwrite<token[]>(capacity);
        std::copy(data_.get(), data_.get() + size_, data.get());
        data_ = std::move(data);
        capacity_ = capacity;
    }

    std::unique_ptr<token[]> data_;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
};

/// What a call needs besides the text, kept from call to call so that it allocates only for a
/// text longer than those before it.
struct scratch {
    const detail::vader_word_table* words = &detail::vader_word_table::get();
    std::string replaced; ///< the text with its emoji replaced by their names
    std::string lower;    ///< a token's lower case, when it differs from the token
    token_buffer tokens;
    std::unique_ptr<double[]> sentiments; ///< room for `sentiments_room` valences
    std::size_t sentiments_room = 0;

    /// Room for `size` valences, each to be written before it is read.
    std::span<double> sentiments_for(std::size_t size) {
        if (sentiments_room < size) {
            sentiments_room = std::max(size, 2 * sentiments_room);
            sentiments = std::make_unique_for_overwrite<double[]>(sentiments_room);
        }
        return {sentiments.get(), size};
    }

    /// Gives back the memory of a huge text once it is scored, so that one long document does
    /// not keep it for the life of the thread.
    void trim() {
        constexpr std::size_t kept_tokens = 1 << 14;
        constexpr std::size_t kept_bytes = 1 << 20;
        if (tokens.capacity() > kept_tokens || sentiments_room > kept_tokens ||
            replaced.capacity() > kept_bytes || lower.capacity() > kept_bytes) {
            *this = scratch{};
        }
    }
};

/// This thread's scratch. Out of line on purpose: GCC would otherwise recompute the address
/// of a thread_local at each use, a call to __tls_get_addr each in a shared library, twice
/// per token.
[[gnu::noinline]] scratch& thread_scratch() {
    thread_local scratch buffers;
    return buffers;
}

/// What the scorer needs of a run of tokens besides the tokens: the "!" and "?" of its words,
/// which VADER counts over all of the text (URLs included: quirk), and how many of its tokens
/// are isupper().
struct token_counts {
    std::size_t exclamations = 0;
    std::size_t questions = 0;
    std::size_t upper = 0;

    token_counts& operator+=(const token_counts& other) noexcept {
        exclamations += other.exclamations;
        questions += other.questions;
        upper += other.upper;
        return *this;
    }
};

/// Each emoji of the lexicon replaced by its name, a space before it unless one is there.
void replace_emoji(std::string_view text, std::string& out) {
    out.clear();
    bool previous_space = true;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t c = detail::next_code_point(text, i);
        if (const std::string_view name = c >= 0x80 ? detail::emoji_name(c) : std::string_view{};
            !name.empty()) {
            if (!previous_space) {
                out.push_back(' ');
            }
            out.append(name);
            previous_space = false;
        } else {
            detail::append_utf8(out, c);
            previous_space = c == ' ';
        }
    }
}

/// _strip_punc_if_word: strip ASCII punctuation, unless that leaves two code points or fewer.
std::string_view strip_punctuation_if_word(std::string_view word) noexcept {
    const std::string_view stripped = detail::strip_ascii_punctuation(word);
    // Counting is needed only when something was stripped and at most 8 bytes are left (more
    // are more than two code points).
    if (stripped.size() == word.size() || stripped.size() > 8) {
        return stripped;
    }
    return detail::code_point_count(stripped) <= 2 ? word : stripped;
}

// What make_token asks of a word's bytes, as bits of byte_classes[byte].
constexpr unsigned upper_letter = 1;
constexpr unsigned lower_letter = 2;
constexpr unsigned apostrophe = 4;
constexpr unsigned exclamation_or_question = 8;
constexpr unsigned beyond_ascii = 16;
constexpr unsigned white_space = 32; ///< ASCII white space
constexpr unsigned punctuation = 64; ///< string.punctuation

constexpr std::array<unsigned char, 256> byte_classes = [] {
    std::array<unsigned char, 256> table{};
    for (std::size_t b = 0; b < table.size(); ++b) {
        unsigned bits = 0;
        bits |= b >= 'A' && b <= 'Z' ? upper_letter : 0;
        bits |= b >= 'a' && b <= 'z' ? lower_letter : 0;
        bits |= b == '\'' ? apostrophe : 0;
        bits |= b == '!' || b == '?' ? exclamation_or_question : 0;
        bits |= b >= 0x80 ? beyond_ascii : 0;
        bits |= detail::python_is_ascii_space(static_cast<unsigned char>(b)) ? white_space : 0;
        bits |= detail::is_ascii_punctuation(static_cast<char>(b)) ? punctuation : 0;
        table[b] = static_cast<unsigned char>(bits);
    }
    return table;
}();

/// detail::python_next_word fused with the byte classes make_token needs: the next word of
/// str.split() at or after `position` (empty when none is left), and in `classes` the OR of the
/// classes of its bytes. One pass over the text instead of two; inline, because it runs once
/// per word and a call costs about as much as scanning a short one.
[[gnu::always_inline]] inline std::string_view next_word(std::string_view text,
                                                         std::size_t& position, unsigned& classes) {
    // Whether the character from `text[i]` on, which is not ASCII, is white space; moves `i`
    // past it.
    const auto unicode_space_at = [text](std::size_t& i) {
        return detail::python_is_space_beyond_ascii(detail::decode_multibyte(text, i));
    };
    std::size_t i = position;
    while (i < text.size()) {
        const unsigned c = byte_classes[static_cast<unsigned char>(text[i])];
        std::size_t next = i;
        if ((c & white_space) != 0) {
            next = i + 1;
        } else if ((c & beyond_ascii) == 0 || !unicode_space_at(next)) {
            break;
        }
        i = next;
    }
    const std::size_t start = i;
    unsigned seen = 0;
    while (i < text.size()) {
        const unsigned c = byte_classes[static_cast<unsigned char>(text[i])];
        if ((c & (white_space | beyond_ascii)) == 0) {
            seen |= c;
            ++i;
            continue;
        }
        std::size_t next = i;
        if ((c & white_space) != 0 || unicode_space_at(next)) {
            break;
        }
        seen |= beyond_ascii;
        i = next;
    }
    position = i;
    classes = seen;
    return text.substr(start, i - start);
}

/// A word of str.split() as the rules see it: stripped, isupper(), and what `words` knows of
/// its lower(). `classes` are those of its bytes; `buffer` holds the lower case when it is not the
/// word itself. Counts the word's "!" and "?" into `counts`, which neither is white space, so
/// the words hold all of the text's; and the token, when isupper().
token make_token(const detail::vader_word_table& words, std::string_view word, unsigned classes,
                 std::string& buffer, token_counts& counts) {
    // The classes decide for ASCII (most words): which letters there are, and so both
    // isupper() and whether lower() changes anything. Stripping takes only punctuation, so the
    // letters of the word are those of what is left.
    if ((classes & exclamation_or_question) != 0) {
        counts.exclamations += static_cast<std::size_t>(std::count(word.begin(), word.end(), '!'));
        counts.questions += static_cast<std::size_t>(std::count(word.begin(), word.end(), '?'));
    }
    const std::string_view item = strip_punctuation_if_word(word);
    token t;
    std::string_view lower = item;
    if ((classes & beyond_ascii) != 0) {
        buffer.clear();
        detail::python_lower(item, buffer);
        lower = buffer;
        t.upper = detail::python_is_upper(item);
    } else {
        t.upper = (classes & (upper_letter | lower_letter)) == upper_letter;
        if ((classes & upper_letter) != 0) {
            buffer.assign(item);
            for (char& c : buffer) {
                if (c >= 'A' && c <= 'Z') {
                    c = static_cast<char>(c + ('a' - 'A'));
                }
            }
            lower = buffer;
        }
    }
    t.word = &words.find(lower);
    t.negation = t.word->negation ||
                 ((classes & apostrophe) != 0 && lower.find("n't") != std::string_view::npos);
    counts.upper += t.upper ? 1 : 0;
    return t;
}

// Tests of eight ASCII bytes at once, as a number (the first byte lowest).
constexpr std::uint64_t ones = 0x0101010101010101u;
constexpr std::uint64_t highs = 0x8080808080808080u;

/// The bytes of `x` from `low` to `high` (1 to 0x7F), as their high bits, given that every
/// byte of `x` is below 0x80: exact for each byte, since no sum carries into the next one.
constexpr std::uint64_t bytes_between(std::uint64_t x, unsigned char low,
                                      unsigned char high) noexcept {
    return (x + ones * (0x80U - low)) & ~(x + ones * (0x7FU - high)) & highs;
}

/// The lowest `n` bytes of `x` (n from 0 to 8).
constexpr std::uint64_t low_bytes(std::uint64_t x, std::size_t n) noexcept {
    return n >= 8 ? x : x & ((std::uint64_t{1} << (8 * n)) - 1);
}

/// The lowest `n` bytes' high bits (n from 0 to 8).
constexpr std::uint64_t high_bits(std::size_t n) noexcept {
    return low_bytes(highs, n);
}

/// make_short_token of a word of `size` bytes (1 to 8) at `p`, `word` as a number, followed by
/// white space or the end (`rest` bytes from `p` to the end).
[[gnu::always_inline]] inline bool make_word_token(const detail::vader_word_table& words,
                                                   const char* p, std::size_t size,
                                                   std::uint64_t word, std::size_t rest,
                                                   std::size_t& position, token& t,
                                                   token_counts& counts) {
    const std::uint64_t upper = bytes_between(word, 'A', 'Z');
    const std::uint64_t lower = bytes_between(word, 'a', 'z');
    if ((upper | lower) == high_bits(size)) {
        // Letters only, most words: nothing to strip, no "'", "!" or "?".
        t.upper = lower == 0;
        t.word = &words.find_short(size, word | (upper >> 2)); // 'A' + 0x20 is 'a'
        t.negation = t.word->negation;
    } else {
        // str.strip(string.punctuation), undone when it leaves two characters or fewer (all
        // ASCII: a byte is a character).
        const auto is_punctuation = [p](std::size_t i) {
            return (byte_classes[static_cast<unsigned char>(p[i])] & punctuation) != 0;
        };
        std::size_t begin = 0;
        std::size_t end = size;
        while (begin < end && is_punctuation(begin)) {
            ++begin;
        }
        while (end > begin && is_punctuation(end - 1)) {
            --end;
        }
        if (end - begin <= 2) {
            begin = 0;
            end = size;
        }
        const std::uint64_t item = low_bytes(word >> (8 * begin), end - begin);
        // Stripping takes only punctuation: the letters of the word are those of the item.
        t.upper = upper != 0 && lower == 0;
        const std::uint64_t lower_case = item | (bytes_between(item, 'A', 'Z') >> 2);
        t.word = &words.find_short(end - begin, lower_case);
        t.negation = t.word->negation;
        if (!t.negation && bytes_between(word, '\'', '\'') != 0) {
            // "n't" in the lower case, as three bytes.
            constexpr std::uint64_t nt = 'n' | ('\'' << 8) | ('t' << 16);
            for (std::size_t i = 0; i + 3 <= end - begin && !t.negation; ++i) {
                t.negation = ((lower_case >> (8 * i)) & 0xFFFFFF) == nt;
            }
        }
        const std::uint64_t exclamations = bytes_between(word, '!', '!');
        const std::uint64_t questions = bytes_between(word, '?', '?');
        if ((exclamations | questions) != 0) {
            counts.exclamations += static_cast<std::size_t>(std::popcount(exclamations));
            counts.questions += static_cast<std::size_t>(std::popcount(questions));
        }
    }
    counts.upper += t.upper ? 1 : 0;
    position += size < rest ? size + 1 : size;
    return true;
}

/// make_short_token of a word longer than eight bytes at `p`, whose first eight are `first`:
/// taken when it is of letters only and at most sixteen bytes.
[[gnu::always_inline]] inline bool make_long_token(const detail::vader_word_table& words,
                                                   const char* p, std::uint64_t first,
                                                   std::size_t rest, std::size_t& position,
                                                   token& t, token_counts& counts) {
    std::uint64_t bytes = 0;
    if (rest >= 16) {
        bytes = detail::vader_word_table::load_8(p + 8);
    } else {
        bytes = detail::vader_word_table::load_short(p + 8, rest - 8);
    }
    const std::uint64_t low = ~(bytes + ones * (0x7FU - 0x20)) & highs;
    if (low == 0) {
        return false; // sixteen bytes or more
    }
    // The byte after the eighth is no white space: the word goes on, by one byte at least.
    const auto size = 8 + static_cast<std::size_t>(std::countr_zero(low)) / 8;
    if (size < rest && (byte_classes[static_cast<unsigned char>(p[size])] & white_space) == 0) {
        return false; // a control character
    }
    const std::uint64_t second = low_bytes(bytes, size - 8);
    const std::uint64_t upper_first = bytes_between(first, 'A', 'Z');
    const std::uint64_t lower_first = bytes_between(first, 'a', 'z');
    const std::uint64_t upper_second = bytes_between(second, 'A', 'Z');
    const std::uint64_t lower_second = bytes_between(second, 'a', 'z');
    if ((upper_first | lower_first) != highs ||
        (upper_second | lower_second) != high_bits(size - 8)) {
        return false; // not letters only (a control character ends the letters too)
    }
    t.upper = (lower_first | lower_second) == 0;
    t.word = &words.find_medium(size, first | (upper_first >> 2), second | (upper_second >> 2));
    t.negation = t.word->negation;
    counts.upper += t.upper ? 1 : 0;
    position += size < rest ? size + 1 : size;
    return true;
}

/// make_token for the usual words of ASCII text, from their bytes as numbers: up to eight bytes
/// with no control character in them, and words of letters only up to sixteen bytes. The same
/// result as next_word and make_token, without a pass over the word's bytes or writing its
/// lower case out; moves `position` past the word and the white space after it. Returns false,
/// having done nothing, for any other word at `position` (which is not white space), so that
/// they take it.
[[gnu::always_inline]] inline bool make_short_token(const detail::vader_word_table& words,
                                                    std::string_view text, std::size_t& position,
                                                    token& t, token_counts& counts) {
    const char* p = text.data() + position;
    const std::size_t rest = text.size() - position;
    std::uint64_t bytes = 0;
    if (rest >= 8) {
        bytes = detail::vader_word_table::load_8(p);
    } else {
        bytes = detail::vader_word_table::load_short(p, rest);
    }
    // Bytes up to 0x20: white space, control characters, and the zeros past the text's end.
    const auto up_to_space = [](std::uint64_t x) { return ~(x + ones * (0x7FU - 0x20)) & highs; };
    const auto is_white_space = [p](std::size_t i) {
        return (byte_classes[static_cast<unsigned char>(p[i])] & white_space) != 0;
    };
    const std::uint64_t low = up_to_space(bytes);
    if (low == 0) {
        if (rest == 8 || is_white_space(8)) {
            return make_word_token(words, p, 8, bytes, rest, position, t, counts);
        }
        return make_long_token(words, p, bytes, rest, position, t, counts);
    }
    const auto size = static_cast<std::size_t>(std::countr_zero(low)) / 8;
    if (size < rest && !is_white_space(size)) {
        return false; // a control character
    }
    return make_word_token(words, p, size, low_bytes(bytes, size), rest, position, t, counts);
}

class scorer {
  public:
    /// `upper`: how many of the tokens are isupper().
    scorer(std::span<const token> tokens, std::size_t upper) : tokens_(tokens) {
        const std::size_t differential = tokens_.size() - upper;
        is_cap_diff_ = differential > 0 && differential < tokens_.size();
    }

    /// The valences of the tokens into `values`, as many.
    void sentiments(std::span<double> values) const {
        std::size_t but = tokens_.size();
        for (std::size_t i = 0; i < tokens_.size(); ++i) {
            const detail::vader_word& word = *tokens_[i].word;
            // A booster is 0, and so is "kind" before "of"; sentiment_valence gives a word
            // outside the lexicon 0 too.
            double value = 0;
            if (word.valued && !(word.rule == rule_word::kind && i + 1 < tokens_.size() &&
                                 is(i + 1, rule_word::of))) {
                value = sentiment_valence(i);
            }
            values[i] = value;
            if (word.rule == rule_word::but && but == tokens_.size()) {
                but = i;
            }
        }
        if (but != tokens_.size()) {
            detail::but_check(values, but);
        }
    }

  private:
    bool is(std::size_t i, rule_word word) const { return tokens_[i].word->rule == word; }
    bool in_lexicon(std::size_t i) const { return tokens_[i].word->in_lexicon; }

    double sentiment_valence(std::size_t i) const {
        const token& item = tokens_[i];
        if (!item.word->in_lexicon) {
            return 0;
        }
        const double lexicon = item.word->valence;
        double valence = lexicon;
        // "no" before a lexicon word is a negation, not a word of its own.
        if (item.word->rule == rule_word::no && i + 1 != tokens_.size() && in_lexicon(i + 1)) {
            valence = 0.0;
        }
        if ((i > 0 && is(i - 1, rule_word::no)) || (i > 1 && is(i - 2, rule_word::no)) ||
            (i > 2 && is(i - 3, rule_word::no) &&
             (is(i - 1, rule_word::or_) || is(i - 1, rule_word::nor)))) {
            valence = lexicon * n_scalar;
        }
        if (item.upper && is_cap_diff_) {
            valence = valence > 0 ? valence + c_incr : valence - c_incr;
        }
        for (std::size_t start = 0; start < 3; ++start) {
            if (i > start && !in_lexicon(i - (start + 1))) {
                double s = scalar_inc_dec(i - (start + 1), valence);
                if (start == 1 && s != 0) {
                    s = s * 0.95;
                }
                if (start == 2 && s != 0) {
                    s = s * 0.9;
                }
                valence = valence + s;
                valence = negation_check(valence, start, i);
                if (start == 2) {
                    valence = special_idioms_check(valence, i);
                }
            }
        }
        return least_check(valence, i);
    }

    double scalar_inc_dec(std::size_t j, double valence) const {
        double scalar = tokens_[j].word->booster;
        if (scalar != 0) {
            if (valence < 0) {
                scalar *= -1;
            }
            if (tokens_[j].upper && is_cap_diff_) {
                scalar = valence > 0 ? scalar + c_incr : scalar - c_incr;
            }
        }
        return scalar;
    }

    double negation_check(double valence, std::size_t start, std::size_t i) const {
        using w = rule_word;
        if (start == 0) {
            if (tokens_[i - 1].negation) {
                valence = valence * n_scalar;
            }
        } else if (start == 1) {
            if (is(i - 2, w::never) && (is(i - 1, w::so) || is(i - 1, w::this_))) {
                valence = valence * 1.25;
            } else if (is(i - 2, w::without) && is(i - 1, w::doubt)) {
            } else if (tokens_[i - 2].negation) {
                valence = valence * n_scalar;
            }
        } else {
            // Quirk: `A and B or C` in the reference, so "so"/"this" right before the word is
            // enough for the x1.25.
            if ((is(i - 3, w::never) && (is(i - 2, w::so) || is(i - 2, w::this_))) ||
                (is(i - 1, w::so) || is(i - 1, w::this_))) {
                valence = valence * 1.25;
            } else if (is(i - 3, w::without) && (is(i - 2, w::doubt) || is(i - 1, w::doubt))) {
            } else if (tokens_[i - 3].negation) {
                valence = valence * n_scalar;
            }
        }
        return valence;
    }

    /// Whether tokens [first, last] are one of SPECIAL_CASES, whose value goes to `value`.
    bool special_case(std::size_t first, std::size_t last, double& value) const {
        if (!tokens_[first].word->starts_special_case) {
            return false; // most words: no need to try each idiom
        }
        for (const detail::special_case& idiom : detail::special_cases()) {
            if (idiom.size != last - first + 1) {
                continue;
            }
            bool equal = true;
            for (std::size_t k = 0; k < idiom.size && equal; ++k) {
                equal = is(first + k, idiom.words[k]);
            }
            if (equal) {
                value = idiom.valence;
                return true;
            }
        }
        return false;
    }

    /// The BOOSTER_DICT value of the two-word tokens [first, first + 1] ("kind of"), or 0.
    double booster_phrase(std::size_t first) const {
        for (const detail::booster_phrase& phrase : detail::booster_phrases()) {
            if (is(first, phrase.first) && is(first + 1, phrase.second)) {
                return phrase.value;
            }
        }
        return 0;
    }

    // Runs with i >= 3 only (start == 2 needs i > 2).
    double special_idioms_check(double valence, std::size_t i) const {
        // Every idiom and phrase tried below starts at one of the tokens i - 3 to i: most often
        // none of them can start one, and all that is left of the rule is adding the phrases'
        // 0 (which turns a -0.0 into 0.0).
        const auto may_start = [this](std::size_t k) {
            const detail::vader_word& word = *tokens_[k].word;
            return word.starts_special_case || word.starts_phrase;
        };
        if (!may_start(i - 3) && !may_start(i - 2) && !may_start(i - 1) && !may_start(i)) {
            return valence + 0.0;
        }
        // onezero, twoonezero, twoone, threetwoone, threetwo: the first that is an idiom wins.
        const std::array<std::pair<std::size_t, std::size_t>, 5> sequences{
            {{i - 1, i}, {i - 2, i}, {i - 2, i - 1}, {i - 3, i - 1}, {i - 3, i - 2}}};
        for (const auto& [first, last] : sequences) {
            if (special_case(first, last, valence)) {
                break;
            }
        }
        if (tokens_.size() - 1 > i) {
            special_case(i, i + 1, valence);
        }
        if (tokens_.size() - 1 > i + 1) {
            special_case(i, i + 2, valence);
        }
        // Quirk: "kind of" and the like add their (negative) value whatever the word's sign.
        // Of threetwoone, threetwo and twoone only the two-word ones can be such a phrase.
        valence = valence + booster_phrase(i - 3);
        valence = valence + booster_phrase(i - 2);
        return valence;
    }

    double least_check(double valence, std::size_t i) const {
        if (i > 1 && !in_lexicon(i - 1) && is(i - 1, rule_word::least)) {
            if (!is(i - 2, rule_word::at) && !is(i - 2, rule_word::very)) {
                valence = valence * n_scalar;
            }
        } else if (i > 0 && !in_lexicon(i - 1) && is(i - 1, rule_word::least)) {
            valence = valence * n_scalar;
        }
        return valence;
    }

    std::span<const token> tokens_;
    bool is_cap_diff_ = false;
};

double punctuation_emphasis(const token_counts& marks) {
    const double ep_amplifier =
        static_cast<double>(std::min<std::size_t>(marks.exclamations, 4)) * 0.292;
    double qm_amplifier = 0;
    if (marks.questions > 1) {
        qm_amplifier = marks.questions <= 3 ? static_cast<double>(marks.questions) * 0.18 : 0.96;
    }
    return ep_amplifier + qm_amplifier;
}

double normalize(double score) {
    const double alpha = 15;
    const double norm_score = score / std::sqrt((score * score) + alpha);
    return std::clamp(norm_score, -1.0, 1.0);
}

vader_scores score_valence(std::span<const double> sentiments, const token_counts& marks) {
    if (sentiments.empty()) {
        return {};
    }
    // The reference's two loops in one: each sum still adds the same values in the same order.
    double sum_s = 0;
    double pos_sum = 0;
    double neg_sum = 0;
    std::size_t neu_count = 0;
    for (const double s : sentiments) {
        sum_s += s;
        if (s > 0) {
            pos_sum += s + 1;
        }
        if (s < 0) {
            neg_sum += s - 1;
        }
        if (s == 0) {
            ++neu_count;
        }
    }
    const double punct_emph_amplifier = punctuation_emphasis(marks);
    if (sum_s > 0) {
        sum_s += punct_emph_amplifier;
    } else if (sum_s < 0) {
        sum_s -= punct_emph_amplifier;
    }
    const double compound = normalize(sum_s);

    if (pos_sum > std::fabs(neg_sum)) {
        pos_sum += punct_emph_amplifier;
    } else if (pos_sum < std::fabs(neg_sum)) {
        neg_sum -= punct_emph_amplifier;
    }
    const double total = pos_sum + std::fabs(neg_sum) + static_cast<double>(neu_count);
    vader_scores scores;
    scores.compound = detail::python_round(compound, 4);
    scores.pos = detail::python_round(std::fabs(pos_sum / total), 3);
    scores.neu = detail::python_round(std::fabs(static_cast<double>(neu_count) / total), 3);
    scores.neg = detail::python_round(std::fabs(neg_sum / total), 3);
    return scores;
}

} // namespace

namespace detail {

void but_check(std::span<double> values, std::size_t but) {
    const auto scale = [&values, but](std::size_t si, double value) {
        const double scaled = si < but ? value * 0.5 : value * 1.5;
        values[si] = scaled;
        return scaled;
    };
    // A zero can be skipped: whichever zero index(0) finds, it stays zero. That leaves the
    // words with a valence, a few in a sentence; up to `few.size()` of them a scan of those
    // finds the first equal one quickest.
    std::array<std::size_t, 32> few{};
    std::size_t count = 0;
    for (std::size_t p = 0; p < values.size() && count <= few.size(); ++p) {
        if (values[p] != 0) {
            if (count < few.size()) {
                few[count] = p;
            }
            ++count;
        }
    }
    if (count <= few.size()) {
        for (std::size_t a = 0; a < count; ++a) {
            const double value = values[few[a]];
            std::size_t b = 0;
            while (values[few[b]] != value) {
                ++b; // stops at a at the latest
            }
            if (few[b] != but) {
                scale(few[b], value);
            }
        }
        return;
    }
    // More (a long text): an index of the positions of each value keeps it O(n log n).
    std::unordered_map<double, std::set<std::size_t>> positions;
    for (std::size_t p = 0; p < values.size(); ++p) {
        if (values[p] != 0) {
            positions[values[p]].insert(p);
        }
    }
    for (std::size_t p = 0; p < values.size(); ++p) {
        const double value = values[p];
        if (value == 0) {
            continue;
        }
        auto& equal = positions[value];
        const std::size_t si = *equal.begin();
        if (si == but) {
            continue;
        }
        const double scaled = scale(si, value);
        if (scaled != value) {
            equal.erase(equal.begin());
            positions[scaled].insert(si);
        }
    }
}

} // namespace detail

namespace {

/// Appends the tokens of `text` (emoji replaced and stripped) to `s.tokens`; its "!" and "?".
/// `ascii`: whether the text is, so that most words take make_short_token.
token_counts add_tokens(std::string_view text, bool ascii, scratch& s) {
    const detail::vader_word_table& words = *s.words;
    // Counted here and stored once, rather than through the reference the result is.
    token_counts counts;
    token* out = s.tokens.make_room(text.size() / 2 + 1);
    std::size_t position = 0;
    unsigned classes = 0;
    if (ascii) {
        for (;;) {
            while (position < text.size() &&
                   (byte_classes[static_cast<unsigned char>(text[position])] & white_space) != 0) {
                ++position;
            }
            if (position == text.size()) {
                break;
            }
            if (!make_short_token(words, text, position, *out, counts)) {
                const std::string_view word = next_word(text, position, classes);
                *out = make_token(words, word, classes, s.lower, counts);
            }
            ++out;
        }
    } else {
        for (std::string_view word = next_word(text, position, classes); !word.empty();
             word = next_word(text, position, classes)) {
            *out++ = make_token(words, word, classes, s.lower, counts);
        }
    }
    s.tokens.set_end(out);
    return counts;
}

/// The scores of the tokens s.tokens[first, end), whose "!", "?" and upper-case tokens are
/// `counts`.
vader_scores score_tokens(scratch& s, std::size_t first, const token_counts& counts) {
    const std::span<const token> tokens = s.tokens.all().subspan(first);
    const std::span<double> values = s.sentiments_for(tokens.size());
    scorer(tokens, counts.upper).sentiments(values);
    return score_valence(values, counts);
}

} // namespace

namespace {

/// vader_polarity_scores of a text of which the caller knows whether it is ASCII.
vader_scores polarity_scores(std::string_view text, bool ascii) {
    scratch& s = thread_scratch();
    // Every emoji of the lexicon is outside ASCII: ASCII text needs no copy.
    if (!ascii) {
        replace_emoji(text, s.replaced);
        text = s.replaced;
    }
    s.tokens.clear();
    // No strip() first: the split into words skips the white space at both ends anyway.
    const token_counts counts = add_tokens(text, ascii, s);
    const vader_scores scores = score_tokens(s, 0, counts);
    s.trim();
    return scores;
}

} // namespace

vader_scores vader_polarity_scores(std::string_view text) {
    return polarity_scores(text, detail::python_is_ascii(text));
}

namespace detail {

vader_scores vader_polarity_scores_of_sentences(std::string_view text,
                                                std::span<const sentence_span> sentences,
                                                std::span<vader_scores> sentence_scores) {
    return vader_polarity_scores_of_sentences(text, sentences, sentence_scores,
                                              python_is_ascii(text));
}

vader_scores vader_polarity_scores_of_sentences(std::string_view text,
                                                std::span<const sentence_span> sentences,
                                                std::span<vader_scores> sentence_scores,
                                                bool ascii) {
    const auto sentence_text = [&](std::size_t i) {
        return text.substr(sentences[i].begin, sentences[i].end - sentences[i].begin);
    };
    // With nothing but white space between and around the sentences (as split_sentences
    // leaves), the words of the text are those of its sentences, in order, and so are its "!"
    // and "?".
    const auto white_space = [text](std::size_t from, std::size_t to) {
        while (from < to) {
            if (!python_is_space(next_code_point(text, from))) {
                return false;
            }
        }
        return true;
    };
    bool words_are_the_sentences = true;
    for (std::size_t i = 0, gap = 0; i <= sentences.size() && words_are_the_sentences; ++i) {
        const std::size_t next = i < sentences.size() ? sentences[i].begin : text.size();
        words_are_the_sentences = gap <= next && white_space(gap, next);
        gap = i < sentences.size() ? sentences[i].end : text.size();
    }
    if (words_are_the_sentences && sentences.size() == 1) {
        // Part of ASCII text is ASCII.
        sentence_scores[0] = ascii ? polarity_scores(sentence_text(0), true)
                                   : vader_polarity_scores(sentence_text(0));
        return sentence_scores[0];
    }
    // Emoji replacement changes the words of text beyond ASCII: that is scored a sentence at a
    // time and then whole, as it comes.
    if (!words_are_the_sentences || !ascii) {
        for (std::size_t i = 0; i < sentences.size(); ++i) {
            sentence_scores[i] = vader_polarity_scores(sentence_text(i));
        }
        return vader_polarity_scores(text);
    }
    scratch& s = thread_scratch();
    s.tokens.clear();
    token_counts all;
    for (std::size_t i = 0; i < sentences.size(); ++i) {
        const std::size_t first = s.tokens.size();
        const token_counts counts = add_tokens(sentence_text(i), true, s);
        sentence_scores[i] = score_tokens(s, first, counts);
        all += counts;
    }
    // The whole text again, as one (the rules look across sentences), from the same words.
    const vader_scores scores = score_tokens(s, 0, all);
    s.trim();
    return scores;
}

} // namespace detail

} // namespace ta
