#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "render_json.hpp"
#include "test_cli_samples.hpp"

namespace {

using pairs = std::vector<std::pair<ta::document, ta::result>>;

std::string render(std::unique_ptr<ta::cli::renderer> (*make)(std::ostream&),
                   const pairs& documents) {
    std::ostringstream out;
    const auto renderer = make(out);
    for (const auto& [document, result] : documents) {
        renderer->write(document, result);
    }
    renderer->end();
    return out.str();
}

std::string jsonl(const pairs& documents) {
    return render(&ta::cli::make_jsonl_renderer, documents);
}

std::string json(const pairs& documents) {
    return render(&ta::cli::make_json_renderer, documents);
}

} // namespace

using namespace ta::cli::test;

BOOST_AUTO_TEST_SUITE(cli_render_json)

BOOST_AUTO_TEST_CASE(jsonl_scored_document_has_the_service_shape) {
    BOOST_TEST(
        jsonl({{v3_document(), v3_result()}}) ==
        R"({"id":"1","sentiment":"positive","confidenceScores":{"positive":0.98,"neutral":0.01,)"
        R"("negative":0.01},"sentences":[{"text":"Hello world.","sentiment":"neutral",)"
        R"("confidenceScores":{"positive":0.07,"neutral":0.91,"negative":0.02},"offset":0,)"
        R"("length":12},{"text":"This is some input text that I love.","sentiment":"positive",)"
        R"("confidenceScores":{"positive":0.98,"neutral":0.01,"negative":0.01},"offset":13,)"
        R"("length":36}],"warnings":[]})"
        "\n");
}

BOOST_AUTO_TEST_CASE(jsonl_scored_document_equals_the_documented_example) {
    // The v3.0 spec example's document, as the service sent it.
    const auto expected = nlohmann::json::parse(
        R"({"id":"1","sentiment":"positive",
  "confidenceScores":{"positive":0.98,"neutral":0.01,"negative":0.01},
  "sentences":[{"text":"Hello world.","sentiment":"neutral",
                "confidenceScores":{"positive":0.07,"neutral":0.91,"negative":0.02},
                "offset":0,"length":12},
               {"text":"This is some input text that I love.","sentiment":"positive",
                "confidenceScores":{"positive":0.98,"neutral":0.01,"negative":0.01},
                "offset":13,"length":36}],
  "warnings":[]})");
    BOOST_TEST(nlohmann::json::parse(jsonl({{v3_document(), v3_result()}})) == expected);
}

BOOST_AUTO_TEST_CASE(jsonl_v2_document_has_id_and_score) {
    BOOST_TEST(jsonl({{v2_document(), v2_result()}}) ==
               "{\"id\":\"3\",\"score\":0.9733303189277649}\n");
}

BOOST_AUTO_TEST_CASE(jsonl_failed_document_has_id_and_error) {
    BOOST_TEST(
        jsonl({{error_document(), error_result()}}) ==
        R"({"id":"2","error":{"code":"InvalidDocument","message":"Document text is empty."}})"
        "\n");
}

BOOST_AUTO_TEST_CASE(jsonl_escapes_odd_text_and_stays_on_one_line) {
    const std::string line = jsonl({{odd_document(), odd_result()}});
    BOOST_TEST(line.find(R"("text":"say \"hi\",\tthen\nleave\\now")") != std::string::npos);
    BOOST_TEST(line.find('\n') == line.size() - 1);
}

BOOST_AUTO_TEST_CASE(jsonl_writes_one_line_per_document_in_order) {
    const std::string text = jsonl({{v3_document(), v3_result()},
                                    {error_document(), error_result()},
                                    {v2_document(), v2_result()}});
    std::istringstream lines(text);
    std::vector<std::string> ids;
    for (std::string line; std::getline(lines, line);) {
        ids.push_back(nlohmann::json::parse(line).at("id").get<std::string>());
    }
    BOOST_TEST(ids == (std::vector<std::string>{"1", "2", "3"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(jsonl_opinions_have_the_documented_shape_and_refs) {
    const auto expected = nlohmann::json::parse(
        R"({"id":"1","sentiment":"positive",
  "confidenceScores":{"positive":1,"neutral":0,"negative":0},
  "sentences":[{"text":"Great atmosphere.","sentiment":"positive",
     "confidenceScores":{"positive":1,"neutral":0,"negative":0},"offset":0,"length":17,
     "targets":[{"text":"atmosphere","sentiment":"positive",
                 "confidenceScores":{"positive":1,"negative":0},"offset":6,"length":10,
                 "relations":[{"relationType":"assessment",
                               "ref":"#/documents/0/sentences/0/assessments/0"}]}],
     "assessments":[{"text":"great","sentiment":"positive",
                     "confidenceScores":{"positive":1,"negative":0},"offset":0,"length":5,
                     "isNegated":false}]}],
  "warnings":[]})");
    BOOST_TEST(nlohmann::json::parse(jsonl({{opinion_document(), opinion_result()}})) == expected);
}

BOOST_AUTO_TEST_CASE(whole_numbers_are_written_as_integers) {
    BOOST_TEST(jsonl({{opinion_document(), opinion_result()}})
                   .find(R"("confidenceScores":{"positive":1,"neutral":0,"negative":0})") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(jsonl_writes_statistics_and_warnings_when_present) {
    auto result = v3_result();
    result.statistics = ta::document_statistics{49, 1};
    result.warnings.push_back({"LongWordsInDocument", "Some words were long.", "#/documents/0"});
    const auto line = nlohmann::json::parse(jsonl({{v3_document(), result}}));
    BOOST_TEST(line.at("statistics") ==
               nlohmann::json::parse(R"({"charactersCount":49,"transactionsCount":1})"));
    BOOST_TEST(line.at("warnings") == nlohmann::json::parse(R"([{"code":"LongWordsInDocument",)"
                                                            R"("message":"Some words were long.",)"
                                                            R"("targetRef":"#/documents/0"}])"));
}

BOOST_AUTO_TEST_CASE(json_is_one_indented_response_with_errors_after_documents) {
    BOOST_TEST(json({{error_document(), error_result()}, {v2_document(), v2_result()}}) ==
               R"({
  "documents": [
    {
      "id": "3",
      "score": 0.9733303189277649
    }
  ],
  "errors": [
    {
      "id": "2",
      "error": {
        "code": "InvalidDocument",
        "message": "Document text is empty."
      }
    }
  ]
}
)");
}

BOOST_AUTO_TEST_CASE(json_with_no_documents_is_an_empty_response) {
    BOOST_TEST(json({}) == "{\n  \"documents\": [],\n  \"errors\": []\n}\n");
}

BOOST_AUTO_TEST_CASE(json_has_a_model_version_when_the_results_have_one) {
    const auto parsed =
        nlohmann::json::parse(json({{v2_document(), v2_result()}, {v3_document(), v3_result()}}));
    BOOST_TEST(parsed.at("modelVersion") == "2020-04-01");
}

BOOST_AUTO_TEST_CASE(json_writes_nothing_before_the_first_record) {
    std::ostringstream out;
    const auto renderer = ta::cli::make_json_renderer(out);
    BOOST_TEST(out.str().empty());
    renderer->write(v3_document(), v3_result());
    BOOST_TEST(out.str().rfind("{\n  \"documents\": [", 0) == 0U);
}

BOOST_AUTO_TEST_CASE(jsonl_writes_nothing_before_the_first_record) {
    std::ostringstream out;
    const auto renderer = ta::cli::make_jsonl_renderer(out);
    renderer->end();
    BOOST_TEST(out.str().empty());
}

BOOST_AUTO_TEST_CASE(json_streamed_equals_the_whole_response_printed_at_once) {
    const std::string text = json({{v3_document(), v3_result()},
                                   {error_document(), error_result()},
                                   {odd_document(), odd_result()}});
    const auto parsed = nlohmann::ordered_json::parse(text);
    BOOST_TEST(text == parsed.dump(2) + "\n");
    BOOST_TEST(parsed.at("documents").size() == 2U);
    BOOST_TEST(parsed.at("documents").at(1).at("id") == "4");
    BOOST_TEST(parsed.at("errors").size() == 1U);
    BOOST_TEST(parsed.at("modelVersion") == "2020-04-01");
}

BOOST_AUTO_TEST_CASE(json_relation_refs_point_at_the_document_in_the_response) {
    const auto parsed = nlohmann::json::parse(json({{v3_document(), v3_result()},
                                                    {error_document(), error_result()},
                                                    {opinion_document(), opinion_result()}}));
    BOOST_TEST(parsed.at("documents")
                   .at(1)
                   .at("sentences")
                   .at(0)
                   .at("targets")
                   .at(0)
                   .at("relations")
                   .at(0)
                   .at("ref") == "#/documents/1/sentences/0/assessments/0");
}

BOOST_AUTO_TEST_CASE(json_adds_request_statistics_when_documents_have_them) {
    auto result = v3_result();
    result.statistics = ta::document_statistics{49, 1};
    const auto parsed =
        nlohmann::json::parse(json({{v3_document(), result}, {error_document(), error_result()}}));
    BOOST_TEST(parsed.at("statistics") ==
               nlohmann::json::parse(R"({"documentsCount":2,"validDocumentsCount":1,)"
                                     R"("erroneousDocumentsCount":1,"transactionsCount":1})"));
}

BOOST_AUTO_TEST_CASE(jsonl_adds_the_built_in_engines_vader_scores) {
    auto result = v3_result();
    result.vader = ta::vader_scores{0.6369, 0.457, 0.543, 0.0};
    const auto parsed = nlohmann::json::parse(jsonl({{v3_document(), result}}));
    BOOST_TEST(parsed.at("vader") ==
               nlohmann::json::parse(R"({"compound":0.6369,"pos":0.457,"neu":0.543,"neg":0})"));
}

BOOST_AUTO_TEST_CASE(jsonl_vader_scores_come_after_the_service_members) {
    auto result = v3_result();
    result.vader = ta::vader_scores{-0.5, 0, 0.5, 0.5};
    const auto line = jsonl({{v3_document(), result}});
    BOOST_TEST(line.ends_with(R"("warnings":[],"vader":{"compound":-0.5,"pos":0,"neu":0.5,)"
                              R"("neg":0.5}})"
                              "\n"));
}

BOOST_AUTO_TEST_CASE(json_documents_have_the_vader_scores_too) {
    auto result = v3_result();
    result.vader = ta::vader_scores{0.6369, 0.457, 0.543, 0.0};
    const auto parsed = nlohmann::json::parse(json({{v3_document(), result}}));
    BOOST_TEST(parsed.at("documents").at(0).at("vader").at("compound") == 0.6369);
}

BOOST_AUTO_TEST_CASE(results_without_vader_scores_have_no_vader_member) {
    const auto parsed = nlohmann::json::parse(jsonl({{v3_document(), v3_result()}}));
    BOOST_TEST(!parsed.contains("vader"));
}

BOOST_AUTO_TEST_SUITE_END()
