// The service's whole-call error bodies, and excerpts of bodies for messages.
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "detail/wire.hpp"

namespace data = boost::unit_test::data;
using ta::detail::excerpt;
using ta::detail::parse_service_error;

namespace {

struct error_case {
    std::string name;
    std::string body;
    std::string code;
    std::string message;
    std::string outer_code;
    friend std::ostream& operator<<(std::ostream& out, const error_case& c) {
        return out << c.name;
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(service_error)

BOOST_DATA_TEST_CASE(
    documented_error_bodies_give_the_most_specific_code,
    data::make(std::vector<error_case>{
        {"400_camel_case",
         R"({"error":{"code":"invalidRequest","message":"Invalid Request.","innererror":{"code":"missingInputRecords","message":"Missing input records."}}})",
         "missingInputRecords", "Missing input records.", "invalidRequest"},
        {"400_pascal_case",
         R"({"error":{"code":"InvalidRequest","message":"Invalid document in request.","innererror":{"code":"InvalidDocumentBatch","message":"Batch request contains too many records. Max 10 records are permitted."}}})",
         "InvalidDocumentBatch",
         "Batch request contains too many records. Max 10 records are permitted.",
         "InvalidRequest"},
        {"401",
         R"({"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource."}})",
         "401",
         "Access denied due to invalid subscription key or wrong API endpoint. Make sure to "
         "provide a valid key for an active subscription and use a correct regional API "
         "endpoint for your resource.",
         "401"},
        {"429",
         R"({"error":{"code":"429","message":"Requests to the Sentiment Operation under Text Analytics API (v3.2-preview.2) have exceeded rate limit of your current TextAnalytics S pricing tier. Please retry after 1 second. Please contact Azure support service if you would like to further increase the default rate limit."}})",
         "429",
         "Requests to the Sentiment Operation under Text Analytics API (v3.2-preview.2) have "
         "exceeded rate limit of your current TextAnalytics S pricing tier. Please retry after 1 "
         "second. Please contact Azure support service if you would like to further increase the "
         "default rate limit.",
         "429"},
        {"403_f0_quota",
         R"({"error":{"code":"403","message":"Out of call volume quota for TextAnalytics F0 pricing tier. Please retry after 15 days. To increase your call volume switch to a paid tier."}})",
         "403",
         "Out of call volume quota for TextAnalytics F0 pricing tier. Please retry after 15 days. "
         "To increase your call volume switch to a paid tier.",
         "403"},
        {"404", R"({"error":{"code":"404","message":"Resource not found"}})", "404",
         "Resource not found", "404"},
        {"500", R"({"error":{"code":"internalServerError","message":"Internal Server Error"}})",
         "internalServerError", "Internal Server Error", "internalServerError"},
        {"v2_unwrapped_with_capital_e",
         R"({"code":"BadRequest","message":"Invalid request","target":"documents","innerError":{"code":"InvalidDocumentBatch","message":"Request contains too many documents."}})",
         "InvalidDocumentBatch", "Request contains too many documents.", "BadRequest"},
        {"three_levels",
         R"({"error":{"code":"InvalidRequest","message":"outer","innererror":{"code":"InvalidParameterValue","message":"middle","innererror":{"code":"ModelVersionIncorrect","message":"Invalid model version."}}}})",
         "ModelVersionIncorrect", "Invalid model version.", "InvalidRequest"},
        {"inner_code_without_message",
         R"({"error":{"code":"InvalidRequest","message":"Invalid Request.","innererror":{"code":"EmptyRequest"}}})",
         "EmptyRequest", "Invalid Request.", "InvalidRequest"},
        {"numeric_code", R"({"error":{"code":429,"message":"Too many requests"}})", "429",
         "Too many requests", "429"},
        {"with_details_and_target",
         R"({"error":{"code":"InvalidArgument","message":"Invalid parameter.","target":"modelVersion","details":[{"code":"x","message":"y"}]}})",
         "InvalidArgument", "Invalid parameter.", "InvalidArgument"},
    }),
    c) {
    const std::optional<ta::detail::service_error> error = parse_service_error(c.body);
    BOOST_TEST_REQUIRE(error.has_value());
    BOOST_TEST(error->code == c.code);
    BOOST_TEST(error->message == c.message);
    BOOST_TEST(error->outer_code == c.outer_code);
}

BOOST_DATA_TEST_CASE(bodies_that_are_not_error_objects_give_nothing,
                     data::make(std::vector<std::string>{
                         "", "Service Unavailable", "<html><body>502 Bad Gateway</body></html>",
                         "[]", "\"error\"", R"({"documents":[],"errors":[]})",
                         R"({"error":"invalid_key"})", R"({"error":{}})",
                         R"({"error":{"code":"InvalidRequest")"}),
                     body) {
    BOOST_TEST(!parse_service_error(body).has_value());
}

BOOST_AUTO_TEST_CASE(excerpt_of_a_short_body_is_the_body) {
    BOOST_TEST(excerpt(R"({"error":{"code":"404"}})") == R"({"error":{"code":"404"}})");
    BOOST_TEST(excerpt("") == "");
}

BOOST_AUTO_TEST_CASE(excerpt_of_a_long_body_is_cut_with_an_ellipsis) {
    const std::string body(500, 'x');
    std::string cut(200, 'x'); // not std::string(200, 'x') + "…": GCC 12 -Warray-bounds, wrongly
    cut += "…";
    BOOST_TEST(excerpt(body) == cut);
    BOOST_TEST(excerpt(body, 10) == "xxxxxxxxxx…");
    BOOST_TEST(excerpt(std::string(10, 'x'), 10) == "xxxxxxxxxx");
}

BOOST_AUTO_TEST_CASE(excerpt_never_splits_a_character) {
    // "é" is two bytes and "😀" four: a cut inside either moves back before it.
    BOOST_TEST(excerpt("abé", 3) == "ab…");
    BOOST_TEST(excerpt("abé", 4) == "abé");
    BOOST_TEST(excerpt("a😀b", 4) == "a…");
    BOOST_TEST(excerpt("a😀b", 5) == "a😀…");
}

BOOST_AUTO_TEST_CASE(excerpt_escapes_control_characters) {
    BOOST_TEST(excerpt("line 1\r\nline 2\tend") == "line 1\\r\\nline 2\\tend");
    BOOST_TEST(excerpt("\x1b[31mred\x1b[0m") == "\\u001B[31mred\\u001B[0m");
    BOOST_TEST(excerpt(std::string("nul\0here", 8)) == "nul\\u0000here");
    BOOST_TEST(excerpt("c1 \xC2\x9B here") == "c1 \\u009B here");
}

BOOST_AUTO_TEST_CASE(excerpt_shows_bytes_that_are_not_utf8) {
    BOOST_TEST(excerpt("bad \xff byte") == "bad \\xFF byte");
    BOOST_TEST(excerpt("cut \xC3") == "cut \\xC3");
}

BOOST_AUTO_TEST_SUITE_END()
