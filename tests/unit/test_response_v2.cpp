// v2.0 / v2.1 answers: a score per document, errors without codes, any order.
#include <ostream>
#include <string>
#include <vector>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <ta/error.hpp>

#include "detail/wire.hpp"
#include "wire_examples.hpp"

namespace data = boost::unit_test::data;
using ta::detail::parse_response_v2;

BOOST_AUTO_TEST_SUITE(response_v2)

BOOST_AUTO_TEST_CASE(results_keep_the_services_order_so_the_client_can_match_ids) {
    const auto response = parse_response_v2(ta::test::e9_v2_response);
    BOOST_TEST_REQUIRE(response.results.size() == 4U);
    BOOST_TEST(response.results[0].id == "1");
    BOOST_TEST(response.results[1].id == "3");
    BOOST_TEST(response.results[2].id == "2");
    BOOST_TEST(response.results[3].id == "4");
    BOOST_TEST(response.results[0].score.value() == 0.0065730810165405273);
    BOOST_TEST(response.results[1].score.value() == 0.97333031892776489);
    BOOST_TEST(response.results[2].score.value() == 0.5);
    BOOST_TEST(response.results[3].score.value() == 0.25);
}

BOOST_AUTO_TEST_CASE(scores_come_without_labels_or_sentences) {
    const auto response = parse_response_v2(ta::test::e9_v2_response);
    const ta::result& result = response.results.at(0);
    BOOST_TEST(result.ok());
    BOOST_TEST(!result.sentiment.has_value());
    BOOST_TEST(!result.confidence.has_value());
    BOOST_TEST(result.sentences.empty());
    BOOST_TEST(response.model_version.empty());
}

BOOST_AUTO_TEST_CASE(document_errors_get_a_generic_code_and_the_message) {
    const auto response = parse_response_v2(
        R"({"documents":[{"id":"1","score":0.9}],"errors":[{"id":"2","message":"Record cannot be empty."}]})");
    BOOST_TEST_REQUIRE(response.results.size() == 2U);
    BOOST_TEST(response.results[0].ok());
    BOOST_TEST(response.results[1].id == "2");
    BOOST_TEST_REQUIRE(!response.results[1].ok());
    BOOST_TEST(response.results[1].error->code == "DocumentError");
    BOOST_TEST(response.results[1].error->message == "Record cannot be empty.");
    BOOST_TEST(!response.results[1].score.has_value());
}

BOOST_AUTO_TEST_CASE(v2_1_statistics_are_kept) {
    const auto response = parse_response_v2(
        R"({"statistics":{"documentsCount":1,"validDocumentsCount":1,"erroneousDocumentsCount":0,"transactionsCount":1},
            "documents":[{"id":"7","score":0.98,"statistics":{"charactersCount":22,"transactionsCount":1}}],"errors":[]})");
    const ta::result& result = response.results.at(0);
    BOOST_TEST(result.id == "7");
    BOOST_TEST_REQUIRE(result.statistics.has_value());
    BOOST_TEST(result.statistics->characters_count == 22);
    BOOST_TEST(result.statistics->transactions_count == 1);
}

BOOST_AUTO_TEST_CASE(numeric_ids_and_a_missing_errors_array_are_accepted) {
    const auto response = parse_response_v2(R"({"documents":[{"id":10,"score":1}]})");
    BOOST_TEST_REQUIRE(response.results.size() == 1U);
    BOOST_TEST(response.results[0].id == "10");
    BOOST_TEST(response.results[0].score.value() == 1.0);
}

struct malformed_case {
    std::string name;
    std::string body;
    std::string expected;
    friend std::ostream& operator<<(std::ostream& out, const malformed_case& c) {
        return out << c.name;
    }
};

BOOST_DATA_TEST_CASE(
    malformed_answers_are_refused_with_a_reason,
    data::make(std::vector<malformed_case>{
        {"not_json", "Service Unavailable", "is not valid JSON"},
        {"truncated", R"({"documents":[{"id":"1","score":0.)", "is not valid JSON"},
        {"no_documents", R"({"errors":[]})", R"(has no "documents" array)"},
        {"no_score", R"({"documents":[{"id":"1"}]})", R"(has no "score" number in documents[0])"},
        {"score_is_text", R"({"documents":[{"id":"1","score":"0.5"}]})",
         R"(has a string, not a number, as "score" in documents[0])"},
        {"error_without_message", R"({"documents":[],"errors":[{"id":"1"}]})",
         R"(has no "message" string in errors[0])"},
    }),
    c) {
    try {
        parse_response_v2(c.body);
        BOOST_ERROR("no exception for " << c.name);
    } catch (const ta::bad_response_error& error) {
        const std::string what = error.what();
        BOOST_TEST(what.find(c.expected) != std::string::npos,
                   "'" << what << "' lacks '" << c.expected << "'");
        BOOST_TEST(error.status() == 200);
        BOOST_TEST(error.excerpt() == ta::detail::excerpt(c.body));
    }
}

BOOST_AUTO_TEST_SUITE_END()
