#include <string>
#include <string_view>
#include <vector>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "detail/sentences.hpp"
#include "detail/text_elements.hpp"

namespace {

/// The sentences of `text` as strings.
std::vector<std::string> sentences_of(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& span : ta::detail::split_sentences(text)) {
        out.emplace_back(text.substr(span.begin, span.end - span.begin));
    }
    return out;
}

using strings = std::vector<std::string>;

} // namespace

BOOST_TEST_DONT_PRINT_LOG_VALUE(ta::string_index_type)

BOOST_AUTO_TEST_SUITE(sentences)

BOOST_AUTO_TEST_CASE(full_stops_end_sentences_and_the_space_between_is_left_out) {
    BOOST_TEST(sentences_of("Hello world. This is some input text that I love.") ==
                   (strings{"Hello world.", "This is some input text that I love."}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(runs_of_marks_and_closing_quotes_stay_with_their_sentence) {
    BOOST_TEST(sentences_of("Wow!!! Really?! She said \"great.\" Then (sadly.) left") ==
                   (strings{"Wow!!!", "Really?!", "She said \"great.\"", "Then (sadly.)", "left"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(marks_inside_a_word_do_not_end_a_sentence) {
    BOOST_TEST(sentences_of("It costs 3.50 at example.com today.") ==
                   (strings{"It costs 3.50 at example.com today."}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(abbreviations_and_initials_do_not_end_a_sentence) {
    BOOST_TEST(sentences_of("Mr. Smith met Dr. J. Watson, e.g. at noon. It went well.") ==
                   (strings{"Mr. Smith met Dr. J. Watson, e.g. at noon.", "It went well."}),
               boost::test_tools::per_element());
    // In any case; a word that only begins like one, or is longer, ends the sentence.
    BOOST_TEST(
        sentences_of("APPROX. ten, Sept. too, I.E. them. Drs. left. Approxi. no") ==
            (strings{"APPROX. ten, Sept. too, I.E. them.", "Drs.", "left.", "Approxi.", "no"}),
        boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(line_breaks_end_sentences) {
    BOOST_TEST(sentences_of("first line\r\nsecond line\n\nthird") ==
                   (strings{"first line", "second line", "third"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(ellipses_and_full_width_marks_end_sentences) {
    BOOST_TEST(sentences_of("Well\u2026 fine. \u3088\u3044\u3002 \u60aa\u3044\uff01") ==
                   (strings{"Well\u2026", "fine.", "\u3088\u3044\u3002", "\u60aa\u3044\uff01"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(white_space_around_the_text_is_in_no_sentence) {
    const auto spans = ta::detail::split_sentences("  Good.  ");
    BOOST_TEST_REQUIRE(spans.size() == 1U);
    BOOST_TEST(spans[0].begin == 2U);
    BOOST_TEST(spans[0].end == 7U);
}

BOOST_AUTO_TEST_CASE(a_combining_mark_after_a_space_begins_its_sentence_with_that_space) {
    // " \u0301" is one text element: the sentence must hold it whole (found by fuzz_builtin).
    BOOST_TEST(sentences_of("Good. \xCC\x81ok") == (strings{"Good.", " \xCC\x81ok"}),
               boost::test_tools::per_element());
    BOOST_TEST(sentences_of("Good.\n \xCC\x81") == (strings{"Good.", " \xCC\x81"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(blank_text_has_no_sentences) {
    BOOST_TEST(ta::detail::split_sentences(" \t\n ").empty());
    BOOST_TEST(ta::detail::split_sentences("").empty());
}

// "e" + combining acute is one text element; the emoji is one code point and two UTF-16 units.
BOOST_DATA_TEST_CASE(offsets_are_measured_in_the_asked_unit,
                     boost::unit_test::data::make({ta::string_index_type::text_element,
                                                   ta::string_index_type::unicode_code_point,
                                                   ta::string_index_type::utf16_code_unit}) ^
                         boost::unit_test::data::make({3, 4, 5}),
                     unit, expected) {
    const std::string text = "e\u0301\U0001F600 x";
    const std::vector<std::size_t> positions{0, text.size() - 1, text.size()};
    const auto offsets = ta::detail::measure_offsets(text, positions, unit);
    BOOST_TEST_REQUIRE(offsets.size() == 3U);
    BOOST_TEST(offsets[0] == 0);
    BOOST_TEST(offsets[1] == expected);
    BOOST_TEST(offsets[2] == expected + 1);
}

// ASCII text is measured without the grapheme rules; they join only CR LF, and the fast path
// must agree with them on every pair of ASCII characters.
BOOST_AUTO_TEST_CASE(ascii_text_elements_are_bytes_except_cr_lf) {
    for (int a = 1; a < 0x80; ++a) {
        for (int b = 1; b < 0x80; ++b) {
            const std::string text{static_cast<char>(a), static_cast<char>(b)};
            const auto offsets =
                ta::detail::measure_offsets(text, {1, 2}, ta::string_index_type::text_element);
            const auto elements = static_cast<std::int64_t>(ta::detail::count_text_elements(text));
            if (offsets[1] != elements || offsets[0] != 1) {
                BOOST_ERROR("characters " << a << ", " << b << ": " << offsets[1] << " not "
                                          << elements);
            }
        }
    }
    BOOST_TEST(
        ta::detail::measure_offsets("a\r\nb", {2, 3, 4}, ta::string_index_type::text_element) ==
        (std::vector<std::int64_t>{2, 2, 3}));
}

// Long runs of plain text are skipped eight bytes at a time: a terminator, a line break, a tab
// or a character beyond ASCII must be seen wherever it falls in such a run.
BOOST_AUTO_TEST_CASE(breaks_are_seen_at_any_place_in_a_long_run) {
    for (std::size_t at = 1; at < 24; ++at) {
        const std::string before(at, 'a');
        const std::string after = "bcd efg hij klm nop";
        BOOST_TEST(sentences_of(before + ". " + after) == (strings{before + ".", after}),
                   "at " << at);
        BOOST_TEST(sentences_of(before + "!? " + after) == (strings{before + "!?", after}),
                   "at " << at);
        BOOST_TEST(sentences_of(before + "\n" + after) == (strings{before, after}), "at " << at);
        BOOST_TEST(sentences_of(before + "   \n" + after) == (strings{before, after}), "at " << at);
        BOOST_TEST(sentences_of(before + "\t" + after) == (strings{before + "\t" + after}),
                   "at " << at);
        BOOST_TEST(sentences_of(before + "\u2026 " + after) == (strings{before + "\u2026", after}),
                   "at " << at);
        BOOST_TEST(sentences_of(before + "        ") == (strings{before}), "at " << at);
    }
}

BOOST_AUTO_TEST_SUITE_END()
