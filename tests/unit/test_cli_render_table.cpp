#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "render_table.hpp"
#include "test_cli_samples.hpp"

namespace {

using factory = std::unique_ptr<ta::cli::renderer> (*)(std::ostream&);

/// The rows after the header.
std::string render(factory make, const ta::document& document, const ta::result& result) {
    std::ostringstream out;
    const auto renderer = make(out);
    renderer->write(document, result);
    renderer->end();
    const std::string text = out.str();
    return text.substr(text.find('\n') + 1);
}

std::string tsv(const ta::document& document, const ta::result& result) {
    return render(&ta::cli::make_tsv_renderer, document, result);
}

std::string csv(const ta::document& document, const ta::result& result) {
    return render(&ta::cli::make_csv_renderer, document, result);
}

} // namespace

using namespace ta::cli::test;

BOOST_AUTO_TEST_SUITE(cli_render_table)

BOOST_AUTO_TEST_CASE(tsv_header_names_the_documented_columns) {
    std::ostringstream out;
    const auto renderer = ta::cli::make_tsv_renderer(out);
    renderer->end();
    BOOST_TEST(out.str() == "id\tsentiment\tpositive\tneutral\tnegative\tscore\terror_code\t"
                            "error_message\ttext\n");
}

BOOST_AUTO_TEST_CASE(csv_header_names_the_documented_columns) {
    std::ostringstream out;
    const auto renderer = ta::cli::make_csv_renderer(out);
    renderer->end();
    BOOST_TEST(out.str() ==
               "id,sentiment,positive,neutral,negative,score,error_code,error_message,text\n");
}

BOOST_DATA_TEST_CASE(the_header_waits_for_the_first_row,
                     boost::unit_test::data::make({&ta::cli::make_tsv_renderer,
                                                   &ta::cli::make_csv_renderer}),
                     make) {
    std::ostringstream out;
    const auto renderer = make(out);
    BOOST_TEST(out.str().empty());
    renderer->write(v2_document(), v2_result());
    renderer->write(v2_document(), v2_result());
    renderer->end();
    const std::string text = out.str();
    BOOST_TEST(text.rfind("id", 0) == 0U);
    BOOST_TEST(text.find("error_message") == text.rfind("error_message"));
    BOOST_TEST(std::count(text.begin(), text.end(), '\n') == 3);
}

BOOST_AUTO_TEST_CASE(tsv_scored_document_fills_label_and_confidence) {
    BOOST_TEST(tsv(v3_document(), v3_result()) ==
               "1\tpositive\t0.98\t0.01\t0.01\t\t\t\t"
               "Hello world. This is some input text that I love.\n");
}

BOOST_AUTO_TEST_CASE(tsv_v2_document_fills_only_the_score) {
    BOOST_TEST(tsv(v2_document(), v2_result()) == "3\t\t\t\t\t0.9733\t\t\tI love it\n");
}

BOOST_AUTO_TEST_CASE(tsv_failed_document_fills_the_error_columns) {
    BOOST_TEST(tsv(error_document(), error_result()) ==
               "2\t\t\t\t\t\tInvalidDocument\tDocument text is empty.\t\n");
}

BOOST_AUTO_TEST_CASE(tsv_escapes_tab_newline_and_backslash) {
    BOOST_TEST(tsv(odd_document(), odd_result()) ==
               "4\tnegative\t0.01\t0.02\t0.97\t\t\t\tsay \"hi\",\\tthen\\nleave\\\\now\n");
}

BOOST_AUTO_TEST_CASE(tsv_escapes_carriage_return) {
    BOOST_TEST(ta::cli::tsv_field("a\r\nb") == "a\\r\\nb");
}

BOOST_AUTO_TEST_CASE(tsv_writes_other_control_characters_as_hex) {
    BOOST_TEST(ta::cli::tsv_field(std::string("a\0b\x1b[1m\x7f\x01", 9)) ==
               "a\\x00b\\x1b[1m\\x7f\\x01");
}

BOOST_AUTO_TEST_CASE(tsv_finds_a_character_to_escape_wherever_it_is_in_a_long_field) {
    // 40 bytes: two blocks of sixteen and a word of eight
    const std::string plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN";
    for (std::size_t at = 0; at < plain.size(); ++at) {
        for (const auto& [inserted, written] : {std::pair<std::string, std::string>{"\t", "\\t"},
                                                {"\\", "\\\\"},
                                                {"\x7f", "\\x7f"},
                                                {std::string(1, '\0'), "\\x00"},
                                                {"\u00e9", "\u00e9"}}) {
            std::string text = plain;
            text.insert(at, inserted);
            std::string expected = plain;
            expected.insert(at, written);
            BOOST_TEST(ta::cli::tsv_field(text) == expected, "at " << at);
        }
    }
}

BOOST_AUTO_TEST_CASE(tsv_keeps_utf8_as_it_is) {
    BOOST_TEST(ta::cli::tsv_field("caf\xC3\xA9 \xE2\x9C\x93") == "caf\xC3\xA9 \xE2\x9C\x93");
}

BOOST_AUTO_TEST_CASE(csv_scored_document_fills_label_and_confidence) {
    BOOST_TEST(csv(v3_document(), v3_result()) ==
               "1,positive,0.98,0.01,0.01,,,,Hello world. This is some input text that I love.\n");
}

BOOST_AUTO_TEST_CASE(csv_v2_document_fills_only_the_score) {
    BOOST_TEST(csv(v2_document(), v2_result()) == "3,,,,,0.9733,,,I love it\n");
}

BOOST_AUTO_TEST_CASE(csv_failed_document_fills_the_error_columns) {
    BOOST_TEST(csv(error_document(), error_result()) ==
               "2,,,,,,InvalidDocument,Document text is empty.,\n");
}

BOOST_AUTO_TEST_CASE(csv_quotes_fields_with_quotes_commas_and_line_breaks) {
    BOOST_TEST(csv(odd_document(), odd_result()) ==
               "4,negative,0.01,0.02,0.97,,,,\"say \"\"hi\"\",\tthen\nleave\\now\"\n");
}

BOOST_AUTO_TEST_CASE(csv_quotes_a_carriage_return) {
    BOOST_TEST(ta::cli::csv_field("a\rb") == "\"a\rb\"");
}

BOOST_AUTO_TEST_CASE(csv_quotes_control_characters_and_keeps_them) {
    const std::string field("a\0b\x1b\tc", 6);
    BOOST_TEST(ta::cli::csv_field(field) == "\"" + field + "\"");
}

BOOST_AUTO_TEST_CASE(csv_leaves_plain_fields_alone) {
    BOOST_TEST(ta::cli::csv_field("plain text; no quotes") == "plain text; no quotes");
}

BOOST_DATA_TEST_CASE(
    scores_have_at_most_four_decimals_and_no_trailing_zeros,
    boost::unit_test::data::make({0.98, 1.0, 0.0, 0.0065730810165405273, 0.5, 0.12346, 0.99999}) ^
        boost::unit_test::data::make({"0.98", "1", "0", "0.0066", "0.5", "0.1235", "1"}),
    value, expected) {
    BOOST_TEST(ta::cli::format_score(value) == std::string(expected));
}

/// What format_score must give: printf's exact rounding, trailing zeros dropped.
std::string printf_score(double value) {
    char buffer[512];
    std::snprintf(buffer, sizeof buffer, "%.4f", value);
    std::string text = buffer;
    while (text.find('.') != std::string::npos && (text.back() == '0' || text.back() == '.')) {
        const bool dot = text.back() == '.';
        text.pop_back();
        if (dot) {
            break;
        }
    }
    return text == "-0" ? "0" : text;
}

BOOST_AUTO_TEST_CASE(scores_round_exactly_as_printf_even_next_to_a_tie) {
    // Ties in decimal that are not ties in binary (0.00005, 0.12345, 2.5e-5 ...), every 4-place
    // value and its neighbours, negatives and large numbers.
    std::vector<double> values{0.00005, 0.00015, 0.12345,  0.99995, 1.00005,      0.000025, 0.81845,
                               0.18155, -0.5,    -0.00004, 1e15,    123456.78905, 1e300};
    for (int i = 0; i <= 10'000; ++i) {
        const double v = i / 10'000.0;
        values.insert(values.end(), {v, std::nextafter(v, 0.0), std::nextafter(v, 2.0), v + 0.00005,
                                     (2 * i + 1) / 20'000.0});
    }
    // The v2-style score (compound + 1) / 2 of every compound, a tie in decimal for half of them,
    // and the doubles either side; and ties that are exact in binary (1/32 is 0.03125), which
    // printf rounds to even.
    for (int i = -10'000; i <= 10'000; ++i) {
        const double score = (i / 10'000.0 + 1) / 2;
        values.insert(values.end(),
                      {score, std::nextafter(score, 0.0), std::nextafter(score, 2.0)});
    }
    for (int k = 1; k < 32; k += 2) {
        values.push_back(k / 32.0);
        values.push_back(k / 32.0 / 10);
    }
    std::uint64_t state = 42;
    for (int i = 0; i < 20'000; ++i) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        values.push_back(static_cast<double>(state >> 11) / 9007199254740992.0);
    }
    int mismatches = 0;
    for (const double v : values) {
        if (ta::cli::format_score(v) != printf_score(v) && ++mismatches <= 5) {
            BOOST_ERROR("format_score(" << v << ") = " << ta::cli::format_score(v) << ", printf "
                                        << printf_score(v));
        }
    }
    BOOST_TEST(mismatches == 0);
}

BOOST_AUTO_TEST_SUITE_END()
