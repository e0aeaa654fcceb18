// v3.0 / v3.1 answers: labels, scores, sentences, opinion mining, per-document errors, and the
// bodies that must be refused.
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
using ta::sentiment_label;
using ta::detail::parse_response_v3;

namespace {

// A minimal valid document, to build bodies that differ from it in one place.
std::string document_with(const std::string& sentences, const std::string& extra = "") {
    return R"({"id":"1","sentiment":"positive","confidenceScores":{"positive":0.9,"neutral":0.05,"negative":0.05},"sentences":)" +
           sentences + extra + "}";
}

std::string answer_with(const std::string& documents, const std::string& errors = "[]") {
    return R"({"documents":[)" + documents + R"(],"errors":)" + errors +
           R"(,"modelVersion":"2022-11-01"})";
}

} // namespace

BOOST_AUTO_TEST_SUITE(response_v3)

BOOST_AUTO_TEST_CASE(v3_0_example_gives_labels_scores_and_sentences) {
    const auto response = parse_response_v3(ta::test::e1_v3_0_response);
    BOOST_TEST(response.model_version == "2020-04-01");
    BOOST_TEST_REQUIRE(response.results.size() == 1U);
    const ta::result& result = response.results[0];
    BOOST_TEST(result.ok());
    BOOST_TEST(result.id == "1");
    BOOST_TEST((result.sentiment == sentiment_label::positive));
    BOOST_TEST_REQUIRE(result.confidence.has_value());
    BOOST_TEST(result.confidence->positive == 0.98);
    BOOST_TEST(result.confidence->neutral == 0.01);
    BOOST_TEST(result.confidence->negative == 0.01);
    BOOST_TEST(!result.score.has_value());
    BOOST_TEST(result.model_version == "2020-04-01");
    BOOST_TEST(result.warnings.empty());
    BOOST_TEST(!result.statistics.has_value());

    BOOST_TEST_REQUIRE(result.sentences.size() == 2U);
    BOOST_TEST(result.sentences[0].text == "Hello world.");
    BOOST_TEST((result.sentences[0].sentiment == sentiment_label::neutral));
    BOOST_TEST(result.sentences[0].confidence.neutral == 0.91);
    BOOST_TEST(result.sentences[0].offset == 0);
    BOOST_TEST(result.sentences[0].length == 12);
    BOOST_TEST(result.sentences[1].text == "This is some input text that I love.");
    BOOST_TEST((result.sentences[1].sentiment == sentiment_label::positive));
    BOOST_TEST(result.sentences[1].confidence.positive == 0.98);
    BOOST_TEST(result.sentences[1].offset == 13);
    BOOST_TEST(result.sentences[1].length == 36);
    BOOST_TEST(result.sentences[1].targets.empty());
}

BOOST_AUTO_TEST_CASE(opinion_mining_example_gives_targets_assessments_and_relations) {
    const auto response = parse_response_v3(ta::test::e2_v3_1_response);
    BOOST_TEST_REQUIRE(response.results.size() == 1U);
    const ta::result& result = response.results[0];
    BOOST_TEST((result.sentiment == sentiment_label::positive));
    BOOST_TEST(result.confidence->positive == 1.0);
    BOOST_TEST_REQUIRE(result.sentences.size() == 2U);

    const ta::sentence& first = result.sentences[0];
    BOOST_TEST(first.text == "Great atmosphere.");
    BOOST_TEST_REQUIRE(first.targets.size() == 1U);
    BOOST_TEST(first.targets[0].text == "atmosphere");
    BOOST_TEST((first.targets[0].sentiment == sentiment_label::positive));
    BOOST_TEST(first.targets[0].positive == 1.0);
    BOOST_TEST(first.targets[0].negative == 0.0);
    BOOST_TEST(first.targets[0].offset == 6);
    BOOST_TEST(first.targets[0].length == 10);
    BOOST_TEST_REQUIRE(first.targets[0].relations.size() == 1U);
    BOOST_TEST(first.targets[0].relations[0].relation_type == "assessment");
    BOOST_TEST(first.targets[0].relations[0].sentence == 0);
    BOOST_TEST(first.targets[0].relations[0].index == 0);
    BOOST_TEST_REQUIRE(first.assessments.size() == 1U);
    BOOST_TEST(first.assessments[0].text == "great");
    BOOST_TEST(first.assessments[0].offset == 0);
    BOOST_TEST(first.assessments[0].length == 5);
    BOOST_TEST(!first.assessments[0].is_negated);

    const ta::sentence& second = result.sentences[1];
    BOOST_TEST((second.sentiment == sentiment_label::neutral));
    BOOST_TEST(second.confidence.neutral == 0.86);
    BOOST_TEST(second.offset == 18);
    BOOST_TEST_REQUIRE(second.targets.size() == 1U);
    BOOST_TEST(second.targets[0].text == "restaurants");
    BOOST_TEST(second.targets[0].positive == 0.99);
    BOOST_TEST(second.targets[0].negative == 0.01);
    // Document-relative, as the service really sends it (the sentence starts at 18): unchanged.
    BOOST_TEST(second.targets[0].offset == 37);
    BOOST_TEST(second.targets[0].length == 11);
    BOOST_TEST_REQUIRE(second.targets[0].relations.size() == 1U);
    BOOST_TEST(second.targets[0].relations[0].relation_type == "assessment");
    BOOST_TEST(second.targets[0].relations[0].sentence == 1);
    BOOST_TEST(second.targets[0].relations[0].index == 0);
    BOOST_TEST_REQUIRE(second.assessments.size() == 1U);
    BOOST_TEST(second.assessments[0].text == "Close to plenty");
    BOOST_TEST(second.assessments[0].offset == 18);
    BOOST_TEST(second.assessments[0].length == 15);
}

BOOST_AUTO_TEST_CASE(per_document_errors_carry_the_innermost_code_and_message) {
    const auto response = parse_response_v3(ta::test::e4_errors_response);
    BOOST_TEST(response.model_version == "2021-05-15");
    BOOST_TEST_REQUIRE(response.results.size() == 3U);
    for (const ta::result& result : response.results) {
        BOOST_TEST_REQUIRE(!result.ok());
        BOOST_TEST(!result.sentiment.has_value());
        BOOST_TEST(result.sentences.empty());
        BOOST_TEST(result.model_version == "2021-05-15");
    }
    BOOST_TEST(response.results[0].id == "1");
    BOOST_TEST(response.results[0].error->code == "InvalidDocument");
    BOOST_TEST(response.results[0].error->message == "Document text is empty.");
    BOOST_TEST(response.results[1].id == "2");
    BOOST_TEST(response.results[1].error->code == "UnsupportedLanguageCode");
    BOOST_TEST(response.results[1].error->message ==
               "Invalid language code. Supported languages: en. For additional details see "
               "https://aka.ms/text-analytics/language-support");
    BOOST_TEST(response.results[2].id == "3");
    BOOST_TEST(response.results[2].error->code == "InvalidDocument");
    BOOST_TEST(response.results[2].error->message.find("Limit document size to: 5120") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(error_without_innererror_keeps_its_own_code) {
    const auto response = parse_response_v3(answer_with(
        "",
        R"([{"id":"4","error":{"code":"InvalidArgument","message":"Invalid Language Code."}}])"));
    BOOST_TEST_REQUIRE(response.results.size() == 1U);
    BOOST_TEST(response.results[0].error->code == "InvalidArgument");
    BOOST_TEST(response.results[0].error->message == "Invalid Language Code.");
}

BOOST_AUTO_TEST_CASE(documents_come_first_then_errors_in_the_services_order) {
    const std::string body = answer_with(
        document_with("[]") + "," +
            R"({"id":"b","sentiment":"negative","confidenceScores":{"positive":0.1,"neutral":0.1,"negative":0.8},"sentences":[]})",
        R"([{"id":"z","error":{"code":"InvalidArgument","message":"m1"}},
            {"id":"a","error":{"code":"InvalidArgument","message":"m2"}}])");
    const auto response = parse_response_v3(body);
    BOOST_TEST_REQUIRE(response.results.size() == 4U);
    BOOST_TEST(response.results[0].id == "1");
    BOOST_TEST(response.results[1].id == "b");
    BOOST_TEST((response.results[1].sentiment == sentiment_label::negative));
    BOOST_TEST(response.results[2].id == "z");
    BOOST_TEST(response.results[3].id == "a");
    BOOST_TEST(response.results[3].error->message == "m2");
}

BOOST_AUTO_TEST_CASE(numeric_ids_become_their_decimal_text) {
    const std::string body = answer_with(
        R"({"id":7,"sentiment":"mixed","confidenceScores":{"positive":0.5,"neutral":0,"negative":0.5},"sentences":[]})",
        R"([{"id":12,"error":{"code":"InvalidArgument","message":"m"}}])");
    const auto response = parse_response_v3(body);
    BOOST_TEST_REQUIRE(response.results.size() == 2U);
    BOOST_TEST(response.results[0].id == "7");
    BOOST_TEST((response.results[0].sentiment == sentiment_label::mixed));
    BOOST_TEST(response.results[1].id == "12");
}

BOOST_AUTO_TEST_CASE(v3_0_sentence_without_text_is_accepted) {
    const auto response = parse_response_v3(answer_with(document_with(
        R"([{"sentiment":"positive","confidenceScores":{"positive":0.9,"neutral":0.05,"negative":0.05},"offset":0,"length":4}])")));
    BOOST_TEST_REQUIRE(response.results.at(0).sentences.size() == 1U);
    BOOST_TEST(response.results[0].sentences[0].text.empty());
    BOOST_TEST(response.results[0].sentences[0].length == 4);
}

BOOST_AUTO_TEST_CASE(warnings_and_statistics_are_kept) {
    const auto response = parse_response_v3(answer_with(document_with(
        "[]",
        R"(,"warnings":[{"code":"LongWordsInDocument","message":"The document contains very long words.","targetRef":"#/documents/0"}],
            "statistics":{"charactersCount":51,"transactionsCount":1})")));
    const ta::result& result = response.results.at(0);
    BOOST_TEST_REQUIRE(result.warnings.size() == 1U);
    BOOST_TEST(result.warnings[0].code == "LongWordsInDocument");
    BOOST_TEST(result.warnings[0].message == "The document contains very long words.");
    BOOST_TEST(result.warnings[0].target_ref == "#/documents/0");
    BOOST_TEST_REQUIRE(result.statistics.has_value());
    BOOST_TEST(result.statistics->characters_count == 51);
    BOOST_TEST(result.statistics->transactions_count == 1);
}

BOOST_AUTO_TEST_CASE(unknown_members_are_ignored) {
    const auto response = parse_response_v3(
        R"({"documents":[{"id":"1","sentiment":"neutral","detectedLanguage":{"name":"English"},
            "confidenceScores":{"positive":0.1,"neutral":0.8,"negative":0.1,"other":3},
            "sentences":[],"future":[1,2]}],"errors":[],"modelVersion":"m",
            "statistics":{"documentsCount":1,"validDocumentsCount":1,"erroneousDocumentsCount":0,"transactionsCount":1},
            "nextLink":null})");
    BOOST_TEST_REQUIRE(response.results.size() == 1U);
    BOOST_TEST((response.results[0].sentiment == sentiment_label::neutral));
    BOOST_TEST(response.results[0].confidence->neutral == 0.8);
}

BOOST_AUTO_TEST_CASE(relation_without_type_takes_it_from_the_ref) {
    const std::string sentence =
        R"([{"text":"Nice rooms.","sentiment":"positive","confidenceScores":{"positive":1,"neutral":0,"negative":0},"offset":0,"length":11,
            "targets":[{"text":"rooms","sentiment":"positive","confidenceScores":{"positive":1,"negative":0},"offset":5,"length":5,
                        "relations":[{"ref":"#/documents/3/sentences/0/assessments/0"}]}],
            "assessments":[{"text":"Nice","sentiment":"positive","confidenceScores":{"positive":1,"negative":0},"offset":0,"length":4,"isNegated":true}]}])";
    const auto response = parse_response_v3(answer_with(document_with(sentence)));
    const ta::sentence& read = response.results.at(0).sentences.at(0);
    BOOST_TEST_REQUIRE(read.targets.at(0).relations.size() == 1U);
    BOOST_TEST(read.targets[0].relations[0].relation_type == "assessment");
    BOOST_TEST(read.targets[0].relations[0].sentence == 0);
    BOOST_TEST(read.assessments.at(0).is_negated);
}

BOOST_AUTO_TEST_CASE(every_truncation_of_an_answer_is_refused) {
    // A connection cut short must never pass for a complete answer with fewer documents.
    const std::string& body = ta::test::e2_v3_1_response;
    std::size_t refused = 0;
    for (std::size_t length = 0; length < body.size(); ++length) {
        try {
            parse_response_v3(std::string_view(body).substr(0, length));
        } catch (const ta::bad_response_error&) {
            ++refused;
        }
    }
    BOOST_TEST(refused == body.size());
}

struct malformed_case {
    std::string name;
    std::string body;
    std::string expected; // a part of the message the user sees
    friend std::ostream& operator<<(std::ostream& out, const malformed_case& c) {
        return out << c.name;
    }
};

const std::string sentence_prefix =
    R"([{"text":"x","sentiment":"positive","confidenceScores":{"positive":1,"neutral":0,"negative":0},"offset":0,"length":1,)";
const std::string one_target_with_ref =
    R"("targets":[{"text":"x","sentiment":"positive","confidenceScores":{"positive":1,"negative":0},"offset":0,"length":1,"relations":[{"relationType":"assessment","ref":)";

BOOST_DATA_TEST_CASE(
    malformed_answers_are_refused_with_a_reason,
    data::make(std::vector<malformed_case>{
        {"not_json", "<html><body>Bad gateway</body></html>",
         "the service's answer is not valid JSON"},
        {"truncated", std::string(ta::test::e1_v3_0_response).substr(0, 120),
         "the service's answer is not valid JSON"},
        {"empty", "", "the service's answer is empty"},
        {"array", "[]", "the service's answer is not a JSON object"},
        {"no_documents", R"({"errors":[],"modelVersion":"x"})",
         R"(the service's answer has no "documents" array)"},
        {"documents_not_array", R"({"documents":{"id":"1"}})",
         R"(has an object, not an array, as "documents")"},
        {"document_not_object", R"({"documents":["positive"]})",
         "has a string, not an object, in documents[0]"},
        {"no_id",
         R"({"documents":[{"sentiment":"positive","confidenceScores":{"positive":1,"neutral":0,"negative":0},"sentences":[]}]})",
         R"(has no "id" string in documents[0])"},
        {"no_sentiment", answer_with(R"({"id":"1","confidenceScores":{},"sentences":[]})"),
         R"(has no "sentiment" string in documents[0])"},
        {"unknown_label",
         answer_with(
             R"({"id":"1","sentiment":"ecstatic","confidenceScores":{"positive":1,"neutral":0,"negative":0},"sentences":[]})"),
         R"(has an unknown sentiment "ecstatic" in documents[0])"},
        {"no_neutral_score",
         answer_with(
             R"({"id":"1","sentiment":"positive","confidenceScores":{"positive":1,"negative":0},"sentences":[]})"),
         R"(has no "neutral" number in documents[0].confidenceScores)"},
        {"score_is_text",
         answer_with(
             R"({"id":"1","sentiment":"positive","confidenceScores":{"positive":"high","neutral":0,"negative":0},"sentences":[]})"),
         R"(has a string, not a number, as "positive" in documents[0].confidenceScores)"},
        {"no_sentences",
         answer_with(
             R"({"id":"1","sentiment":"positive","confidenceScores":{"positive":1,"neutral":0,"negative":0}})"),
         R"(has no "sentences" array in documents[0])"},
        {"offset_is_text",
         answer_with(document_with(
             R"([{"text":"x","sentiment":"positive","confidenceScores":{"positive":1,"neutral":0,"negative":0},"offset":"0","length":1}])")),
         R"(has a string, not an integer, as "offset" in documents[0].sentences[0])"},
        {"length_is_fraction",
         answer_with(document_with(
             R"([{"text":"x","sentiment":"positive","confidenceScores":{"positive":1,"neutral":0,"negative":0},"offset":0,"length":1.5}])")),
         R"(has 1.5, not an integer, as "length" in documents[0].sentences[0])"},
        {"bad_relation_ref",
         answer_with(document_with(sentence_prefix + one_target_with_ref +
                                   R"("#/documents/0/assessments"}]}]}])")),
         R"(has a relation ref "#/documents/0/assessments" that names no sentence's target or assessment in documents[0].sentences[0].targets[0].relations[0])"},
        {"dangling_relation",
         answer_with(document_with(sentence_prefix + one_target_with_ref +
                                   R"("#/documents/0/sentences/4/assessments/0"}]}]}])")),
         "has a relation to sentence 4's assessment 0, which does not exist in documents[0]"},
        {"error_without_error_object", answer_with("", R"([{"id":"1","message":"m"}])"),
         R"(has no "error" object in errors[0])"},
        {"error_without_code", answer_with("", R"([{"id":"1","error":{"message":"m"}}])"),
         R"(has no "code" string in errors[0].error)"},
        {"negated_is_text",
         answer_with(document_with(
             sentence_prefix +
             R"("assessments":[{"text":"x","sentiment":"positive","confidenceScores":{"positive":1,"negative":0},"offset":0,"length":1,"isNegated":"no"}]}])")),
         R"(has a string, not true or false, as "isNegated" in documents[0].sentences[0].assessments[0])"},
    }),
    c) {
    try {
        parse_response_v3(c.body);
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
