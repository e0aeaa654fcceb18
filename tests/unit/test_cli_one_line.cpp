#include <string>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "one_line.hpp"

BOOST_AUTO_TEST_SUITE(cli_one_line)

BOOST_AUTO_TEST_CASE(line_breaks_tabs_and_escapes_become_spaces) {
    BOOST_TEST(ta::cli::one_line("a\nb\r\tc\x1b[0m") == "a b  c [0m");
}

BOOST_AUTO_TEST_CASE(nul_and_delete_become_spaces) {
    BOOST_TEST(ta::cli::one_line(std::string("a\0b\x7f", 4)) == "a b ");
}

BOOST_AUTO_TEST_CASE(a_c1_control_in_utf8_becomes_one_space) {
    BOOST_TEST(ta::cli::one_line("a\xC2\x85"
                                 "b\xC2\x9F"
                                 "c") == "a b c");
}

BOOST_AUTO_TEST_CASE(printable_utf8_and_invalid_bytes_are_kept) {
    const std::string text = "caf\xC3\xA9 \xC2\xA0 \xE2\x80\xA6 \xFF\xC2";
    BOOST_TEST(ta::cli::one_line(text) == text);
}

BOOST_DATA_TEST_CASE(utf8_is_told_from_what_is_not,
                     boost::unit_test::data::make({"", "abc", "caf\xC3\xA9", "\xE2\x80\xA6!",
                                                   "\xF0\x9F\x98\x80", "caf\xE9", "\xC3",
                                                   "\xC0\xAF", "\xED\xA0\x80", "a\xFF"}) ^
                         boost::unit_test::data::make({true, true, true, true, true, false, false,
                                                       false, false, false}),
                     text, valid) {
    BOOST_TEST(ta::cli::is_valid_utf8(text) == valid);
}

BOOST_AUTO_TEST_SUITE_END()
