#include <boost/test/unit_test.hpp>

#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <utf8proc.h>

#include "detail/text_elements.hpp"

BOOST_AUTO_TEST_SUITE(text_elements)

using namespace ta::detail;

namespace {

// utf8proc on every code point, as the counting was before its ASCII shortcuts: the reference.
std::size_t elements_by_utf8proc(std::string_view text) {
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    auto left = static_cast<utf8proc_ssize_t>(text.size());
    std::size_t count = 0;
    utf8proc_int32_t previous = -1;
    utf8proc_int32_t state = 0;
    while (left > 0) {
        utf8proc_int32_t code_point = 0;
        const utf8proc_ssize_t used = utf8proc_iterate(p, left, &code_point);
        if (used <= 0) {
            ++p;
            --left;
            ++count;
            previous = -1;
            state = 0;
            continue;
        }
        p += used;
        left -= used;
        if (previous < 0 || utf8proc_grapheme_break_stateful(previous, code_point, &state)) {
            ++count;
        }
        previous = code_point;
    }
    return count;
}

bool valid_by_utf8proc(std::string_view text) {
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    auto left = static_cast<utf8proc_ssize_t>(text.size());
    while (left > 0) {
        utf8proc_int32_t code_point = 0;
        const utf8proc_ssize_t used = utf8proc_iterate(p, left, &code_point);
        if (used <= 0) {
            return false;
        }
        p += used;
        left -= used;
    }
    return true;
}

bool blank_by_utf8proc(std::string_view text) {
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    auto left = static_cast<utf8proc_ssize_t>(text.size());
    while (left > 0) {
        utf8proc_int32_t c = 0;
        const utf8proc_ssize_t used = utf8proc_iterate(p, left, &c);
        if (used <= 0) {
            return false;
        }
        const auto category = utf8proc_category(c);
        if (!(category == UTF8PROC_CATEGORY_ZS || category == UTF8PROC_CATEGORY_ZL ||
              category == UTF8PROC_CATEGORY_ZP || c == '\t' || c == '\n' || c == '\r' ||
              c == '\v' || c == '\f')) {
            return false;
        }
        p += used;
        left -= used;
    }
    return true;
}

} // namespace

BOOST_AUTO_TEST_CASE(blank_agrees_with_utf8proc_on_every_ascii_byte) {
    for (int b = 0; b < 0x80; ++b) {
        const std::string text = std::string(" ") + static_cast<char>(b) + "\xE3\x80\x80";
        BOOST_TEST(is_blank(text) == blank_by_utf8proc(text), b);
    }
}

BOOST_AUTO_TEST_CASE(shortcuts_count_as_utf8proc_does_on_mixed_text) {
    // ASCII next to what joins to it or breaks from it: combining marks, ZWJ, emoji and their
    // modifiers, regional indicators, a prepended mark, Hangul jamo, controls, bad bytes.
    const std::vector<std::string> pieces = {"a",
                                             " ",
                                             "\r",
                                             "\n",
                                             "\t",
                                             "\x01",
                                             "#",
                                             "1",
                                             "\xCC\x81",
                                             "\xE2\x80\x8D",
                                             "\xF0\x9F\x91\xA8",
                                             "\xF0\x9F\x8F\xBD",
                                             "\xF0\x9F\x87\xAB",
                                             "\xEF\xB8\x8F",
                                             "\xE2\x9D\xA4",
                                             "\xD8\x80",
                                             "\xE1\x84\x80",
                                             "\xE1\x85\xA1",
                                             "\xE0\xA4\x95",
                                             "\xE0\xA5\x8D",
                                             "\xC3\xA9",
                                             "\xFF",
                                             "\xC3",
                                             "\xE2\x80\xA8",
                                             "\xC2\x85"};
    std::mt19937 random(7);
    for (int i = 0; i < 20000; ++i) {
        std::string text;
        const int length = static_cast<int>(random() % 12);
        for (int k = 0; k < length; ++k) {
            text += pieces[random() % pieces.size()];
        }
        BOOST_TEST(count_text_elements(text) == elements_by_utf8proc(text), text);
        BOOST_TEST(is_valid_utf8(text) == valid_by_utf8proc(text), text);
        const std::size_t limit = random() % 6;
        const std::size_t full = elements_by_utf8proc(text);
        BOOST_TEST(count_text_elements(text, limit) == (full > limit ? limit + 1 : full), text);
    }
}

BOOST_AUTO_TEST_CASE(shortcuts_count_as_utf8proc_does_on_the_gold_texts) {
    std::ifstream gold(TA_SHARED_DIR "/conformance/vader-3.3.2-gold.jsonl");
    if (!gold) {
        return; // ../shared is optional; the mixed-text case above always runs
    }
    std::size_t lines = 0;
    for (std::string line; std::getline(gold, line); ++lines) {
        BOOST_TEST(count_text_elements(line) == elements_by_utf8proc(line));
        BOOST_TEST(is_valid_utf8(line) == valid_by_utf8proc(line));
    }
    BOOST_TEST(lines > 20000U);
}

BOOST_AUTO_TEST_CASE(ascii_counts_one_element_per_character) {
    BOOST_TEST(count_text_elements("hello") == 5u);
    BOOST_TEST(count_text_elements("") == 0u);
}

BOOST_AUTO_TEST_CASE(grapheme_clusters_count_once) {
    // e + combining acute; a family emoji joined by ZWJ; a flag (two regional indicators);
    // a heart with variation selector 16.
    BOOST_TEST(count_text_elements("e\xCC\x81") == 1u);
    BOOST_TEST(count_text_elements("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D"
                                   "\xF0\x9F\x91\xA7") == 1u);
    BOOST_TEST(count_text_elements("\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7") == 1u);
    BOOST_TEST(count_text_elements("\xE2\x9D\xA4\xEF\xB8\x8F!") == 2u);
    BOOST_TEST(count_text_elements("\r\n") == 1u);
}

BOOST_AUTO_TEST_CASE(counting_stops_just_past_the_limit) {
    const std::string long_text(100'000, 'a');
    BOOST_TEST(count_text_elements(long_text, 5120) == 5121u);
    BOOST_TEST(count_text_elements(std::string(5120, 'a'), 5120) == 5120u);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_detected) {
    BOOST_TEST(is_valid_utf8("caf\xC3\xA9"));
    BOOST_TEST(!is_valid_utf8("caf\xC3"));
    BOOST_TEST(!is_valid_utf8("\xFF\xFE"));
    BOOST_TEST(!is_valid_utf8("\xED\xA0\x80")); // a UTF-16 surrogate
    BOOST_TEST(is_valid_utf8(""));
}

BOOST_AUTO_TEST_CASE(a_character_beyond_ascii_counts_wherever_it_stands) {
    // ASCII runs of every length around a block or two (16 bytes, 8) with a bad byte, a
    // two-byte character or an accent that joins the letter before it at every place: the
    // check and the count see it wherever the runs of ASCII they skip end.
    for (std::size_t length = 0; length <= 40; ++length) {
        for (std::size_t at = 0; at <= length; ++at) {
            std::string text(length, 'a');
            BOOST_TEST(is_valid_utf8(std::string(text).insert(at, "\xFF")) == false);
            BOOST_TEST(is_valid_utf8(std::string(text).insert(at, "\xC3")) == false);
            const std::string two_bytes = std::string(text).insert(at, "\xC3\xA9");
            BOOST_TEST(is_valid_utf8(two_bytes));
            BOOST_TEST(count_text_elements(two_bytes) == length + 1);
            const std::string combining = std::string(text).insert(at, "\xCC\x81");
            BOOST_TEST(count_text_elements(combining) == elements_by_utf8proc(combining));
        }
    }
}

BOOST_AUTO_TEST_CASE(measuring_a_text_is_checking_it_and_counting_its_elements) {
    const std::vector<std::string> texts = {"",
                                            "plain ascii text",
                                            "a\r\nb\r\n\r",
                                            std::string(5200, 'a'),
                                            "caf\xC3\xA9 \xF0\x9F\x98\x80",
                                            "e\xCC\x81 and \r\n",
                                            "caf\xC3",
                                            "\xFF ascii after",
                                            "ascii before \xED\xA0\x80"};
    for (const std::string& text : texts) {
        for (const std::size_t stop_after : {std::size_t{3}, std::size_t{5120}}) {
            const text_measure measure = measure_text(text, stop_after);
            BOOST_TEST(measure.valid_utf8 == is_valid_utf8(text), text);
            if (measure.valid_utf8) {
                BOOST_TEST(measure.elements == count_text_elements(text, stop_after), text);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(blank_means_empty_or_only_white_space) {
    BOOST_TEST(is_blank(""));
    BOOST_TEST(is_blank(" \t\r\n"));
    BOOST_TEST(is_blank("\xC2\xA0\xE3\x80\x80")); // no-break space, ideographic space
    BOOST_TEST(!is_blank(" a "));
    BOOST_TEST(!is_blank("."));
}

BOOST_AUTO_TEST_SUITE_END()
