#include <charconv>
#include <cmath>
#include <string>
#include <utility>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "json_text.hpp"

namespace {

std::string json_string(std::string_view text) {
    std::string out;
    ta::cli::append_json_string(out, text);
    return out;
}

std::string json_number(double value) {
    std::string out;
    ta::cli::append_json_number(out, value);
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(cli_json_text)

BOOST_AUTO_TEST_CASE(quotes_backslashes_and_control_characters_are_escaped) {
    BOOST_TEST(json_string("say \"hi\"\\\n\t\r\b\f") == R"("say \"hi\"\\\n\t\r\b\f")");
    BOOST_TEST(json_string(std::string("a\0b\x1b", 4)) == R"("a\u0000b\u001b")");
}

BOOST_AUTO_TEST_CASE(a_character_to_escape_is_found_wherever_it_is_in_a_long_text) {
    // 40 bytes: two blocks of sixteen and a word of eight
    const std::string plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN";
    for (std::size_t at = 0; at < plain.size(); ++at) {
        for (const auto& [inserted, written] : {std::pair<std::string, std::string>{"\"", "\\\""},
                                                {"\\", "\\\\"},
                                                {"\n", "\\n"},
                                                {std::string(1, '\0'), "\\u0000"},
                                                {"\xff", "\xEF\xBF\xBD"},
                                                {"\u00e9", "\u00e9"}}) {
            std::string text = plain;
            text.insert(at, inserted);
            std::string expected = plain;
            expected.insert(at, written);
            BOOST_TEST(json_string(text) == "\"" + expected + "\"", "at " << at);
        }
    }
}

BOOST_AUTO_TEST_CASE(utf8_is_kept_as_it_is) {
    BOOST_TEST(json_string("caf\u00e9 \U0001F600 \u2026") == "\"caf\u00e9 \U0001F600 \u2026\"");
}

BOOST_DATA_TEST_CASE(bytes_that_are_not_utf8_become_replacement_characters,
                     boost::unit_test::data::make({std::string("a\xff"
                                                               "b"),
                                                   std::string("\xc3"), std::string("\xed\xa0\x80"),
                                                   std::string("\xe0\x80\xaf")}),
                     text) {
    const std::string out = json_string(text);
    BOOST_TEST(out.find("\xEF\xBF\xBD") != std::string::npos);
    BOOST_TEST(nlohmann::json::accept(out));
}

BOOST_DATA_TEST_CASE(numbers_are_whole_or_shortest,
                     boost::unit_test::data::make({1.0, 0.0, -3.0, 0.6369, 0.0001, 0.81845, 1e-7,
                                                   -0.5423, 2.5e20}) ^
                         boost::unit_test::data::make({"1", "0", "-3", "0.6369", "0.0001",
                                                       "0.81845", "1e-07", "-0.5423", "2.5e+20"}),
                     value, expected) {
    BOOST_TEST(json_number(value) == std::string(expected));
}

BOOST_AUTO_TEST_CASE(short_decimals_are_written_as_the_general_shortest_form_writes_them) {
    for (int i = -30'000; i <= 30'000; ++i) {
        for (const double v : {i / 10'000.0, i / 1'000.0, i / 7.0, i * 1.1}) {
            char expected[64];
            const auto end =
                std::to_chars(expected, expected + sizeof expected, v, std::chars_format::fixed);
            if (v == std::floor(v)) {
                continue; // integers are written as integers
            }
            BOOST_TEST(json_number(v) == std::string(expected, end.ptr), v);
        }
    }
}

BOOST_AUTO_TEST_CASE(every_double_reads_back_the_same) {
    for (double v = 1e-9; v < 1e17; v *= 1.37) {
        BOOST_TEST(nlohmann::json::parse(json_number(v)).get<double>() == v);
        BOOST_TEST(nlohmann::json::parse(json_number(-v / 3)).get<double>() == -v / 3);
    }
}

BOOST_AUTO_TEST_SUITE_END()
