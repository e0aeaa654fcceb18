#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>

#include "detail/strings.hpp"

BOOST_AUTO_TEST_SUITE(strings)

namespace data = boost::unit_test::data;
using ta::detail::equals_ignoring_case;
using ta::detail::trim;

BOOST_DATA_TEST_CASE(case_of_ascii_letters_is_ignored,
                     data::make({"Retry-After", "retry-after", "RETRY-AFTER", "rEtRy-AfTeR"}),
                     spelling) {
    BOOST_TEST(equals_ignoring_case(spelling, "Retry-After"));
}

BOOST_AUTO_TEST_CASE(different_text_or_length_is_not_equal) {
    BOOST_TEST(!equals_ignoring_case("Retry-After", "Retry-After-Ms"));
    BOOST_TEST(!equals_ignoring_case("Retry-After-Ms", "Retry-After"));
    BOOST_TEST(!equals_ignoring_case("positive", "negative"));
    BOOST_TEST(!equals_ignoring_case("a", ""));
    BOOST_TEST(equals_ignoring_case("", ""));
    // Only ASCII letters fold: '[' and '{' are 0x20 apart like 'A' and 'a', yet differ.
    BOOST_TEST(!equals_ignoring_case("[", "{"));
}

BOOST_AUTO_TEST_CASE(bytes_beyond_ascii_compare_exactly) {
    // Latin-1 É (0xC9) and é (0xE9) fold in some C locales; protocol text must not depend on it.
    BOOST_TEST(!equals_ignoring_case("\xc9", "\xe9"));
    BOOST_TEST(equals_ignoring_case("caf\xc3\xa9", "CAF\xc3\xa9"));
}

BOOST_DATA_TEST_CASE(space_tab_and_line_ends_are_trimmed_from_both_ends,
                     data::make({"value", " value", "value ", "\tvalue\r\n", " \t value \t \r\n"}),
                     text) {
    BOOST_TEST(trim(text) == "value");
}

BOOST_AUTO_TEST_CASE(inner_space_is_kept_and_blank_text_trims_to_empty) {
    BOOST_TEST(trim(" a b \t c ") == "a b \t c");
    BOOST_TEST(trim(" \t\r\n ").empty());
    BOOST_TEST(trim("").empty());
    BOOST_TEST(trim("\vx\f") == "\vx\f", "only HTTP's white space and line ends are trimmed");
}

BOOST_AUTO_TEST_SUITE_END()
