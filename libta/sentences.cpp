#include "detail/sentences.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include <utf8proc.h>

#include "detail/python_text.hpp"
#include "detail/strings.hpp"

namespace ta::detail {
namespace {

bool is_terminator(char32_t c) noexcept {
    return c == '.' || c == '!' || c == '?' || c == 0x2026 /* … */ || c == 0x3002 /* 。 */ ||
           c == 0xFF01 /* ！ */ || c == 0xFF1F /* ？ */ || c == 0xFF0E /* ． */;
}

bool is_closer(char32_t c) noexcept {
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' || c == 0x2019 /* ’ */ ||
           c == 0x201D /* ” */ || c == 0x00BB /* » */ || c == 0x300D /* 」 */ ||
           c == 0x300F /* 』 */;
}

bool is_line_break(char32_t c) noexcept {
    return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 ||
           c == 0x2029;
}

/// ASCII that neither is white space (nor a line break) nor ends a sentence.
constexpr std::array<bool, 256> plain_ascii = [] {
    std::array<bool, 256> table{};
    for (std::size_t c = '!'; c < 0x7F + 1; ++c) {
        table[c] = c != '.' && c != '!' && c != '?';
    }
    return table;
}();

constexpr std::uint64_t ones = 0x0101010101010101u;
constexpr std::uint64_t highs = 0x8080808080808080u;

/// Whether each of the eight bytes of `chunk` is plain ASCII or a space (0x20 to 0x7F but for
/// . ! and ?): the test of plain_ascii, eight bytes at a time. Once no byte is 0x80 or more, no
/// sum below carries into the next byte, so each sets a byte's high bit exactly where the byte
/// passes one test; a byte is plain when it passes all four.
constexpr bool all_plain_or_space(std::uint64_t chunk) noexcept {
    if ((chunk & highs) != 0) {
        return false;
    }
    const auto other_than = [chunk](unsigned char c) { return (chunk ^ (ones * c)) + ones * 0x7F; };
    const std::uint64_t passed = (chunk + ones * 0x60) & other_than('.') & other_than('!') &
                                 other_than('?'); // 0x60: from 0x20 on
    return (passed & highs) == highs;
}

/// A word of up to six bytes, lower case, as a number: its bytes from the lowest, and its size
/// in the highest. 0 for any other word (no such word is an abbreviation).
constexpr std::uint64_t abbreviation_key(std::string_view word) noexcept {
    if (word.empty() || word.size() > 6) {
        return 0;
    }
    std::uint64_t key = 0;
    for (std::size_t i = 0; i < word.size(); ++i) {
        const auto c = static_cast<unsigned char>(word[i]);
        key |= static_cast<std::uint64_t>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c) << (8 * i);
    }
    return key | (static_cast<std::uint64_t>(word.size()) << 56);
}

/// Words that end in a full stop without ending a sentence.
bool is_abbreviation(std::string_view word) noexcept {
    if (word.size() == 1 && word[0] >= 'A' && word[0] <= 'Z') {
        return true; // an initial: "J. Smith"
    }
    static constexpr std::array<std::string_view, 22> abbreviations{
        "mr",  "mrs", "ms",     "dr",  "prof", "sr",   "jr", "st",  "vs",  "etc", "e.g",
        "i.e", "fig", "approx", "inc", "ltd",  "corp", "mt", "jan", "feb", "aug", "sept"};
    // Compared as numbers, one comparison each, rather than a character at a time.
    static constexpr std::array<std::uint64_t, abbreviations.size()> keys = [] {
        std::array<std::uint64_t, abbreviations.size()> k{};
        for (std::size_t i = 0; i < k.size(); ++i) {
            k[i] = abbreviation_key(abbreviations[i]);
        }
        return k;
    }();
    const std::uint64_t key = abbreviation_key(word);
    return key != 0 && std::find(keys.begin(), keys.end(), key) != keys.end();
}

/// The word that ends at `end` (after the last white space before it).
std::string_view word_before(std::string_view text, std::size_t begin, std::size_t end) {
    std::size_t start = end;
    while (start > begin && text[start - 1] != ' ' && text[start - 1] != '\t' &&
           text[start - 1] != '\n' && text[start - 1] != '(' && text[start - 1] != '"') {
        --start;
    }
    return text.substr(start, end - start);
}

} // namespace

std::vector<sentence_span> split_sentences(std::string_view text) {
    std::vector<sentence_span> sentences;
    split_sentences(text, sentences);
    return sentences;
}

void split_sentences(std::string_view text, std::vector<sentence_span>& sentences) {
    sentences.clear();
    std::size_t start = std::string_view::npos; // of the current sentence
    std::size_t last = 0;                       // end of its last character that is not space
    std::size_t space_at = 0, space_end = 0;    // the last white space seen between sentences
    char32_t space = 0;
    const auto close = [&](std::size_t end) {
        if (start != std::string_view::npos) {
            sentences.push_back({start, end});
            start = std::string_view::npos;
        }
    };
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t here = i;
        // Most characters are ASCII that is neither white space nor a terminator, or spaces
        // between them: a run of them only extends the sentence.
        if (plain_ascii[static_cast<unsigned char>(text[i])]) {
            if (start == std::string_view::npos) {
                start = here;
            }
            const std::size_t run = i;
            for (; i + 8 <= text.size(); i += 8) {
                std::uint64_t chunk = 0;
                std::memcpy(&chunk, text.data() + i, 8);
                if (!all_plain_or_space(chunk)) {
                    break;
                }
            }
            if (i != run) {
                // The run began with a plain character: the sentence goes on to the last one.
                last = i;
                while (text[last - 1] == ' ') {
                    --last;
                }
            }
            for (; i < text.size(); ++i) {
                const auto b = static_cast<unsigned char>(text[i]);
                if (plain_ascii[b]) {
                    last = i + 1;
                } else if (b != ' ') {
                    break;
                }
            }
            continue;
        }
        const char32_t c = next_code_point(text, i);
        if (is_line_break(c)) {
            close(last);
            continue;
        }
        if (python_is_space(c)) {
            space_at = here;
            space_end = i;
            space = c;
            continue;
        }
        if (start == std::string_view::npos) {
            start = here;
            // A combining mark (or ZWJ) after a space makes one text element with it: the
            // sentence begins with that space, or its offsets in text elements would begin
            // past the element that holds its first character.
            if (space_end == here && !utf8proc_grapheme_break(static_cast<utf8proc_int32_t>(space),
                                                              static_cast<utf8proc_int32_t>(c))) {
                start = space_at;
            }
        }
        last = i;
        if (!is_terminator(c)) {
            continue;
        }
        // The run of terminators and closers.
        std::size_t end = i;
        for (std::size_t next = end; next < text.size();) {
            const char32_t d = next_code_point(text, next);
            if (!is_terminator(d) && !is_closer(d)) {
                break;
            }
            end = next;
        }
        i = end;
        last = end;
        std::size_t after = end;
        if (end < text.size() && !python_is_space(next_code_point(text, after))) {
            continue; // "3.5", "a.m.", "!?" inside a word
        }
        if (c == '.' && end == here + 1 && is_abbreviation(word_before(text, start, here))) {
            continue;
        }
        close(end);
    }
    close(last);
}

std::vector<std::int64_t> measure_offsets(std::string_view text,
                                          const std::vector<std::size_t>& positions,
                                          string_index_type unit) {
    std::vector<std::int64_t> offsets;
    measure_offsets(text, positions, unit, offsets);
    return offsets;
}

void measure_offsets(std::string_view text, std::span<const std::size_t> positions,
                     string_index_type unit, std::vector<std::int64_t>& offsets) {
    offsets.clear();
    offsets.reserve(positions.size());
    if (text.find('\r') == std::string_view::npos && python_is_ascii(text)) {
        // Most text: every unit counts a byte as one.
        for (const std::size_t position : positions) {
            offsets.push_back(static_cast<std::int64_t>(std::min(position, text.size())));
        }
        return;
    }
    if (python_is_ascii(text)) {
        // Every unit counts a byte as one, except that a text element joins CR LF (GB3; no
        // other rule joins two ASCII characters).
        std::int64_t joined = 0;
        std::size_t i = 0;
        for (const std::size_t position : positions) {
            const std::size_t end = std::min(position, text.size());
            for (; i < end; ++i) {
                joined += i > 0 && text[i] == '\n' && text[i - 1] == '\r' ? 1 : 0;
            }
            const bool elements = unit == string_index_type::text_element;
            offsets.push_back(static_cast<std::int64_t>(end) - (elements ? joined : 0));
        }
        return;
    }
    std::int64_t count = 0;
    utf8proc_int32_t previous = -1;
    utf8proc_int32_t state = 0;
    std::size_t i = 0;
    for (const std::size_t position : positions) {
        while (i < position && i < text.size()) {
            const char32_t c = next_code_point(text, i);
            switch (unit) {
            case string_index_type::unicode_code_point:
                ++count;
                break;
            case string_index_type::utf16_code_unit:
                count += c > 0xFFFF ? 2 : 1;
                break;
            case string_index_type::text_element: {
                const auto cp = static_cast<utf8proc_int32_t>(c);
                if (previous < 0 || utf8proc_grapheme_break_stateful(previous, cp, &state)) {
                    ++count;
                }
                previous = cp;
                break;
            }
            }
        }
        offsets.push_back(count);
    }
}

} // namespace ta::detail
