#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "detail/python_text.hpp"

namespace {

using ta::detail::python_round;

/// str.split() as a list.
std::vector<std::string> split(std::string_view text) {
    std::vector<std::string> words;
    std::size_t position = 0;
    for (std::string_view w = ta::detail::python_next_word(text, position); !w.empty();
         w = ta::detail::python_next_word(text, position)) {
        words.emplace_back(w);
    }
    return words;
}

std::string lower(std::string_view text) {
    std::string out;
    ta::detail::python_lower(text, out);
    return out;
}

/// round() the slow, obviously exact way: printf's correctly rounded decimal, read back.
double printf_round(double value, int places) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", places, value);
    return std::strtod(buffer, nullptr);
}

using words = std::vector<std::string>;

struct upper_case {
    const char* text;
    bool upper;
};
std::ostream& operator<<(std::ostream& out, const upper_case& c) {
    return out << c.text;
}

struct round_case {
    double value;
    int places;
    double rounded;
};
std::ostream& operator<<(std::ostream& out, const round_case& c) {
    return out << "round(" << c.value << ", " << c.places << ")";
}

} // namespace

BOOST_AUTO_TEST_SUITE(python_text)

BOOST_AUTO_TEST_CASE(split_separates_words_at_any_unicode_white_space) {
    // NO-BREAK SPACE, EM SPACE, IDEOGRAPHIC SPACE, NEXT LINE, FILE SEPARATOR, tab.
    BOOST_TEST(split("a\u00A0b\u2003c\u3000d\u0085e\x1C"
                     "f\tg") == (words{"a", "b", "c", "d", "e", "f", "g"}));
}

BOOST_AUTO_TEST_CASE(split_never_gives_an_empty_word) {
    BOOST_TEST(split("  good \t\n  day  ") == (words{"good", "day"}));
    BOOST_TEST(split(" \u00A0 ").empty());
    BOOST_TEST(split("").empty());
}

BOOST_AUTO_TEST_CASE(split_keeps_zero_width_space_and_invalid_bytes_inside_words) {
    // U+200B is not white space to Python; a stray byte is U+FFFD, not white space either.
    BOOST_TEST(split("a\u200Bb c\xFF"
                     "d") == (words{"a\u200Bb", "c\xFF"
                                                "d"}));
}

BOOST_DATA_TEST_CASE(isupper_needs_a_cased_character_and_no_lower_case_one,
                     boost::unit_test::data::make<upper_case>({{"I", true},
                                                               {":D", true},
                                                               {"LOVE!", true},
                                                               {"\u00C9T\u00C9", true},
                                                               {":)", false},
                                                               {"2020", false},
                                                               {"Love", false},
                                                               {"\u01C5", false},
                                                               {"", false}}),
                     c) {
    BOOST_TEST(ta::detail::python_is_upper(c.text) == c.upper);
}

BOOST_AUTO_TEST_CASE(lower_maps_as_python_beyond_ascii) {
    BOOST_TEST(lower("ABC xyz") == "abc xyz");
    BOOST_TEST(lower("\u212Aind") == "kind"); // KELVIN SIGN lowers to ASCII k
    BOOST_TEST(lower("\u0130") == "i\u0307"); // the one full mapping
    BOOST_TEST(lower("\u00C9T\u00C9") == "\u00E9t\u00E9");
}

BOOST_AUTO_TEST_CASE(strip_removes_unicode_white_space_at_both_ends) {
    BOOST_TEST(ta::detail::python_strip("\u3000 \tgood day\u00A0\n") == "good day");
    BOOST_TEST(ta::detail::python_strip(" \u2028 ").empty());
}

BOOST_AUTO_TEST_CASE(strip_keeps_an_invalid_last_byte) {
    BOOST_TEST(ta::detail::python_strip("good \xC3") == "good \xC3");
}

BOOST_AUTO_TEST_CASE(strip_punctuation_takes_ascii_punctuation_only) {
    BOOST_TEST(ta::detail::strip_ascii_punctuation("!!good...") == "good");
    BOOST_TEST(ta::detail::strip_ascii_punctuation("\u201Cgood\u201D") == "\u201Cgood\u201D");
    BOOST_TEST(ta::detail::strip_ascii_punctuation("good\u2026") == "good\u2026");
    BOOST_TEST(ta::detail::strip_ascii_punctuation(":-)").empty());
}

BOOST_AUTO_TEST_CASE(punctuation_is_exactly_string_punctuation) {
    const std::string_view punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    for (int b = 0; b < 256; ++b) {
        const char c = static_cast<char>(b);
        BOOST_TEST(ta::detail::is_ascii_punctuation(c) ==
                       (punctuation.find(c) != std::string_view::npos),
                   "byte " << b);
    }
}

BOOST_AUTO_TEST_CASE(code_points_are_counted_not_bytes) {
    BOOST_TEST(ta::detail::code_point_count("ab") == 2U);
    BOOST_TEST(ta::detail::code_point_count("\U0001F601\u00E9") == 2U);
    BOOST_TEST(ta::detail::code_point_count("a\xFF") == 2U); // an invalid byte is one
}

BOOST_AUTO_TEST_CASE(isascii_sees_a_byte_above_0x7f_anywhere) {
    // Lengths and places on both sides of the eight-byte steps.
    for (std::size_t size = 0; size <= 20; ++size) {
        const std::string ascii(size, 'a');
        BOOST_TEST(ta::detail::python_is_ascii(ascii));
        for (std::size_t at = 0; at < size; ++at) {
            std::string text = ascii;
            text[at] = '\x80';
            BOOST_TEST(!ta::detail::python_is_ascii(text), "size " << size << " at " << at);
        }
    }
}

BOOST_DATA_TEST_CASE(round_breaks_exact_ties_to_even,
                     boost::unit_test::data::make<round_case>({{0.0625, 3, 0.062},
                                                               {0.1875, 3, 0.188},
                                                               {0.125, 2, 0.12},
                                                               {0.375, 2, 0.38},
                                                               {0.5, 0, 0},
                                                               {1.5, 0, 2}}),
                     c) {
    BOOST_TEST(python_round(c.value, c.places) == c.rounded);
}

// The decimal literals are not ties in binary: Python rounds the binary value, so which side
// they fall on decides (0.0005 is 0.000500000000000000010408..., 2.675 is 2.67499999...).
BOOST_DATA_TEST_CASE(round_goes_by_the_binary_value_next_to_a_decimal_tie,
                     boost::unit_test::data::make<round_case>({{0.0005, 3, 0.001},
                                                               {0.1235, 3, 0.123},
                                                               {0.00015, 4, 0.0001},
                                                               {0.00025, 4, 0.0003},
                                                               {2.675, 2, 2.67},
                                                               {0.99995, 4, 1.0}}),
                     c) {
    BOOST_TEST(python_round(c.value, c.places) == c.rounded);
}

BOOST_AUTO_TEST_CASE(round_keeps_the_sign_of_a_negative_value_that_rounds_to_zero) {
    BOOST_TEST(std::signbit(python_round(-0.00001, 4))); // Python: -0.0
    BOOST_TEST(!std::signbit(python_round(0.00001, 4)));
    BOOST_TEST(python_round(-0.00006, 4) == -0.0001);
}

BOOST_AUTO_TEST_CASE(round_agrees_with_printf_at_and_beside_every_tie_vader_can_meet) {
    // VADER rounds values in [-1, 1] to 3 and 4 places. Every tie there is k / (2 * 10^places);
    // the doubles nearest to it and their neighbours are where a fast rounding could go
    // wrong, so all of them are checked against the exact conversion.
    for (const int places : {3, 4}) {
        const double ties = 2 * std::pow(10.0, places);
        for (int k = -static_cast<int>(ties); k <= static_cast<int>(ties); ++k) {
            const double tie = k / ties;
            double value = tie;
            for (int step = 0; step < 3; ++step) {
                value = std::nextafter(value, -2.0);
            }
            for (int step = 0; step < 7; ++step, value = std::nextafter(value, 2.0)) {
                const double got = python_round(value, places);
                const double expected = printf_round(value, places);
                if (got != expected || std::signbit(got) != std::signbit(expected)) {
                    BOOST_ERROR("round(" << value << ", " << places << ") gave " << got << ", not "
                                         << expected);
                }
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
