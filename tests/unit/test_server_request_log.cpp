// ta-server's log line: one line per request, whatever the request's path holds.
#include <chrono>
#include <string>

#include <boost/test/unit_test.hpp>

#include "request_log.hpp"

using ta::server::log_line;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(server_request_log)

BOOST_AUTO_TEST_CASE(a_line_has_method_path_status_documents_and_milliseconds) {
    BOOST_TEST(log_line({"POST", "/text/analytics/v3.1/sentiment", "", 200, 3, 1250us}) ==
               "POST /text/analytics/v3.1/sentiment 200 3 docs 1.25 ms");
}

BOOST_AUTO_TEST_CASE(one_document_is_singular) {
    BOOST_TEST(log_line({"POST", "/p", "", 200, 1, 0us}) == "POST /p 200 1 doc 0.00 ms");
}

BOOST_AUTO_TEST_CASE(the_language_api_version_is_shown) {
    BOOST_TEST(log_line({"POST", "/language/:analyze-text", "2023-04-01", 200, 2, 500us}) ==
               "POST /language/:analyze-text?api-version=2023-04-01 200 2 docs 0.50 ms");
}

BOOST_AUTO_TEST_CASE(control_characters_in_the_path_cannot_break_the_line) {
    BOOST_TEST(log_line({"GET", "/a\nb c\\", "", 404, 0, 0us}) ==
               "GET /a\\x0ab\\x20c\\x5c 404 0 docs 0.00 ms");
}

BOOST_AUTO_TEST_CASE(a_long_path_is_cut) {
    const std::string path(1000, 'a');
    const auto line = log_line({"GET", path, "", 404, 0, 0us});
    BOOST_TEST(line == "GET " + std::string(200, 'a') + "... 404 0 docs 0.00 ms");
}

BOOST_AUTO_TEST_CASE(a_request_that_could_not_be_read_has_placeholders) {
    BOOST_TEST(log_line({"", "", "", 400, 0, 0us}) == "- - 400 0 docs 0.00 ms");
}

BOOST_AUTO_TEST_SUITE_END()
