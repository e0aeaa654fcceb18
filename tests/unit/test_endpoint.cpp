#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <string>

#include <ta/error.hpp>

#include "detail/endpoint.hpp"

BOOST_AUTO_TEST_SUITE(endpoint)

namespace data = boost::unit_test::data;
using ta::detail::normalize_endpoint;

BOOST_AUTO_TEST_CASE(trailing_slashes_are_dropped) {
    BOOST_TEST(normalize_endpoint("https://x.cognitiveservices.azure.com/") ==
               "https://x.cognitiveservices.azure.com");
    BOOST_TEST(normalize_endpoint("http://localhost:5000//") == "http://localhost:5000");
    BOOST_TEST(normalize_endpoint("http://localhost:5000") == "http://localhost:5000");
}

BOOST_AUTO_TEST_CASE(scheme_and_host_are_lower_cased_and_a_base_path_is_kept) {
    BOOST_TEST(normalize_endpoint("HTTPS://My.Host.Example/base/") ==
               "https://my.host.example/base");
}

BOOST_DATA_TEST_CASE(what_is_not_an_endpoint_is_refused,
                     data::make({"", "localhost:5000", "ftp://host", "https://", "https:///path",
                                 "https://user:pw@host", "https://host/?x=1", "https://host/#a",
                                 "https://ho st"}),
                     text) {
    BOOST_CHECK_THROW(normalize_endpoint(text), ta::usage_error);
}

BOOST_AUTO_TEST_CASE(the_refusal_says_what_an_endpoint_looks_like) {
    try {
        normalize_endpoint("localhost:5000");
        BOOST_FAIL("no exception");
    } catch (const ta::usage_error& e) {
        BOOST_TEST(std::string(e.what()).find("http://localhost:5000") != std::string::npos);
    }
}

BOOST_DATA_TEST_CASE(a_password_in_the_endpoint_is_not_repeated_in_the_refusal,
                     data::make({"http://u:pw123@127.0.0.1:5000", "ftp://u:pw123@host/x",
                                 "https://u:pw123@host/?q", "https://u:pw123@", "u:pw123@host:5000",
                                 "http:/u:pw123@host", "http://u:pw?123@host",
                                 "http://u:pw/123@host/"}),
                     text) {
    try {
        normalize_endpoint(text);
        BOOST_FAIL("no exception");
    } catch (const ta::usage_error& e) {
        const std::string message = e.what();
        BOOST_TEST(message.find("pw123") == std::string::npos, message);
        BOOST_TEST(message.find("...@") != std::string::npos, message);
    }
}

BOOST_AUTO_TEST_SUITE_END()
