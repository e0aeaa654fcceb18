#include <algorithm>
#include <sstream>
#include <string>

#include <boost/test/unit_test.hpp>

#include "one_line.hpp"
#include "render_text.hpp"
#include "test_cli_samples.hpp"

namespace {

std::string render(const ta::document& document, const ta::result& result) {
    std::ostringstream out;
    const auto renderer = ta::cli::make_text_renderer(out);
    renderer->write(document, result);
    renderer->end();
    return out.str();
}

ta::result v2_result_with_id(const std::string& id) {
    auto result = ta::cli::test::v2_result();
    result.id = id;
    return result;
}

} // namespace

using namespace ta::cli::test;

BOOST_AUTO_TEST_SUITE(cli_render_text)

BOOST_AUTO_TEST_CASE(scored_document_shows_label_scores_and_text) {
    BOOST_TEST(render(v3_document(), v3_result()) ==
               "1    positive  pos 0.98  neu 0.01  neg 0.01  "
               "Hello world. This is some input text that I love.\n");
}

BOOST_AUTO_TEST_CASE(labels_are_padded_so_scores_line_up) {
    auto result = v3_result();
    result.sentiment = ta::sentiment_label::mixed;
    BOOST_TEST(render(v3_document(), result).substr(0, 25) == "1    mixed     pos 0.98  ");
}

BOOST_AUTO_TEST_CASE(v2_document_shows_its_score) {
    BOOST_TEST(render(v2_document(), v2_result()) == "3    score 0.973  I love it\n");
}

BOOST_AUTO_TEST_CASE(failed_document_shows_code_and_message) {
    BOOST_TEST(render(error_document(), error_result()) ==
               "2    error  InvalidDocument: Document text is empty.\n");
}

BOOST_AUTO_TEST_CASE(line_breaks_and_tabs_become_spaces) {
    BOOST_TEST(render(odd_document(), odd_result()) ==
               "4    negative  pos 0.01  neu 0.02  neg 0.97  say \"hi\", then leave\\now\n");
}

BOOST_AUTO_TEST_CASE(control_characters_in_id_code_and_message_become_spaces) {
    ta::result result;
    result.id = "a\nb";
    result.error = ta::document_error{"Bad\rCode", "first line\nsecond\x1b[2J line"};
    BOOST_TEST(render({"a\nb", "x", ""}, result) ==
               "a b  error  Bad Code: first line second [2J line\n");
}

BOOST_AUTO_TEST_CASE(ids_line_up_up_to_three_characters) {
    std::ostringstream out;
    const auto renderer = ta::cli::make_text_renderer(out);
    renderer->write({"9", "I love it", ""}, v2_result_with_id("9"));
    renderer->write({"10", "I love it", ""}, v2_result_with_id("10"));
    renderer->write({"100", "I love it", ""}, v2_result_with_id("100"));
    BOOST_TEST(out.str() == "9    score 0.973  I love it\n"
                            "10   score 0.973  I love it\n"
                            "100  score 0.973  I love it\n");
}

BOOST_AUTO_TEST_CASE(a_longer_id_widens_the_column_for_the_lines_after_it) {
    std::ostringstream out;
    const auto renderer = ta::cli::make_text_renderer(out);
    renderer->write({"1", "I love it", ""}, v2_result_with_id("1"));
    renderer->write({"review-7", "I love it", ""}, v2_result_with_id("review-7"));
    renderer->write({"2", "I love it", ""}, v2_result_with_id("2"));
    BOOST_TEST(out.str() == "1    score 0.973  I love it\n"
                            "review-7  score 0.973  I love it\n"
                            "2         score 0.973  I love it\n");
}

BOOST_AUTO_TEST_CASE(id_width_counts_columns_not_bytes) {
    std::ostringstream out;
    const auto renderer = ta::cli::make_text_renderer(out);
    renderer->write({"\xC3\xA9", "I love it", ""}, v2_result_with_id("\xC3\xA9"));
    // A wide id takes two columns a character: the column grows to 4, and "x" is padded to it.
    renderer->write({"\u65E5\u672C", "I love it", ""}, v2_result_with_id("\u65E5\u672C"));
    renderer->write({"x", "I love it", ""}, v2_result_with_id("x"));
    BOOST_TEST(out.str() == "\xC3\xA9    score 0.973  I love it\n"
                            "\u65E5\u672C  score 0.973  I love it\n"
                            "x     score 0.973  I love it\n");
}

BOOST_AUTO_TEST_CASE(every_document_is_one_line) {
    std::ostringstream out;
    const auto renderer = ta::cli::make_text_renderer(out);
    renderer->write(v3_document(), v3_result());
    renderer->write(error_document(), error_result());
    renderer->write(odd_document(), odd_result());
    renderer->end();
    const std::string text = out.str();
    BOOST_TEST(std::count(text.begin(), text.end(), '\n') == 3);
}

BOOST_AUTO_TEST_CASE(c1_controls_and_delete_become_spaces_too) {
    // U+009B (CSI) and DEL become spaces; U+00A0 (no-break space) is not a control character.
    BOOST_TEST(ta::cli::one_line_excerpt("a\xC2\x9B"
                                         "31mb\x7F"
                                         "c\xC2\xA0"
                                         "d") == "a 31mb c\xC2\xA0"
                                                 "d");
}

BOOST_AUTO_TEST_CASE(long_text_is_cut_with_an_ellipsis) {
    const std::string text(70, 'a');
    std::string cut(59, 'a'); // not std::string(59, 'a') + "…": GCC 12 -Warray-bounds, wrongly
    cut += "\u2026";
    BOOST_TEST(ta::cli::one_line_excerpt(text) == cut);
}

BOOST_AUTO_TEST_CASE(text_of_exactly_the_limit_is_not_cut) {
    const std::string text(60, 'a');
    BOOST_TEST(ta::cli::one_line_excerpt(text) == text);
}

BOOST_AUTO_TEST_CASE(text_is_cut_on_a_code_point_boundary) {
    std::string text;
    for (int i = 0; i < 70; ++i) {
        text += "\xC3\xA9"; // é
    }
    std::string expected;
    for (int i = 0; i < 59; ++i) {
        expected += "\xC3\xA9";
    }
    BOOST_TEST(ta::cli::one_line_excerpt(text) == expected + "\u2026");
}

BOOST_AUTO_TEST_CASE(wide_characters_count_two_columns) {
    std::string text;
    for (int i = 0; i < 40; ++i) {
        text += "\u65E5"; // 日, two columns
    }
    std::string expected;
    for (int i = 0; i < 29; ++i) {
        expected += "\u65E5";
    }
    const std::string excerpt = ta::cli::one_line_excerpt(text);
    BOOST_TEST(excerpt == expected + "\u2026"); // 58 columns and the ellipsis
    BOOST_TEST(ta::cli::display_columns(excerpt) <= 60U);
    BOOST_TEST(ta::cli::one_line_excerpt(std::string(expected) + "\u65E5") ==
               expected + "\u65E5"); // 60 columns: not cut
}

BOOST_AUTO_TEST_CASE(a_cut_keeps_accents_and_skin_tones_with_their_characters) {
    std::string accents;
    std::string tones;
    for (int i = 0; i < 100; ++i) {
        accents += "e\u0301";            // e and a combining acute: one column
        tones += "\U0001F44D\U0001F3FD"; // thumbs up, medium skin tone: two columns
    }
    const std::string cut_accents = ta::cli::one_line_excerpt(accents);
    BOOST_TEST(cut_accents.size() == 59 * 3 + 3U); // 59 of "e\u0301" and the ellipsis
    BOOST_TEST(cut_accents.ends_with("e\u0301\u2026"));
    const std::string cut_tones = ta::cli::one_line_excerpt(tones);
    BOOST_TEST(cut_tones.size() == 29 * 8 + 3U); // 29 of them: 58 columns, and the ellipsis
    BOOST_TEST(cut_tones.ends_with("\U0001F3FD\u2026"));
}

BOOST_AUTO_TEST_CASE(controls_and_invalid_bytes_take_a_column_each) {
    BOOST_TEST(ta::cli::display_columns("a\tb\xFF\xC3") == 5U);
    BOOST_TEST(ta::cli::display_columns("\u00E9\u65E5\U0001F600") == 5U);
    BOOST_TEST(ta::cli::display_columns("\u0301") == 0U);
}

BOOST_AUTO_TEST_CASE(flags_and_emoji_presentation_take_two_columns) {
    BOOST_TEST(ta::cli::display_columns("\U0001F1FA\U0001F1F8") == 2U); // a flag
    BOOST_TEST(ta::cli::display_columns("\u2764\uFE0F") == 2U);         // a red heart
    BOOST_TEST(ta::cli::display_columns("1\uFE0F\u20E3") == 2U);        // a keycap
    BOOST_TEST(ta::cli::display_columns("\u2764") == 1U);               // text presentation
    std::string flags;
    for (int i = 0; i < 40; ++i) {
        flags += "\U0001F1FA\U0001F1F8";
    }
    BOOST_TEST(ta::cli::display_columns(ta::cli::one_line_excerpt(flags)) == 59U); // 29 and "…"
}

BOOST_AUTO_TEST_SUITE_END()
