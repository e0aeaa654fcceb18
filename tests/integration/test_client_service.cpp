#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <ta/client.hpp>
#include <ta/error.hpp>

#include "fake_service.hpp"
#include "service_requests.hpp"

BOOST_AUTO_TEST_SUITE(client_service)

namespace data = boost::unit_test::data;
using json = nlohmann::json;
using namespace std::chrono_literals;
using ta::test::fake_service;
using ta::test::scripted;

namespace {

ta::api_version version_named(const std::string& name) {
    const auto version = ta::parse_api_version(name);
    BOOST_TEST_REQUIRE(version.has_value(), "no API version " << name);
    return *version;
}

/// A client of `service` through real libcurl, whose waits between retries are recorded
/// instead of slept.
struct service_client {
    service_client(const fake_service& service, ta::api_version api, std::string key = "",
                   std::string endpoint_suffix = "") {
        ta::client_options options;
        options.endpoint = service.url() + endpoint_suffix;
        options.key = std::move(key);
        options.api = api;
        configure(options);
    }
    explicit service_client(ta::client_options options) { configure(options); }

    void configure(ta::client_options& options) {
        client = std::make_unique<ta::client>(
            options, nullptr, [this](std::chrono::milliseconds wait) { waits.push_back(wait); });
    }

    std::vector<std::chrono::milliseconds> waits;
    std::unique_ptr<ta::client> client;
};

ta::client_options options_for(const fake_service& service, ta::api_version api) {
    ta::client_options options;
    options.endpoint = service.url();
    options.api = api;
    return options;
}

std::vector<ta::document> three_documents() {
    return {{"a", "I love it.", ""}, {"b", "This is awful.", ""}, {"c", "The sky is blue.", ""}};
}

/// The documents a request carried, whatever the API generation.
json sent_documents(const ta::test::recorded_request& request) {
    const json body = json::parse(request.body);
    return body.contains("analysisInput") ? body["analysisInput"]["documents"] : body["documents"];
}

const std::vector<std::string> concrete_versions = {
    "2025-11-01", "2024-11-01", "2023-04-01", "2022-05-01", "v3.1", "v3.0", "v2.1", "v2.0"};

/// A v3.1 answer's document: `label` with the toy model's scores, no sentences.
json v3_document(const std::string& id, const std::string& label) {
    const double positive = label == "positive" ? 0.9 : label == "negative" ? 0.02 : 0.05;
    const double negative = label == "negative" ? 0.9 : label == "positive" ? 0.02 : 0.05;
    return {
        {"id", id},
        {"sentiment", label},
        {"confidenceScores",
         {{"positive", positive}, {"neutral", 1 - positive - negative}, {"negative", negative}}},
        {"sentences", json::array()},
        {"warnings", json::array()}};
}

/// A v3.1 answer's per-document error.
json v3_error(const std::string& id) {
    return {{"id", id},
            {"error",
             {{"code", "InvalidArgument"},
              {"message", "Invalid document in request."},
              {"innererror", {{"code", "InvalidDocument"}, {"message", "Scripted failure."}}}}}};
}

/// A whole v3.1 answer; the Language API's when `language` (its `results` is the same object).
std::string v3_answer(const json& documents, const json& errors = json::array(),
                      bool language = false) {
    const json results = {
        {"documents", documents}, {"errors", errors}, {"modelVersion", "2022-11-01"}};
    return language ? json{{"kind", "SentimentAnalysisResults"}, {"results", results}}.dump()
                    : results.dump();
}

/// One result per document, in input order, with the caller's ids.
void check_one_result_each_in_order(const std::vector<ta::result>& results,
                                    const std::vector<ta::document>& documents) {
    BOOST_TEST_REQUIRE(results.size() == documents.size());
    for (std::size_t i = 0; i < results.size(); ++i) {
        BOOST_TEST(results[i].id == documents[i].id);
    }
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

} // namespace

BOOST_DATA_TEST_CASE(every_concrete_api_scores_end_to_end, data::make(concrete_versions), name) {
    fake_service service;
    const auto version = version_named(name);
    service_client c(service, version);

    const auto results = c.client->analyze(three_documents());

    BOOST_TEST_REQUIRE(results.size() == 3u);
    BOOST_TEST(results[0].id == "a");
    BOOST_TEST(results[1].id == "b");
    BOOST_TEST(results[2].id == "c");
    for (const auto& r : results) {
        BOOST_TEST(r.ok(), r.id << ": " << (r.error ? r.error->message : ""));
    }
    if (ta::generation_of(version) == ta::api_generation::v2) {
        BOOST_TEST(results[0].score.value_or(-1) == 0.9);
        BOOST_TEST(results[1].score.value_or(-1) == 0.1);
        BOOST_TEST(results[2].score.value_or(-1) == 0.5);
        BOOST_TEST(!results[0].sentiment.has_value());
    } else {
        BOOST_TEST((results[0].sentiment == ta::sentiment_label::positive));
        BOOST_TEST((results[1].sentiment == ta::sentiment_label::negative));
        BOOST_TEST((results[2].sentiment == ta::sentiment_label::neutral));
        BOOST_TEST(results[0].confidence.value_or(ta::confidence_scores{}).positive == 0.9);
        BOOST_TEST(results[0].model_version == "2022-11-01");
        BOOST_TEST_REQUIRE(results[1].sentences.size() == 1u);
        BOOST_TEST(results[1].sentences[0].text == "This is awful.");
    }
    const auto requests = service.requests();
    BOOST_TEST_REQUIRE(requests.size() == 1u);
    BOOST_TEST(requests[0].header("Content-Type") == "application/json");
    BOOST_TEST((c.client->resolved_api() == version));
}

BOOST_AUTO_TEST_CASE(v2_answer_out_of_order_comes_back_in_input_order) {
    fake_service service; // answers v2 in reverse order
    service_client c(service, ta::api_version::v2_1);
    std::vector<ta::document> documents;
    for (int i = 0; i < 6; ++i) {
        documents.push_back(
            {"doc-" + std::to_string(i), i % 2 == 0 ? "Good stuff." : "Bad stuff.", "en"});
    }

    const auto results = c.client->analyze(documents);

    BOOST_TEST_REQUIRE(results.size() == documents.size());
    for (std::size_t i = 0; i < results.size(); ++i) {
        BOOST_TEST(results[i].id == documents[i].id);
        BOOST_TEST(results[i].score.value_or(-1) == (i % 2 == 0 ? 0.9 : 0.1));
    }
}

BOOST_DATA_TEST_CASE(automatic_falls_back_to_the_only_api_and_remembers,
                     data::make(std::vector<std::string>{"v3.1", "v3.0", "v2.1", "v2.0"}), name) {
    const auto only = version_named(name);
    ta::test::fake_service_options options;
    options.versions = {only};
    fake_service service(options);
    service_client c(service, ta::api_version::automatic);

    const auto first = c.client->analyze(three_documents());

    BOOST_TEST(first.at(0).ok());
    BOOST_TEST((c.client->resolved_api() == only));
    const auto& order = ta::automatic_fallback_order();
    const auto position = std::find(order.begin(), order.end(), only) - order.begin();
    BOOST_TEST(service.requests().size() == static_cast<std::size_t>(position + 1));

    service.clear_requests();
    const auto second = c.client->analyze(three_documents());

    BOOST_TEST(second.at(1).ok());
    const auto requests = service.requests();
    BOOST_TEST_REQUIRE(requests.size() == 1u, "the second call tried other APIs again");
    BOOST_TEST(requests[0].path == "/text/analytics/" + name + "/sentiment");
}

BOOST_AUTO_TEST_CASE(automatic_prefers_the_language_api) {
    fake_service service;
    service_client c(service, ta::api_version::automatic);

    c.client->analyze(three_documents());

    const auto requests = service.requests();
    BOOST_TEST_REQUIRE(requests.size() == 1u);
    BOOST_TEST(requests[0].path == "/language/:analyze-text");
    BOOST_TEST(requests[0].query == "api-version=2023-04-01");
}

BOOST_AUTO_TEST_CASE(every_api_answering_404_is_api_not_found) {
    ta::test::fake_service_options options;
    options.versions = {};
    fake_service service(options);
    service_client c(service, ta::api_version::automatic);

    BOOST_CHECK_EXCEPTION(c.client->analyze(three_documents()), ta::api_not_found_error,
                          [](const ta::api_not_found_error& e) { return e.status() == 404; });
    BOOST_TEST(service.requests().size() == ta::automatic_fallback_order().size());
}

BOOST_AUTO_TEST_CASE(wrong_key_is_http_error_401_with_the_request_id) {
    ta::test::fake_service_options options;
    options.key = "right-key";
    fake_service service(options);
    service_client c(service, ta::api_version::automatic, "wrong-key");

    try {
        c.client->analyze(three_documents());
        BOOST_FAIL("no http_error");
    } catch (const ta::api_not_found_error&) {
        BOOST_FAIL("a 401 is not a missing API");
    } catch (const ta::http_error& e) {
        BOOST_TEST(e.status() == 401);
        BOOST_TEST(e.service_code() == "401");
        BOOST_TEST(e.request_id().size() == 36u, "request id: " << e.request_id());
    }
    BOOST_TEST(service.requests().size() == 1u, "a 401 is neither retried nor a fallback");
}

BOOST_AUTO_TEST_CASE(right_key_is_sent_in_the_key_header) {
    ta::test::fake_service_options options;
    options.key = "right-key";
    fake_service service(options);
    service_client c(service, ta::api_version::v3_1, "right-key");

    const auto results = c.client->analyze(three_documents());

    BOOST_TEST(results.at(0).ok());
    BOOST_TEST(service.requests().at(0).header("Ocp-Apim-Subscription-Key") == "right-key");
}

BOOST_AUTO_TEST_CASE(no_key_header_without_a_key) {
    fake_service service;
    service_client c(service, ta::api_version::v3_1, "");

    c.client->analyze(three_documents());

    BOOST_TEST(!service.requests().at(0).has_header("Ocp-Apim-Subscription-Key"));
}

BOOST_DATA_TEST_CASE(twenty_five_documents_go_in_batches_of_at_most_ten,
                     data::make(std::vector<std::string>{"v3.1", "2023-04-01"}), name) {
    fake_service service;
    service_client c(service, version_named(name));
    std::vector<ta::document> documents;
    for (int i = 0; i < 25; ++i) {
        documents.push_back(
            {std::to_string(100 + i), i % 3 == 0 ? "I hate it." : "I love it.", ""});
    }

    const auto results = c.client->analyze(documents);

    const auto requests = service.requests();
    BOOST_TEST_REQUIRE(requests.size() == 3u);
    std::size_t sent = 0;
    for (const auto& request : requests) {
        BOOST_TEST(sent_documents(request).size() <= 10u);
        sent += sent_documents(request).size();
    }
    BOOST_TEST(sent == 25u);
    BOOST_TEST_REQUIRE(results.size() == 25u);
    for (std::size_t i = 0; i < results.size(); ++i) {
        BOOST_TEST(results[i].id == documents[i].id);
        BOOST_TEST((results[i].sentiment ==
                    (i % 3 == 0 ? ta::sentiment_label::negative : ta::sentiment_label::positive)));
    }
}

BOOST_AUTO_TEST_CASE(empty_and_overlong_documents_fail_without_being_sent) {
    fake_service service;
    service_client c(service, ta::api_version::language_2023_04_01);
    const std::vector<ta::document> documents = {
        {"1", "Good.", ""}, {"2", "", ""}, {"3", std::string(5'121, 'x'), ""}, {"4", "Bad.", ""}};

    const auto results = c.client->analyze(documents);

    BOOST_TEST_REQUIRE(results.size() == 4u);
    BOOST_TEST((results[0].sentiment == ta::sentiment_label::positive));
    BOOST_TEST(!results[1].ok());
    BOOST_TEST(results[1].error.value_or(ta::document_error{}).code == "InvalidDocument");
    BOOST_TEST(!results[2].ok());
    BOOST_TEST(results[2].error.value_or(ta::document_error{}).code == "InvalidDocument");
    BOOST_TEST((results[3].sentiment == ta::sentiment_label::negative));
    const auto requests = service.requests();
    BOOST_TEST_REQUIRE(requests.size() == 1u);
    BOOST_TEST(sent_documents(requests[0]).size() == 2u);
}

BOOST_AUTO_TEST_CASE(exactly_5120_text_elements_are_sent_and_scored) {
    fake_service service;
    service_client c(service, ta::api_version::v3_1);
    // "e" + combining acute accent: two code points, one text element each time.
    std::string text;
    for (int i = 0; i < 5'120; ++i) {
        text += "e\xcc\x81";
    }

    const auto results = c.client->analyze({{"1", text, ""}});

    BOOST_TEST(results.at(0).ok(), (results[0].error ? results[0].error->message : ""));
    BOOST_TEST(service.requests().size() == 1u);
}

BOOST_AUTO_TEST_CASE(unsupported_language_is_a_per_document_error) {
    fake_service service;
    service_client c(service, ta::api_version::language_2023_04_01);

    const auto results =
        c.client->analyze({{"1", "I love it.", "en"}, {"2", "Ik hou ervan.", "xx"}});

    BOOST_TEST_REQUIRE(results.size() == 2u);
    BOOST_TEST(results[0].ok());
    BOOST_TEST(!results[1].ok());
    BOOST_TEST(results[1].error.value_or(ta::document_error{}).code == "UnsupportedLanguageCode");
    BOOST_TEST(results[1].id == "2");
}

BOOST_DATA_TEST_CASE(opinion_mining_targets_and_assessments_come_through,
                     data::make(std::vector<std::string>{"v3.1", "2023-04-01"}), name) {
    fake_service service;
    auto options = options_for(service, version_named(name));
    options.opinion_mining = true;
    service_client c(options);

    const auto results =
        c.client->analyze({{"1", "The food was great. The staff were awful.", ""}});

    BOOST_TEST_REQUIRE(results.size() == 1u);
    BOOST_TEST((results[0].sentiment == ta::sentiment_label::mixed));
    const auto& sentences = results[0].sentences;
    BOOST_TEST_REQUIRE(sentences.size() == 2u);
    BOOST_TEST_REQUIRE(sentences[0].targets.size() == 1u);
    BOOST_TEST_REQUIRE(sentences[0].assessments.size() == 1u);
    BOOST_TEST(sentences[0].targets[0].text == "food");
    BOOST_TEST(sentences[0].targets[0].offset == 4);
    BOOST_TEST((sentences[0].targets[0].sentiment == ta::sentiment_label::positive));
    BOOST_TEST_REQUIRE(sentences[0].targets[0].relations.size() == 1u);
    BOOST_TEST(sentences[0].targets[0].relations[0].relation_type == "assessment");
    BOOST_TEST(sentences[0].targets[0].relations[0].sentence == 0);
    BOOST_TEST(sentences[0].targets[0].relations[0].index == 0);
    BOOST_TEST(sentences[0].assessments[0].text == "great");
    BOOST_TEST_REQUIRE(sentences[1].targets.size() == 1u);
    BOOST_TEST(sentences[1].targets[0].text == "staff");
    BOOST_TEST((sentences[1].targets[0].sentiment == ta::sentiment_label::negative));
    BOOST_TEST(sentences[1].targets[0].relations.at(0).sentence == 1);
}

BOOST_DATA_TEST_CASE(utf16_offsets_are_asked_for_and_returned,
                     data::make(std::vector<std::string>{"v3.1", "2023-04-01"}), name) {
    fake_service service;
    auto options = options_for(service, version_named(name));
    options.string_index = ta::string_index_type::utf16_code_unit;
    service_client c(options);

    // The emoji is one text element but two UTF-16 code units.
    const auto results = c.client->analyze({{"1", "\xf0\x9f\x98\x80 I love it. I hate it.", ""}});

    BOOST_TEST(results.at(0).ok(), (results[0].error ? results[0].error->message : ""));
    BOOST_TEST_REQUIRE(results[0].sentences.size() == 2u);
    BOOST_TEST(results[0].sentences[1].offset == 14);
    BOOST_TEST(results[0].sentences[0].length == 13);
}

BOOST_AUTO_TEST_CASE(offsets_default_to_text_elements) {
    fake_service service;
    service_client c(service, ta::api_version::v3_1);

    const auto results = c.client->analyze({{"1", "\xf0\x9f\x98\x80 I love it. I hate it.", ""}});

    BOOST_TEST_REQUIRE(results.at(0).sentences.size() == 2u);
    BOOST_TEST(results[0].sentences[1].offset == 13);
}

BOOST_AUTO_TEST_CASE(statistics_come_through_when_asked) {
    fake_service service;
    auto options = options_for(service, ta::api_version::language_2023_04_01);
    options.show_stats = true;
    service_client c(options);

    const auto results = c.client->analyze({{"1", "I love it.", ""}});

    BOOST_TEST(service.requests().at(0).query == "api-version=2023-04-01&showStats=true");
    BOOST_TEST_REQUIRE(results.at(0).statistics.has_value());
    BOOST_TEST(results[0].statistics->characters_count == 10);
    BOOST_TEST(results[0].statistics->transactions_count == 1);
}

BOOST_AUTO_TEST_CASE(malformed_success_answer_is_bad_response_error) {
    fake_service service;
    service.script(scripted(200, R"({"documents": 42})", {{"apim-request-id", "req-malformed"}}));
    service_client c(service, ta::api_version::v3_1);

    BOOST_CHECK_EXCEPTION(c.client->analyze(three_documents()), ta::bad_response_error,
                          [](const ta::bad_response_error& e) {
                              return e.status() == 200 && e.request_id() == "req-malformed";
                          });
}

BOOST_AUTO_TEST_CASE(service_unavailable_then_success_is_scored) {
    fake_service service;
    service.script(scripted(503, R"({"error":{"code":"ServiceUnavailable","message":"busy"}})"));
    service_client c(service, ta::api_version::v3_1);

    const auto results = c.client->analyze(three_documents());

    BOOST_TEST(results.at(0).ok());
    BOOST_TEST((results[0].sentiment == ta::sentiment_label::positive));
    BOOST_TEST(service.requests().size() == 2u);
    BOOST_TEST(c.waits.size() == 1u);
}

BOOST_AUTO_TEST_CASE(too_many_requests_waits_as_long_as_retry_after_says) {
    fake_service service;
    service.script(scripted(429, R"({"error":{"code":"429","message":"Rate limit."}})",
                            {{"Retry-After", "7"}}));
    service_client c(service, ta::api_version::v3_1);

    const auto results = c.client->analyze(three_documents());

    BOOST_TEST(results.at(0).ok());
    BOOST_TEST_REQUIRE(c.waits.size() == 1u);
    BOOST_TEST(c.waits[0].count() == 7'000);
}

BOOST_AUTO_TEST_CASE(persistent_503_exhausts_retries_as_http_error) {
    fake_service service;
    for (int i = 0; i < 4; ++i) {
        service.script(
            scripted(503, R"({"error":{"code":"ServiceUnavailable","message":"busy"}})"));
    }
    auto options = options_for(service, ta::api_version::v3_1);
    options.retries = 3;
    service_client c(options);

    BOOST_CHECK_EXCEPTION(c.client->analyze(three_documents()), ta::http_error,
                          [](const ta::http_error& e) { return e.status() == 503; });
    BOOST_TEST(service.requests().size() == 4u);
    BOOST_TEST(c.waits.size() == 3u);
}

BOOST_AUTO_TEST_CASE(trailing_slash_endpoint_works) {
    fake_service service;
    service_client c(service, ta::api_version::v3_1, "", "/");

    const auto results = c.client->analyze(three_documents());

    BOOST_TEST(results.at(0).ok());
    BOOST_TEST(service.requests().at(0).path == "/text/analytics/v3.1/sentiment");
}

BOOST_AUTO_TEST_CASE(redirect_is_an_error_not_followed) {
    fake_service service;
    service.script(scripted(301, "", {{"Location", "http://127.0.0.1:1/elsewhere"}}));
    service_client c(service, ta::api_version::v3_1, "secret");

    BOOST_CHECK_EXCEPTION(c.client->analyze(three_documents()), ta::http_error,
                          [](const ta::http_error& e) { return e.status() == 301; });
    BOOST_TEST(service.requests().size() == 1u);
}

BOOST_AUTO_TEST_CASE(unreachable_service_is_a_transport_error_after_retries) {
    int port = 0;
    {
        const fake_service gone;
        port = gone.port();
    }
    ta::client_options options;
    options.endpoint = "http://127.0.0.1:" + std::to_string(port);
    options.api = ta::api_version::v3_1;
    options.retries = 2;
    service_client c(options);

    BOOST_CHECK_THROW(c.client->analyze(three_documents()), ta::transport_error);
    BOOST_TEST(c.waits.size() == 2u);
}

BOOST_AUTO_TEST_CASE(document_over_a_megabyte_within_5120_text_elements_fails_without_being_sent) {
    fake_service service;
    service_client c(service, ta::api_version::v3_1);
    // 2,000 text elements, each "a" and 300 combining acute accents: 1,202,000 bytes.
    std::string heavy;
    for (int i = 0; i < 2'000; ++i) {
        heavy += 'a';
        for (int j = 0; j < 300; ++j) {
            heavy += "\xcc\x81";
        }
    }
    BOOST_TEST_REQUIRE(heavy.size() > 1'048'576u);
    const std::vector<ta::document> documents = {{"heavy", heavy, ""}, {"light", "I love it.", ""}};

    const auto results = c.client->analyze(documents);

    check_one_result_each_in_order(results, documents);
    BOOST_TEST(results[0].error.value_or(ta::document_error{}).code == "InvalidDocument");
    BOOST_TEST((results[1].sentiment == ta::sentiment_label::positive));
    const auto requests = service.requests();
    BOOST_TEST_REQUIRE(requests.size() == 1u);
    BOOST_TEST(sent_documents(requests[0]).size() == 1u);
    BOOST_TEST(requests[0].body.size() < 1'000u);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_document_fails_without_being_sent) {
    fake_service service;
    service_client c(service, ta::api_version::v3_1);
    const std::vector<ta::document> documents = {{"bad", "caf\xe9 au lait", ""},
                                                 {"good", "I love it.", ""}};

    const auto results = c.client->analyze(documents);

    check_one_result_each_in_order(results, documents);
    BOOST_TEST(results[0].error.value_or(ta::document_error{}).code == "InvalidDocument");
    BOOST_TEST((results[1].sentiment == ta::sentiment_label::positive));
    const auto requests = service.requests();
    BOOST_TEST_REQUIRE(requests.size() == 1u);
    BOOST_TEST(sent_documents(requests[0]).size() == 1u);
    BOOST_TEST(!contains(requests[0].body, "\xef\xbf\xbd"), "a U+FFFD stand-in was sent");
}

BOOST_DATA_TEST_CASE(endpoint_with_a_base_path_and_a_trailing_slash_keeps_the_base,
                     data::make(std::vector<std::string>{"v3.1", "2023-04-01"}), name) {
    fake_service service; // serves no base path: the answer is scripted, the path recorded
    const auto version = version_named(name);
    const bool language = ta::generation_of(version) == ta::api_generation::language;
    service.script(
        scripted(200, v3_answer({v3_document("1", "positive"), v3_document("2", "negative"),
                                 v3_document("3", "neutral")},
                                json::array(), language)));
    service_client c(service, version, "", "/base/");

    const auto results = c.client->analyze(three_documents());

    check_one_result_each_in_order(results, three_documents());
    BOOST_TEST((results[0].sentiment == ta::sentiment_label::positive));
    BOOST_TEST((results[1].sentiment == ta::sentiment_label::negative));
    BOOST_TEST((results[2].sentiment == ta::sentiment_label::neutral));
    const auto requests = service.requests();
    BOOST_TEST_REQUIRE(requests.size() == 1u);
    if (language) {
        BOOST_TEST(requests[0].path == "/base/language/:analyze-text");
        BOOST_TEST(requests[0].query == "api-version=2023-04-01");
    } else {
        BOOST_TEST(requests[0].path == "/base/text/analytics/v3.1/sentiment");
    }
}

BOOST_AUTO_TEST_CASE(verbose_log_shows_the_exchange_but_never_the_key) {
    const std::string key = "k3y-that-must-not-leak-0123456789";
    ta::test::fake_service_options service_options;
    service_options.key = key;
    fake_service service(service_options);
    auto options = options_for(service, ta::api_version::v3_1);
    options.key = key;
    std::string log;
    options.log = [&log](std::string_view text) {
        log += text;
        log += '\n';
    };
    service_client c(options);

    const auto results = c.client->analyze(three_documents());

    BOOST_TEST(results.at(0).ok());
    BOOST_TEST(contains(log, "POST " + service.url() + "/text/analytics/v3.1/sentiment"), log);
    BOOST_TEST(contains(log, "Ocp-Apim-Subscription-Key: [redacted]"), log);
    BOOST_TEST(contains(log, "HTTP 200"), log);
    BOOST_TEST(contains(log, "I love it."), log);
    BOOST_TEST(!contains(log, key), log);
    BOOST_TEST(service.requests().at(0).header("Ocp-Apim-Subscription-Key") == key);
}

BOOST_AUTO_TEST_CASE(duplicate_id_in_the_answer_gives_each_document_one_result) {
    fake_service service;
    service.script(
        scripted(200, v3_answer({v3_document("1", "positive"), v3_document("2", "negative"),
                                 v3_document("2", "positive"), v3_document("3", "neutral")})));
    service_client c(service, ta::api_version::v3_1);
    const auto documents = three_documents();

    const auto results = c.client->analyze(documents);

    check_one_result_each_in_order(results, documents);
    BOOST_TEST((results[0].sentiment == ta::sentiment_label::positive));
    BOOST_TEST((results[1].sentiment == ta::sentiment_label::negative), "the first answer wins");
    BOOST_TEST((results[2].sentiment == ta::sentiment_label::neutral));
}

BOOST_AUTO_TEST_CASE(ids_not_in_the_batch_are_ignored) {
    fake_service service;
    // Wire ids are "1", "2", "3": the others name no document of this call, whatever they parse
    // to as numbers.
    service.script(
        scripted(200, v3_answer({v3_document("4", "negative"), v3_document("0", "negative"),
                                 v3_document("a", "negative"), v3_document("", "negative"),
                                 v3_document("99999999999999999999", "negative"),
                                 v3_document("2", "negative"), v3_document("3", "neutral")},
                                json::array({v3_error("7")}))));
    service_client c(service, ta::api_version::v3_1);
    const auto documents = three_documents();

    const auto results = c.client->analyze(documents);

    check_one_result_each_in_order(results, documents);
    BOOST_TEST(results[0].error.value_or(ta::document_error{}).code == "MissingResult");
    BOOST_TEST((results[1].sentiment == ta::sentiment_label::negative));
    BOOST_TEST((results[2].sentiment == ta::sentiment_label::neutral));
}

BOOST_AUTO_TEST_CASE(id_spelled_differently_from_the_wire_id_is_not_taken_for_it) {
    fake_service service;
    // "01" and "+1" are not the "1" that was sent.
    service.script(
        scripted(200, v3_answer({v3_document("01", "negative"), v3_document("+1", "negative"),
                                 v3_document("2", "negative"), v3_document("3", "neutral")})));
    service_client c(service, ta::api_version::v3_1);
    const auto documents = three_documents();

    const auto results = c.client->analyze(documents);

    check_one_result_each_in_order(results, documents);
    BOOST_TEST(results[0].error.value_or(ta::document_error{}).code == "MissingResult");
    BOOST_TEST((results[1].sentiment == ta::sentiment_label::negative));
}

BOOST_AUTO_TEST_CASE(id_in_both_documents_and_errors_gives_one_result) {
    fake_service service;
    service.script(
        scripted(200, v3_answer({v3_document("1", "positive"), v3_document("2", "negative"),
                                 v3_document("3", "neutral")},
                                json::array({v3_error("2")}))));
    service_client c(service, ta::api_version::v3_1);
    const auto documents = three_documents();

    const auto results = c.client->analyze(documents);

    check_one_result_each_in_order(results, documents);
    BOOST_TEST(results[0].ok());
    BOOST_TEST(results[1].ok(), "the document's result comes first in the answer and wins");
    BOOST_TEST((results[1].sentiment == ta::sentiment_label::negative));
    BOOST_TEST(results[2].ok());
}

BOOST_AUTO_TEST_CASE(concurrent_requests_reuse_a_connection_each) {
    const fake_service service;
    auto options = options_for(service, ta::api_version::v3_1);
    options.concurrency = 4;
    service_client c(options);
    std::vector<ta::document> documents;
    for (int i = 0; i < 400; ++i) {
        documents.push_back({std::to_string(i + 1), i % 2 == 0 ? "I love it." : "It is bad.", ""});
    }
    const auto results = c.client->analyze(documents);
    BOOST_TEST_REQUIRE(results.size() == 400U);
    for (std::size_t i = 0; i < results.size(); ++i) {
        BOOST_TEST(results[i].id == std::to_string(i + 1));
        BOOST_TEST(results[i].ok());
    }
    const auto requests = service.requests();
    BOOST_TEST(requests.size() == 40U);
    // 40 requests over at most 4 connections (one per worker), each kept open.
    std::set<int> ports;
    for (const auto& request : requests) {
        ports.insert(request.remote_port);
    }
    BOOST_TEST(ports.size() >= 1U);
    BOOST_TEST(ports.size() <= 4U);
}

BOOST_AUTO_TEST_CASE(on_the_real_clock_a_retry_waits_its_time_while_the_other_requests_go_on) {
    // The client's own libcurl and the steady clock: the event loop keeps the retry on a timer
    // and the other batches moving meanwhile; a second call on the client reuses its
    // connections.
    fake_service service;
    service.script(scripted(503, R"({"error":{"code":"ServiceUnavailable","message":"Busy."}})",
                            {{"retry-after-ms", "300"}}));
    auto options = options_for(service, ta::api_version::v3_1);
    options.concurrency = 4;
    ta::client client(options);
    std::vector<ta::document> documents;
    for (int i = 0; i < 200; ++i) {
        documents.push_back({std::to_string(i + 1), i % 2 == 0 ? "I love it." : "It is bad.", ""});
    }
    const auto started = std::chrono::steady_clock::now();
    auto results = client.analyze(documents);
    const auto took = std::chrono::steady_clock::now() - started;
    BOOST_TEST_REQUIRE(results.size() == 200U);
    for (std::size_t i = 0; i < results.size(); ++i) {
        BOOST_TEST(results[i].id == std::to_string(i + 1));
        BOOST_TEST(results[i].ok(), (results[i].error ? results[i].error->message : ""));
    }
    BOOST_TEST(took >= std::chrono::milliseconds(300)); // the wait asked for
    const auto first = service.requests();
    BOOST_TEST(first.size() == 21U); // 20 batches, one of them twice
    // The refused batch's retry is the last request: the 19 others went out while it waited.
    BOOST_TEST(first.back().body == first.front().body);

    results = client.analyze(documents);
    BOOST_TEST(results.back().ok());
    const auto all = service.requests();
    BOOST_TEST(all.size() == 41U);
    std::set<int> ports;
    for (const auto& request : all) {
        ports.insert(request.remote_port);
    }
    BOOST_TEST(ports.size() <= 4U); // the second call on the first call's connections
}

BOOST_AUTO_TEST_SUITE_END()
