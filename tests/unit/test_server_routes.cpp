// What ta-server answers, request in, answer out: the key, /status and /ready, the gateway's
// 404, the limits the server enforces itself, and each generation's answer from the engine's
// results (a scripted analyzer here; the real engine in the integration tests).
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "service_routes.hpp"

namespace data = boost::unit_test::data;
using nlohmann::json;

namespace {

/// What the routes asked the engine for.
struct engine_calls {
    std::mutex mutex;
    std::vector<ta::builtin_options> options;
    std::vector<std::vector<ta::document>> documents;
};

/// "love" positive, "hate" negative, else neutral; "boom" throws; empty text is the service's
/// per-document error.
class scripted_analyzer final : public ta::analyzer {
  public:
    explicit scripted_analyzer(std::shared_ptr<engine_calls> calls) : calls_(std::move(calls)) {}

    std::vector<ta::result> analyze(const std::vector<ta::document>& documents) override {
        {
            const std::lock_guard lock(calls_->mutex);
            calls_->documents.push_back(documents);
        }
        std::vector<ta::result> results;
        for (const auto& d : documents) {
            if (d.text.find("boom") != std::string::npos) {
                throw std::runtime_error("engine failure with the text in it");
            }
            ta::result r;
            r.id = d.id;
            if (d.text.empty()) {
                r.error = ta::document_error{"InvalidDocument", "Document text is empty."};
                results.push_back(r);
                continue;
            }
            if (d.language == "fr") {
                r.error = ta::document_error{"UnsupportedLanguageCode", "English only."};
                results.push_back(r);
                continue;
            }
            const bool love = d.text.find("love") != std::string::npos;
            const bool hate = d.text.find("hate") != std::string::npos;
            r.sentiment = love   ? ta::sentiment_label::positive
                          : hate ? ta::sentiment_label::negative
                                 : ta::sentiment_label::neutral;
            r.confidence = love   ? ta::confidence_scores{0.75, 0.25, 0}
                           : hate ? ta::confidence_scores{0, 0.25, 0.75}
                                  : ta::confidence_scores{0, 1, 0};
            r.vader = ta::vader_scores{love ? 0.5 : hate ? -0.5 : 0, 0, 1, 0};
            r.sentences.push_back({d.text,
                                   *r.sentiment,
                                   *r.confidence,
                                   0,
                                   static_cast<std::int64_t>(d.text.size()),
                                   {},
                                   {}});
            r.statistics = ta::document_statistics{static_cast<std::int64_t>(d.text.size()), 1};
            results.push_back(r);
        }
        return results;
    }
    std::string description() const override { return "scripted"; }

  private:
    std::shared_ptr<engine_calls> calls_;
};

struct fixture {
    std::shared_ptr<engine_calls> calls = std::make_shared<engine_calls>();
    /// Each wait the routes asked for, instead of sleeping it.
    std::shared_ptr<std::vector<std::chrono::milliseconds>> waits =
        std::make_shared<std::vector<std::chrono::milliseconds>>();

    ta::server::service_routes routes(std::string key = {},
                                      std::chrono::milliseconds latency = {}) const {
        ta::server::routes_options options;
        options.key = std::move(key);
        options.latency = latency;
        options.wait = [waits = waits](std::chrono::milliseconds delay) {
            waits->push_back(delay);
        };
        options.engine = [calls = calls](const ta::builtin_options& o) {
            {
                const std::lock_guard lock(calls->mutex);
                calls->options.push_back(o);
            }
            return std::make_unique<scripted_analyzer>(calls);
        };
        return ta::server::service_routes(options);
    }
};

ta::server::query_lookup query(std::vector<std::pair<std::string, std::string>> parameters) {
    return [parameters = std::move(parameters)](std::string_view name) {
        for (const auto& [key, value] : parameters) {
            if (key == name) {
                return std::optional<std::string>(value);
            }
        }
        return std::optional<std::string>();
    };
}

ta::server::incoming_request
post(std::string path, std::string_view body,
     std::vector<std::pair<std::string, std::string>> parameters = {}) {
    ta::server::incoming_request r;
    r.method = "POST";
    r.path = std::move(path);
    r.query = query(std::move(parameters));
    r.body = body;
    return r;
}

ta::server::incoming_request get(std::string path) {
    ta::server::incoming_request r;
    r.method = "GET";
    r.path = std::move(path);
    r.query = query({});
    return r;
}

ta::server::incoming_request language(std::string_view body, std::string version = "2023-04-01") {
    return post("/language/:analyze-text", body, {{"api-version", std::move(version)}});
}

const std::string two_documents =
    R"({"documents":[{"id":"1","text":"I love it"},{"id":"2","text":"I hate it"}]})";

const std::string unauthorized_body =
    R"({"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong )"
    R"(API endpoint. Make sure to provide a valid key for an active subscription and use a )"
    R"(correct regional API endpoint for your resource."}})";

} // namespace

BOOST_FIXTURE_TEST_SUITE(server_routes, fixture)

BOOST_AUTO_TEST_CASE(v3_1_answers_the_full_document_shape) {
    const auto a = routes().handle(post("/text/analytics/v3.1/sentiment", two_documents));
    BOOST_TEST(a.status == 200);
    BOOST_TEST(a.documents == 2U);
    const auto body = json::parse(a.body);
    BOOST_TEST(body["modelVersion"] == ta::builtin_model_version);
    BOOST_REQUIRE(body["documents"].size() == 2U);
    BOOST_TEST(body["documents"][0]["id"] == "1");
    BOOST_TEST(body["documents"][0]["sentiment"] == "positive");
    BOOST_TEST(body["documents"][0]["confidenceScores"]["positive"] == 0.75);
    BOOST_TEST(body["documents"][0]["sentences"][0]["text"] == "I love it");
    BOOST_TEST(body["documents"][0]["warnings"] == json::array());
    BOOST_TEST(body["documents"][1]["sentiment"] == "negative");
    BOOST_TEST(body["errors"] == json::array());
}

BOOST_AUTO_TEST_CASE(the_service_shape_has_no_vader_scores) {
    const auto a = routes().handle(post("/text/analytics/v3.1/sentiment", two_documents));
    BOOST_TEST(!json::parse(a.body)["documents"][0].contains("vader"));
}

BOOST_AUTO_TEST_CASE(language_api_wraps_the_results) {
    const auto a = routes().handle(language(
        R"({"kind":"SentimentAnalysis","analysisInput":{"documents":[{"id":"7","text":"I love it"}]}})"));
    BOOST_TEST(a.status == 200);
    const auto body = json::parse(a.body);
    BOOST_TEST(body["kind"] == "SentimentAnalysisResults");
    BOOST_TEST(body["results"]["documents"][0]["id"] == "7");
    BOOST_TEST(body["results"]["documents"][0]["sentiment"] == "positive");
    BOOST_TEST(body["results"]["modelVersion"] == ta::builtin_model_version);
}

BOOST_DATA_TEST_CASE(v2_answers_a_score_and_nothing_else, data::make({"v2.0", "v2.1"}), version) {
    const auto a = routes().handle(
        post("/text/analytics/" + std::string(version) + "/sentiment", two_documents));
    BOOST_TEST(a.status == 200);
    const auto body = json::parse(a.body);
    BOOST_TEST(body["documents"][0] == json::parse(R"({"id":"1","score":0.75})"));
    BOOST_TEST(body["documents"][1] == json::parse(R"({"id":"2","score":0.25})"));
    BOOST_TEST(!body.contains("modelVersion"));
}

BOOST_AUTO_TEST_CASE(v2_per_document_errors_have_only_a_message) {
    const auto a = routes().handle(
        post("/text/analytics/v2.1/sentiment", R"({"documents":[{"id":"1","text":""}]})"));
    BOOST_TEST(json::parse(a.body)["errors"][0] ==
               json::parse(R"({"id":"1","message":"Document text is empty."})"));
}

BOOST_AUTO_TEST_CASE(an_engine_error_is_a_per_document_error_in_a_200) {
    const auto a =
        routes().handle(post("/text/analytics/v3.1/sentiment",
                             R"({"documents":[{"id":"1","text":""},{"id":"2","text":"ok"}]})"));
    BOOST_TEST(a.status == 200);
    const auto body = json::parse(a.body);
    BOOST_TEST(body["errors"][0] == json::parse(R"({"id":"1","error":{"code":"InvalidArgument",
        "message":"Invalid document in request.","innererror":{"code":"InvalidDocument",
        "message":"Document text is empty."}}})"));
    BOOST_TEST(body["documents"].size() == 1U);
    BOOST_TEST(body["documents"][0]["id"] == "2");
}

BOOST_AUTO_TEST_CASE(an_unsupported_language_is_an_invalid_language_code_error) {
    const auto a =
        routes().handle(post("/text/analytics/v3.1/sentiment",
                             R"({"documents":[{"id":"1","text":"a","language":"fr"}]})"));
    BOOST_TEST(json::parse(a.body)["errors"][0] == json::parse(R"({"id":"1","error":{
        "code":"InvalidArgument","message":"Invalid Language Code.","innererror":{
        "code":"UnsupportedLanguageCode","message":"English only."}}})"));
}

BOOST_AUTO_TEST_CASE(a_document_language_reaches_the_engine) {
    routes().handle(post("/text/analytics/v3.1/sentiment",
                         R"({"documents":[{"id":"1","text":"a","language":"en-GB"}]})"));
    BOOST_REQUIRE(calls->documents.size() == 1U);
    BOOST_TEST(calls->documents[0][0].language == "en-GB");
}

BOOST_AUTO_TEST_CASE(a_document_over_5120_text_elements_is_refused_and_not_scored) {
    const std::string long_text(5'121, 'a');
    const std::string body =
        json{{"documents",
              {{{"id", "1"}, {"text", long_text}}, {{"id", "2"}, {"text", "I love it"}}}}}
            .dump();
    const auto a = routes().handle(post("/text/analytics/v3.0/sentiment", body));
    BOOST_TEST(a.status == 200);
    const auto answer = json::parse(a.body);
    BOOST_TEST(answer["errors"][0]["id"] == "1");
    BOOST_TEST(answer["errors"][0]["error"]["innererror"]["code"] == "InvalidDocument");
    BOOST_TEST(answer["errors"][0]["error"]["innererror"]["message"].get<std::string>().find(
                   "Limit document size to: 5120 text elements") != std::string::npos);
    BOOST_TEST(answer["documents"][0]["id"] == "2");
    BOOST_REQUIRE(calls->documents.size() == 1U);
    BOOST_TEST(calls->documents[0].size() == 1U);
}

BOOST_AUTO_TEST_CASE(exactly_5120_text_elements_are_scored) {
    const std::string body =
        json{{"documents", {{{"id", "1"}, {"text", std::string(5'120, 'a')}}}}}.dump();
    const auto a = routes().handle(post("/text/analytics/v3.1/sentiment", body));
    BOOST_TEST(json::parse(a.body)["documents"].size() == 1U);
}

BOOST_AUTO_TEST_CASE(the_limit_counts_text_elements_not_bytes) {
    // "e" and a combining acute accent: one text element, three bytes.
    std::string text;
    for (int i = 0; i < 5'120; ++i) {
        text += "e\xcc\x81";
    }
    const std::string body = json{{"documents", {{{"id", "1"}, {"text", text}}}}}.dump();
    const auto a = routes().handle(post("/text/analytics/v3.1/sentiment", body));
    BOOST_TEST(json::parse(a.body)["documents"].size() == 1U);
}

BOOST_AUTO_TEST_CASE(the_request_options_reach_the_engine) {
    routes().handle(post("/text/analytics/v3.1/sentiment", two_documents,
                         {{"opinionMining", "true"},
                          {"showStats", "true"},
                          {"stringIndexType", "UnicodeCodePoint"}}));
    BOOST_REQUIRE(calls->options.size() == 1U);
    BOOST_TEST(calls->options[0].opinion_mining);
    BOOST_TEST(calls->options[0].show_stats);
    BOOST_TEST((calls->options[0].string_index == ta::string_index_type::unicode_code_point));
    BOOST_TEST(calls->options[0].default_language == "en");
}

BOOST_AUTO_TEST_CASE(opinion_mining_gives_every_sentence_targets_and_assessments) {
    const auto a = routes().handle(
        post("/text/analytics/v3.1/sentiment", two_documents, {{"opinionMining", "true"}}));
    const auto sentence = json::parse(a.body)["documents"][0]["sentences"][0];
    BOOST_TEST(sentence["targets"] == json::array());
    BOOST_TEST(sentence["assessments"] == json::array());
}

BOOST_AUTO_TEST_CASE(without_opinion_mining_sentences_have_no_targets) {
    const auto a = routes().handle(post("/text/analytics/v3.1/sentiment", two_documents));
    BOOST_TEST(!json::parse(a.body)["documents"][0]["sentences"][0].contains("targets"));
}

BOOST_AUTO_TEST_CASE(show_stats_adds_document_and_request_statistics) {
    const auto a = routes().handle(
        post("/text/analytics/v3.1/sentiment",
             R"({"documents":[{"id":"1","text":"I love it"},{"id":"2","text":""}]})",
             {{"showStats", "true"}}));
    const auto body = json::parse(a.body);
    BOOST_TEST(body["documents"][0]["statistics"] ==
               json::parse(R"({"charactersCount":9,"transactionsCount":1})"));
    BOOST_TEST(body["statistics"] == json::parse(R"({"documentsCount":2,"validDocumentsCount":1,
        "erroneousDocumentsCount":1,"transactionsCount":1})"));
}

BOOST_AUTO_TEST_CASE(without_show_stats_there_are_no_statistics) {
    const auto a = routes().handle(post("/text/analytics/v3.1/sentiment", two_documents));
    const auto body = json::parse(a.body);
    BOOST_TEST(!body.contains("statistics"));
    BOOST_TEST(!body["documents"][0].contains("statistics"));
}

BOOST_DATA_TEST_CASE(the_engine_model_version_and_latest_are_accepted,
                     data::make({"latest", ta::builtin_model_version}), version) {
    const auto a = routes().handle(
        post("/text/analytics/v3.0/sentiment", two_documents, {{"model-version", version}}));
    BOOST_TEST(a.status == 200);
}

BOOST_AUTO_TEST_CASE(another_model_version_is_model_version_incorrect) {
    const auto a = routes().handle(
        post("/text/analytics/v3.1/sentiment", two_documents, {{"model-version", "2020-04-01"}}));
    BOOST_TEST(a.status == 400);
    BOOST_TEST(json::parse(a.body)["error"]["innererror"]["code"] == "ModelVersionIncorrect");
}

BOOST_AUTO_TEST_CASE(language_api_model_version_is_checked_too) {
    const auto a = routes().handle(
        language(R"({"kind":"SentimentAnalysis","parameters":{"modelVersion":"2022-11-01"},)"
                 R"("analysisInput":{"documents":[{"id":"1","text":"a"}]}})"));
    BOOST_TEST(a.status == 400);
    BOOST_TEST(json::parse(a.body)["error"]["innererror"]["code"] == "ModelVersionIncorrect");
}

BOOST_DATA_TEST_CASE(unknown_paths_and_versions_are_the_gateway_404,
                     data::make({"/", "/text/analytics/v3.2/sentiment", "/language/:analyze-text",
                                 "/text/analytics/v3.1/keyPhrases"}),
                     path) {
    const auto a = routes().handle(post(path, two_documents, {{"api-version", "2021-01-01"}}));
    BOOST_TEST(a.status == 404);
    BOOST_TEST(a.body == R"({"error":{"code":"404","message":"Resource not found"}})");
}

BOOST_AUTO_TEST_CASE(a_get_of_a_sentiment_path_is_404) {
    BOOST_TEST(routes().handle(get("/text/analytics/v3.1/sentiment")).status == 404);
}

BOOST_AUTO_TEST_CASE(a_body_too_large_is_413_on_a_sentiment_path) {
    auto request = post("/text/analytics/v3.1/sentiment", "");
    request.body_too_large = true;
    const auto a = routes().handle(request);
    BOOST_TEST(a.status == 413);
    BOOST_TEST(json::parse(a.body)["error"]["innererror"]["code"] == "InvalidDocumentBatch");
}

BOOST_AUTO_TEST_CASE(an_engine_exception_is_a_500_without_its_message) {
    const auto a = routes().handle(
        post("/text/analytics/v3.1/sentiment", R"({"documents":[{"id":"1","text":"boom"}]})"));
    BOOST_TEST(a.status == 500);
    BOOST_TEST(a.body ==
               R"({"error":{"code":"InternalServerError","message":"Internal Server Error"}})");
}

BOOST_AUTO_TEST_CASE(ready_answers_without_a_key) {
    const auto a = routes("secret").handle(get("/ready"));
    BOOST_TEST(a.status == 200);
    BOOST_TEST(json::parse(a.body).is_object());
}

BOOST_AUTO_TEST_CASE(status_says_the_api_is_valid) {
    const auto a = routes().handle(get("/status"));
    BOOST_TEST(a.status == 200);
    BOOST_TEST(json::parse(a.body)["apiStatus"] == "Valid");
}

BOOST_AUTO_TEST_CASE(without_the_key_every_path_is_401) {
    const auto r = routes("secret");
    for (const auto& request :
         {post("/text/analytics/v3.1/sentiment", two_documents), get("/status"), get("/nope")}) {
        const auto a = r.handle(request);
        BOOST_TEST(a.status == 401);
        BOOST_TEST(a.body == unauthorized_body);
    }
    BOOST_TEST(calls->options.empty());
}

BOOST_DATA_TEST_CASE(a_wrong_key_is_401, data::make({"", "secreT", "secret ", "secre", "secretx"}),
                     key) {
    auto request = post("/text/analytics/v3.1/sentiment", two_documents);
    request.key = key;
    BOOST_TEST(routes("secret").handle(request).status == 401);
}

BOOST_AUTO_TEST_CASE(the_right_key_is_let_through) {
    auto request = post("/text/analytics/v3.1/sentiment", two_documents);
    request.key = "secret";
    BOOST_TEST(routes("secret").handle(request).status == 200);
}

BOOST_AUTO_TEST_CASE(without_a_configured_key_none_is_needed) {
    BOOST_TEST(routes().handle(post("/text/analytics/v3.1/sentiment", two_documents)).status ==
               200);
}

BOOST_AUTO_TEST_CASE(the_latency_is_waited_once_per_sentiment_request) {
    using std::chrono::milliseconds;
    const auto r = routes({}, milliseconds(50));
    BOOST_TEST(r.handle(post("/text/analytics/v3.1/sentiment", two_documents)).status == 200);
    BOOST_TEST(r.handle(language(R"({"kind":"SentimentAnalysis","analysisInput":)"
                                 R"({"documents":[{"id":"1","text":"I love it"}]}})"))
                   .status == 200);
    // A distant service takes as long to refuse a request as to answer it.
    BOOST_TEST(r.handle(post("/text/analytics/v2.1/sentiment", "not json")).status == 400);
    BOOST_TEST(*waits == std::vector<milliseconds>(3, milliseconds(50)),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(probes_and_unknown_paths_do_not_wait) {
    const auto r = routes({}, std::chrono::milliseconds(50));
    BOOST_TEST(r.handle(get("/ready")).status == 200);
    BOOST_TEST(r.handle(get("/status")).status == 200);
    BOOST_TEST(r.handle(get("/nope")).status == 404);
    BOOST_TEST(waits->empty());
}

BOOST_AUTO_TEST_CASE(without_a_latency_nothing_waits) {
    BOOST_TEST(routes().handle(post("/text/analytics/v3.1/sentiment", two_documents)).status ==
               200);
    BOOST_TEST(waits->empty());
}

BOOST_AUTO_TEST_SUITE_END()
