#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <ta/error.hpp>

#include "detail/wire_json.hpp"

BOOST_AUTO_TEST_SUITE(wire_json)

using ta::detail::json_fields;
using ta::detail::parse_json_body;

namespace {

/// The message of the bad_response_error that `read` throws, or "" when it throws none.
template <typename Read> std::string refusal(Read read) {
    try {
        read();
    } catch (const ta::bad_response_error& e) {
        BOOST_TEST(e.status() == 200);
        return e.what();
    }
    return "";
}

} // namespace

BOOST_AUTO_TEST_CASE(empty_and_non_json_bodies_are_told_apart) {
    BOOST_TEST(refusal([] { parse_json_body(""); }) == "the service's answer is empty");
    BOOST_TEST(refusal([] { parse_json_body("<html>"); }) ==
               "the service's answer is not valid JSON");
}

BOOST_AUTO_TEST_CASE(a_null_member_counts_as_absent) {
    const std::string_view body = R"({"modelVersion":null,"flag":null})";
    const auto root = parse_json_body(body);
    const json_fields fields(root, "", body);

    BOOST_TEST(!fields.has("modelVersion"));
    BOOST_TEST(fields.optional_string("modelVersion").empty());
    BOOST_TEST(fields.optional_bool("flag", true));
    BOOST_TEST(fields.optional_objects("errors").empty());
    BOOST_TEST(refusal([&] { fields.required_string("modelVersion"); }) ==
               R"(the service's answer has no "modelVersion" string)");
}

BOOST_AUTO_TEST_CASE(problems_name_their_place_in_the_body) {
    const std::string_view body =
        R"({"documents":[{"id":"1"},{"id":"2","confidenceScores":{"positive":"high"}}]})";
    const auto root = parse_json_body(body);
    const json_fields fields(root, "", body);
    const auto documents = fields.required_objects("documents");

    BOOST_TEST_REQUIRE(documents.size() == 2u);
    BOOST_TEST(documents[1].path() == "documents[1]");
    BOOST_TEST(refusal([&] {
                   documents[1].required_object("confidenceScores").required_number("positive");
               }) == R"(the service's answer has a string, not a number, as "positive" in )"
                     "documents[1].confidenceScores");
    BOOST_TEST(refusal([&] { fields.required_objects("errors"); }) ==
               R"(the service's answer has no "errors" array)");
}

BOOST_AUTO_TEST_CASE(integers_outside_64_bits_or_with_fractions_are_refused) {
    const std::string_view body =
        R"({"small":-5,"big":18446744073709551615,"fraction":1.5,"limit":9223372036854775807})";
    const auto root = parse_json_body(body);
    const json_fields fields(root, "", body);

    BOOST_TEST(fields.required_integer("small") == -5);
    BOOST_TEST(fields.required_integer("limit") == 9'223'372'036'854'775'807);
    BOOST_TEST(refusal([&] { fields.required_integer("big"); }) ==
               R"(the service's answer has 18446744073709551615, not an integer, as "big")");
    BOOST_TEST(refusal([&] { fields.required_integer("fraction"); }) ==
               R"(the service's answer has 1.5, not an integer, as "fraction")");
}

BOOST_AUTO_TEST_SUITE_END()
