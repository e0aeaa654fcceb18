// The fake service must answer as the reference documents, or every test built on it proves
// nothing: its limits, its error bodies and its shapes, checked with the documented examples.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <ta/transport.hpp>

#include "fake_service.hpp"
#include "service_requests.hpp"

BOOST_AUTO_TEST_SUITE(fake_service_behaviour)

namespace data = boost::unit_test::data;
using json = nlohmann::json;
using ta::test::documents_body;
using ta::test::fake_service;
using ta::test::language_body;
using ta::test::post_json;

namespace {

json one_document(const std::string& text, const std::string& language = "en") {
    return json::array({{{"id", "1"}, {"language", language}, {"text", text}}});
}

json many_documents(int count) {
    json documents = json::array();
    for (int i = 1; i <= count; ++i) {
        documents.push_back({{"id", std::to_string(i)}, {"language", "en"}, {"text", "Good."}});
    }
    return documents;
}

json body_for(const std::string& target, const json& documents) {
    return target.rfind("/language/", 0) == 0 ? language_body(documents)
                                              : documents_body(documents);
}

/// The part of an answer that holds documents and errors.
json results_of(const std::string& target, const json& answer) {
    return target.rfind("/language/", 0) == 0 ? answer["results"] : answer;
}

const std::vector<std::string> every_target = {ta::test::v2_0_path,
                                               ta::test::v2_1_path,
                                               ta::test::v3_0_path,
                                               ta::test::v3_1_path,
                                               "/language/:analyze-text?api-version=2022-05-01",
                                               "/language/:analyze-text?api-version=2023-04-01",
                                               "/language/:analyze-text?api-version=2024-11-01",
                                               "/language/:analyze-text?api-version=2025-11-01"};

} // namespace

BOOST_DATA_TEST_CASE(every_api_path_answers, data::make(every_target), target) {
    fake_service service;
    const auto http = ta::make_curl_transport();

    const auto response =
        post_json(*http, service, target, body_for(target, one_document("Good.")));

    BOOST_TEST(response.status == 200);
    const json answer = json::parse(response.body);
    const json results = results_of(target, answer);
    BOOST_TEST(results["documents"][0]["id"] == "1");
    if (target.find("/v2.") != std::string::npos) {
        BOOST_TEST(results["documents"][0]["score"] == 0.9);
    } else {
        BOOST_TEST(results["documents"][0]["sentiment"] == "positive");
        BOOST_TEST(results["modelVersion"] == "2022-11-01");
    }
    if (target.rfind("/language/", 0) == 0) {
        BOOST_TEST(answer["kind"] == "SentimentAnalysisResults");
    }
}

BOOST_AUTO_TEST_CASE(versions_the_service_lacks_answer_the_gateway_404) {
    ta::test::fake_service_options options;
    options.versions = {ta::api_version::v3_0};
    fake_service service(options);
    const auto http = ta::make_curl_transport();

    const auto missing =
        post_json(*http, service, ta::test::v3_1_path, documents_body(one_document("Good.")));
    const auto present =
        post_json(*http, service, ta::test::v3_0_path, documents_body(one_document("Good.")));

    BOOST_TEST(missing.status == 404);
    BOOST_TEST(json::parse(missing.body) ==
               json::parse(R"({"error":{"code":"404","message":"Resource not found"}})"));
    BOOST_TEST(present.status == 200);
}

BOOST_AUTO_TEST_CASE(unknown_language_api_version_is_404) {
    fake_service service;
    const auto http = ta::make_curl_transport();

    const auto response =
        post_json(*http, service, "/language/:analyze-text?api-version=2099-01-01",
                  language_body(one_document("Good.")));

    BOOST_TEST(response.status == 404);
}

BOOST_AUTO_TEST_CASE(missing_or_wrong_key_is_the_documented_401) {
    ta::test::fake_service_options options;
    options.key = "the-key";
    fake_service service(options);
    const auto http = ta::make_curl_transport();
    const auto body = language_body(one_document("Good."));

    const auto none = post_json(*http, service, ta::test::language_path, body);
    const auto wrong = post_json(*http, service, ta::test::language_path, body,
                                 {{"Ocp-Apim-Subscription-Key", "not-the-key"}});
    const auto right = post_json(*http, service, ta::test::language_path, body,
                                 {{"Ocp-Apim-Subscription-Key", "the-key"}});

    // Reference E.6.
    const json e6 = json::parse(
        R"({"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource."}})");
    BOOST_TEST(none.status == 401);
    BOOST_TEST(json::parse(none.body) == e6);
    BOOST_TEST(wrong.status == 401);
    BOOST_TEST(right.status == 200);
}

BOOST_AUTO_TEST_CASE(eleven_documents_are_the_documented_400) {
    fake_service service;
    const auto http = ta::make_curl_transport();

    const auto response =
        post_json(*http, service, ta::test::v3_1_path, documents_body(many_documents(11)));

    // Reference E.5, the recorded batch-too-large answer.
    BOOST_TEST(response.status == 400);
    BOOST_TEST(
        json::parse(response.body) ==
        json::parse(
            R"({"error":{"code":"InvalidRequest","message":"Invalid document in request.","innererror":{"code":"InvalidDocumentBatch","message":"Batch request contains too many records. Max 10 records are permitted."}}})"));
}

BOOST_AUTO_TEST_CASE(ten_documents_are_accepted) {
    fake_service service;
    const auto http = ta::make_curl_transport();

    const auto response =
        post_json(*http, service, ta::test::language_path, language_body(many_documents(10)));

    BOOST_TEST(response.status == 200);
    BOOST_TEST(json::parse(response.body)["results"]["documents"].size() == 10u);
}

BOOST_AUTO_TEST_CASE(v2_takes_a_thousand_documents_not_more) {
    fake_service service;
    const auto http = ta::make_curl_transport();

    const auto thousand =
        post_json(*http, service, ta::test::v2_1_path, documents_body(many_documents(1'000)));
    const auto more =
        post_json(*http, service, ta::test::v2_1_path, documents_body(many_documents(1'001)));

    BOOST_TEST(thousand.status == 200);
    BOOST_TEST(more.status == 400);
    BOOST_TEST(json::parse(more.body)["innerError"]["message"] ==
               "Batch request contains too many records. Max 1000 records are permitted.");
}

BOOST_AUTO_TEST_CASE(body_over_one_megabyte_is_413) {
    fake_service service;
    const auto http = ta::make_curl_transport();
    // Just over 1,048,576 bytes once serialized.
    const json body = documents_body(one_document(std::string(1'048'576, 'a')));

    const auto response = post_json(*http, service, ta::test::v3_1_path, body);

    BOOST_TEST(response.status == 413);
    BOOST_TEST(json::parse(response.body)["error"]["innererror"]["code"] == "InvalidDocumentBatch");
}

BOOST_AUTO_TEST_CASE(malformed_json_is_invalid_request_body_format) {
    fake_service service;
    const auto http = ta::make_curl_transport();

    const auto response = post_json(*http, service, ta::test::v3_1_path, std::string("{\"docu"));

    BOOST_TEST(response.status == 400);
    const json error = json::parse(response.body)["error"];
    BOOST_TEST(error["code"] == "InvalidRequest");
    BOOST_TEST(error["innererror"]["code"] == "InvalidRequestBodyFormat");
}

BOOST_AUTO_TEST_CASE(missing_documents_are_missing_input_records) {
    fake_service service;
    const auto http = ta::make_curl_transport();

    const auto response = post_json(*http, service, ta::test::v3_1_path, json::object());

    BOOST_TEST(response.status == 400);
    BOOST_TEST(json::parse(response.body)["error"]["innererror"]["code"] == "MissingInputRecords");
}

BOOST_AUTO_TEST_CASE(duplicate_ids_are_rejected) {
    fake_service service;
    const auto http = ta::make_curl_transport();
    const json documents =
        json::array({{{"id", "7"}, {"text", "Good."}}, {{"id", "7"}, {"text", "Bad."}}});

    const auto response = post_json(*http, service, ta::test::v3_1_path, documents_body(documents));

    BOOST_TEST(response.status == 400);
    const json error = json::parse(response.body)["error"];
    BOOST_TEST(error["code"] == "InvalidRequest");
    BOOST_TEST(error["innererror"]["message"] ==
               "Request contains duplicated Ids. Make sure each document has a unique Id.");
}

BOOST_AUTO_TEST_CASE(document_problems_are_the_documented_per_document_errors) {
    ta::test::fake_service_options options;
    options.languages = {"en"};
    fake_service service(options);
    const auto http = ta::make_curl_transport();
    const json documents =
        json::array({{{"id", "1"}, {"language", "en"}, {"text", ""}},
                     {{"id", "2"}, {"language", "xx"}, {"text", "Good."}},
                     {{"id", "3"}, {"language", "en"}, {"text", std::string(5'121, 'a')}},
                     {{"id", "4"}, {"language", "en"}, {"text", "Good."}}});

    const auto response = post_json(*http, service, ta::test::v3_1_path, documents_body(documents));

    // Reference E.4's errors, with HTTP 200; the good document is still scored.
    BOOST_TEST(response.status == 200);
    const json answer = json::parse(response.body);
    BOOST_TEST(answer["errors"] == json::parse(R"([
 {"id":"1","error":{"code":"InvalidArgument","message":"Invalid document in request.","innererror":{"code":"InvalidDocument","message":"Document text is empty."}}},
 {"id":"2","error":{"code":"InvalidArgument","message":"Invalid Language Code.","innererror":{"code":"UnsupportedLanguageCode","message":"Invalid language code. Supported languages: en. For additional details see https://aka.ms/text-analytics/language-support"}}},
 {"id":"3","error":{"code":"InvalidArgument","message":"Invalid document in request.","innererror":{"code":"InvalidDocument","message":"A document within the request was too large to be processed. Limit document size to: 5120 text elements. For additional details on the data limitations see https://aka.ms/text-analytics-data-limits"}}}])"));
    BOOST_TEST_REQUIRE(answer["documents"].size() == 1u);
    BOOST_TEST(answer["documents"][0]["id"] == "4");
}

BOOST_AUTO_TEST_CASE(v2_document_errors_have_only_id_and_message) {
    fake_service service;
    const auto http = ta::make_curl_transport();

    const auto response =
        post_json(*http, service, ta::test::v2_1_path, documents_body(one_document("")));

    BOOST_TEST(response.status == 200);
    BOOST_TEST(json::parse(response.body)["errors"] ==
               json::parse(R"([{"id":"1","message":"Document text is empty."}])"));
}

BOOST_AUTO_TEST_CASE(v2_lists_documents_out_of_order) {
    fake_service service;
    const auto http = ta::make_curl_transport();

    const auto response =
        post_json(*http, service, ta::test::v2_0_path, documents_body(many_documents(3)));

    const json documents = json::parse(response.body)["documents"];
    BOOST_TEST_REQUIRE(documents.size() == 3u);
    BOOST_TEST(documents[0]["id"] == "3");
    BOOST_TEST(documents[2]["id"] == "1");
}

BOOST_AUTO_TEST_CASE(show_stats_adds_statistics) {
    fake_service service;
    const auto http = ta::make_curl_transport();

    const auto response = post_json(*http, service, ta::test::v3_0_path + "?showStats=true",
                                    documents_body(one_document("Good.")));

    const json answer = json::parse(response.body);
    BOOST_TEST(answer["statistics"]["documentsCount"] == 1);
    BOOST_TEST(answer["documents"][0]["statistics"]["charactersCount"] == 5);
}

BOOST_AUTO_TEST_CASE(opinion_mining_only_where_the_api_has_it) {
    fake_service service;
    const auto http = ta::make_curl_transport();
    const auto body = documents_body(one_document("The food was great."));

    const auto v3_1 = post_json(*http, service, ta::test::v3_1_path + "?opinionMining=true", body);
    const auto v3_0 = post_json(*http, service, ta::test::v3_0_path + "?opinionMining=true", body);

    const json sentence = json::parse(v3_1.body)["documents"][0]["sentences"][0];
    BOOST_TEST(sentence["targets"][0]["text"] == "food");
    BOOST_TEST(sentence["targets"][0]["relations"][0]["ref"] ==
               "#/documents/0/sentences/0/assessments/0");
    BOOST_TEST(sentence["assessments"][0]["text"] == "great");
    BOOST_TEST(!json::parse(v3_0.body)["documents"][0]["sentences"][0].contains("targets"));
}

BOOST_AUTO_TEST_CASE(each_generation_spells_text_elements_its_own_way) {
    fake_service service;
    const auto http = ta::make_curl_transport();
    const json documents = one_document("Good.");

    const auto v3_right =
        post_json(*http, service, ta::test::v3_1_path + "?stringIndexType=TextElement_v8",
                  documents_body(documents));
    const auto v3_wrong =
        post_json(*http, service, ta::test::v3_1_path + "?stringIndexType=TextElements_v8",
                  documents_body(documents));
    const auto language_right =
        post_json(*http, service, ta::test::language_path,
                  language_body(documents, {{"stringIndexType", "TextElements_v8"}}));
    const auto language_wrong =
        post_json(*http, service, ta::test::language_path,
                  language_body(documents, {{"stringIndexType", "TextElement_v8"}}));

    BOOST_TEST(v3_right.status == 200);
    BOOST_TEST(v3_wrong.status == 400);
    BOOST_TEST(language_right.status == 200);
    BOOST_TEST(language_wrong.status == 400);
}

BOOST_AUTO_TEST_CASE(answers_carry_a_request_id_and_json_content_type) {
    fake_service service;
    const auto http = ta::make_curl_transport();

    const auto ok =
        post_json(*http, service, ta::test::v3_1_path, documents_body(one_document("Good.")));
    const auto not_found = post_json(*http, service, "/nowhere", json::object());

    for (const auto* response : {&ok, &not_found}) {
        BOOST_TEST(response->header("apim-request-id").size() == 36u);
        BOOST_TEST(response->header("Content-Type") == "application/json; charset=utf-8");
    }
    BOOST_TEST(ok.header("apim-request-id") != not_found.header("apim-request-id"));
}

BOOST_AUTO_TEST_CASE(scripted_answers_come_first_in_order) {
    fake_service service;
    service.script(ta::test::scripted(503, "first"));
    service.script(ta::test::scripted(418, "second"));
    const auto http = ta::make_curl_transport();
    const auto body = documents_body(one_document("Good."));

    const auto first = post_json(*http, service, ta::test::v3_1_path, body);
    const auto second = post_json(*http, service, ta::test::v3_1_path, body);
    const auto third = post_json(*http, service, ta::test::v3_1_path, body);

    BOOST_TEST(first.status == 503);
    BOOST_TEST(first.body == "first");
    BOOST_TEST(second.status == 418);
    BOOST_TEST(third.status == 200);
    BOOST_TEST(service.requests().size() == 3u);
}

BOOST_AUTO_TEST_SUITE_END()
