#include <boost/test/unit_test.hpp>

#include <string>

#include "detail/text_elements.hpp"

BOOST_AUTO_TEST_SUITE(text_elements)

using namespace ta::detail;

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

BOOST_AUTO_TEST_CASE(blank_means_empty_or_only_white_space) {
    BOOST_TEST(is_blank(""));
    BOOST_TEST(is_blank(" \t\r\n"));
    BOOST_TEST(is_blank("\xC2\xA0\xE3\x80\x80")); // no-break space, ideographic space
    BOOST_TEST(!is_blank(" a "));
    BOOST_TEST(!is_blank("."));
}

BOOST_AUTO_TEST_SUITE_END()
