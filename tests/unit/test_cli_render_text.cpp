#include <algorithm>
#include <sstream>
#include <string>

#include <boost/test/unit_test.hpp>

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

BOOST_AUTO_TEST_CASE(id_width_counts_code_points_not_bytes) {
    std::ostringstream out;
    const auto renderer = ta::cli::make_text_renderer(out);
    renderer->write({"\xC3\xA9", "I love it", ""}, v2_result_with_id("\xC3\xA9"));
    BOOST_TEST(out.str() == "\xC3\xA9    score 0.973  I love it\n");
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

BOOST_AUTO_TEST_SUITE_END()
