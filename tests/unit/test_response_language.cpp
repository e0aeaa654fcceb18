// Language API answers: the v3.1 document inside {"kind","results"}.
#include <string>

#include <boost/test/unit_test.hpp>

#include <ta/error.hpp>

#include "detail/wire.hpp"
#include "wire_examples.hpp"

using ta::sentiment_label;
using ta::detail::parse_response_language;

namespace {

// The start of the message: what the user reads first.
std::string message_of(std::string_view body, std::size_t length) {
    try {
        parse_response_language(body);
    } catch (const ta::bad_response_error& error) {
        return std::string(error.what()).substr(0, length);
    }
    return "";
}

} // namespace

BOOST_AUTO_TEST_SUITE(response_language)

BOOST_AUTO_TEST_CASE(documented_example_reads_like_v3_1) {
    const auto response = parse_response_language(ta::test::e3_language_response);
    BOOST_TEST(response.model_version == "2020-04-01");
    BOOST_TEST_REQUIRE(response.results.size() == 1U);
    const ta::result& result = response.results[0];
    BOOST_TEST(result.id == "1");
    BOOST_TEST((result.sentiment == sentiment_label::positive));
    BOOST_TEST(result.confidence->positive == 1.0);
    BOOST_TEST(result.model_version == "2020-04-01");
    BOOST_TEST_REQUIRE(result.sentences.size() == 2U);
    BOOST_TEST(result.sentences[1].text == "Close to plenty of restaurants, hotels, and transit!");
    BOOST_TEST_REQUIRE(result.sentences[1].targets.size() == 1U);
    BOOST_TEST(result.sentences[1].targets[0].text == "restaurants");
    BOOST_TEST(result.sentences[1].targets[0].offset == 37);
    BOOST_TEST(result.sentences[1].targets[0].relations.at(0).sentence == 1);
    BOOST_TEST(result.sentences[1].assessments.at(0).text == "Close to plenty");
}

BOOST_AUTO_TEST_CASE(per_document_errors_carry_the_innermost_code) {
    const auto response = parse_response_language(ta::test::e4_errors_language_response);
    BOOST_TEST_REQUIRE(response.results.size() == 3U);
    BOOST_TEST(response.results[0].id == "1");
    BOOST_TEST(response.results[0].error.value().code == "InvalidDocument");
    BOOST_TEST(response.results[0].error->message == "Document text is empty.");
    BOOST_TEST(response.results[1].error.value().code == "UnsupportedLanguageCode");
}

BOOST_AUTO_TEST_CASE(answer_without_kind_is_still_read) {
    const auto response = parse_response_language(
        R"({"results":{"documents":[{"id":"1","sentiment":"negative","confidenceScores":{"positive":0,"neutral":0.1,"negative":0.9},"sentences":[]}],"errors":[],"modelVersion":"2022-11-01"}})");
    BOOST_TEST_REQUIRE(response.results.size() == 1U);
    BOOST_TEST((response.results[0].sentiment == sentiment_label::negative));
    BOOST_TEST(response.results[0].confidence->negative == 0.9);
    BOOST_TEST(response.model_version == "2022-11-01");
}

BOOST_AUTO_TEST_CASE(another_tasks_results_are_refused_by_kind) {
    const std::string expected =
        R"(the service's answer is of kind "EntityRecognitionResults", not "SentimentAnalysisResults")";
    BOOST_TEST(message_of(R"({"kind":"EntityRecognitionResults","results":{"documents":[]}})",
                          expected.size()) == expected);
}

BOOST_AUTO_TEST_CASE(answer_without_results_is_refused) {
    const std::string expected = R"(the service's answer has no "results" object)";
    BOOST_TEST(message_of(R"({"kind":"SentimentAnalysisResults"})", expected.size()) == expected);
}

BOOST_AUTO_TEST_CASE(v3_shaped_answer_is_refused) {
    // What a v3 endpoint would send: the client must not mistake it for an empty result.
    const std::string expected = R"(the service's answer has no "results" object)";
    BOOST_TEST(message_of(ta::test::e1_v3_0_response, expected.size()) == expected);
}

BOOST_AUTO_TEST_CASE(problems_inside_results_name_their_place) {
    const std::string body =
        R"({"kind":"SentimentAnalysisResults","results":{"documents":[{"id":"1","sentiment":"positive","confidenceScores":{"positive":1,"neutral":0,"negative":0},
            "sentences":[{"text":"x","sentiment":"sunny","confidenceScores":{"positive":1,"neutral":0,"negative":0},"offset":0,"length":1}]}],"errors":[],"modelVersion":"m"}})";
    const std::string expected =
        R"(the service's answer has an unknown sentiment "sunny" in results.documents[0].sentences[0])";
    BOOST_TEST(message_of(body, expected.size()) == expected);
}

BOOST_AUTO_TEST_CASE(not_json_is_refused_with_an_excerpt) {
    const std::string body = "upstream connect error or disconnect/reset before headers";
    try {
        parse_response_language(body);
        BOOST_ERROR("no exception");
    } catch (const ta::bad_response_error& error) {
        BOOST_TEST(std::string(error.what()).find("the service's answer is not valid JSON") !=
                   std::string::npos);
        BOOST_TEST(error.excerpt() == body);
        BOOST_TEST(error.status() == 200);
        BOOST_TEST(error.request_id().empty());
    }
}

BOOST_AUTO_TEST_SUITE_END()
