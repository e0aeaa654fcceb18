#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include <ta/client.hpp>
#include <ta/error.hpp>

#include "fake_transport.hpp"
#include "manual_clock.hpp"

BOOST_AUTO_TEST_SUITE(client)

using json = nlohmann::json;
using namespace std::chrono_literals;
using ta::test::fake_transport;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

ta::http_response json_response(int status, const json& body) {
    ta::http_response response;
    response.status = status;
    response.headers = {{"Content-Type", "application/json"}, {"apim-request-id", "req-42"}};
    response.body = body.dump();
    return response;
}

const json not_found = {{"error", {{"code", "404"}, {"message", "Resource not found"}}}};

// A well-behaved service: "good" positive, else negative; answers in reverse order so that the
// client must match by id.
ta::http_response answer(const ta::http_request& request) {
    const json body = json::parse(request.body);
    const bool language_api = contains(request.url, "/language/:analyze-text");
    const bool v2 = contains(request.url, "/v2.");
    const json& documents = language_api ? body["analysisInput"]["documents"] : body["documents"];
    json out = json::array();
    for (auto it = documents.rbegin(); it != documents.rend(); ++it) {
        const bool good = contains((*it)["text"].get<std::string>(), "good");
        if (v2) {
            out.push_back({{"id", (*it)["id"]}, {"score", good ? 0.9 : 0.1}});
            continue;
        }
        const json scores = {
            {"positive", good ? 0.9 : 0.05}, {"neutral", 0.05}, {"negative", good ? 0.05 : 0.9}};
        out.push_back({{"id", (*it)["id"]},
                       {"sentiment", good ? "positive" : "negative"},
                       {"confidenceScores", scores},
                       {"sentences",
                        {{{"text", (*it)["text"]},
                          {"sentiment", good ? "positive" : "negative"},
                          {"confidenceScores", scores},
                          {"offset", 0},
                          {"length", 4}}}},
                       {"warnings", json::array()}});
    }
    json results = {{"documents", out}, {"errors", json::array()}};
    if (!v2) {
        results["modelVersion"] = "2022-11-01";
    }
    if (language_api) {
        return json_response(200, {{"kind", "SentimentAnalysisResults"}, {"results", results}});
    }
    return json_response(200, results);
}

ta::client_options options_for(ta::api_version api = ta::api_version::automatic) {
    ta::client_options options;
    options.endpoint = "http://localhost:5000/";
    options.api = api;
    options.concurrency = 1; // requests in a predictable order; concurrency has its own tests
    return options;
}

std::vector<ta::document> documents_of(std::vector<std::string> texts) {
    std::vector<ta::document> documents;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        documents.push_back({std::to_string(i + 1), std::move(texts[i]), ""});
    }
    return documents;
}

std::size_t documents_in(const ta::http_request& request) {
    const json body = json::parse(request.body);
    return body.contains("analysisInput") ? body["analysisInput"]["documents"].size()
                                          : body["documents"].size();
}

struct recorder {
    std::mutex mutex;
    std::vector<std::chrono::milliseconds> waits;
    ta::sleep_function function() {
        return [this](std::chrono::milliseconds ms) {
            const std::lock_guard lock(mutex);
            waits.push_back(ms);
        };
    }
};

} // namespace

BOOST_AUTO_TEST_CASE(results_come_back_in_input_order_with_the_callers_ids) {
    auto http = std::make_shared<fake_transport>(answer);
    ta::client client(options_for(), http);
    const std::vector<ta::document> documents{
        {"a", "good day", ""}, {"a", "bad day", ""}, {"zz", "good again", ""}};
    const auto results = client.analyze(documents);
    BOOST_REQUIRE_EQUAL(results.size(), 3u);
    BOOST_TEST(results[0].id == "a");
    BOOST_TEST((results[0].sentiment == ta::sentiment_label::positive));
    BOOST_TEST(results[1].id == "a");
    BOOST_TEST((results[1].sentiment == ta::sentiment_label::negative));
    BOOST_TEST(results[2].id == "zz");
    BOOST_TEST((results[2].sentiment == ta::sentiment_label::positive));
    BOOST_TEST(results[2].model_version == "2022-11-01");
}

BOOST_AUTO_TEST_CASE(the_language_api_gets_at_most_ten_documents_per_request) {
    auto http = std::make_shared<fake_transport>(answer);
    ta::client client(options_for(ta::api_version::language_2023_04_01), http);
    std::vector<std::string> texts(25, "good");
    texts[24] = "bad";
    const auto results = client.analyze(documents_of(texts));
    BOOST_REQUIRE_EQUAL(http->requests.size(), 3u);
    BOOST_TEST(documents_in(http->requests[0]) == 10u);
    BOOST_TEST(documents_in(http->requests[1]) == 10u);
    BOOST_TEST(documents_in(http->requests[2]) == 5u);
    BOOST_REQUIRE_EQUAL(results.size(), 25u);
    BOOST_TEST(results[23].id == "24");
    BOOST_TEST((results[23].sentiment == ta::sentiment_label::positive));
    BOOST_TEST((results[24].sentiment == ta::sentiment_label::negative));
}

BOOST_AUTO_TEST_CASE(v2_takes_a_thousand_documents_per_request) {
    auto http = std::make_shared<fake_transport>(answer);
    ta::client client(options_for(ta::api_version::v2_0), http);
    const auto results = client.analyze(documents_of(std::vector<std::string>(1500, "good")));
    BOOST_REQUIRE_EQUAL(http->requests.size(), 2u);
    BOOST_TEST(documents_in(http->requests[0]) == 1000u);
    BOOST_TEST(documents_in(http->requests[1]) == 500u);
    BOOST_TEST(results[1499].score.value() == 0.9);
    BOOST_TEST(!results[1499].sentiment.has_value());
}

BOOST_AUTO_TEST_CASE(v2_requests_stay_within_one_megabyte) {
    auto http = std::make_shared<fake_transport>(answer);
    ta::client client(options_for(ta::api_version::v2_1), http);
    // 300 documents of 5,000 characters: 1.5 MB in all.
    std::string text;
    for (int i = 0; i < 1000; ++i) {
        text += "good ";
    }
    const auto results = client.analyze(documents_of(std::vector<std::string>(300, text)));
    BOOST_REQUIRE_EQUAL(http->requests.size(), 2u);
    std::size_t sent = 0;
    for (const auto& request : http->requests) {
        BOOST_TEST(request.body.size() <= 1'048'576u);
        sent += documents_in(request);
    }
    BOOST_TEST(sent == 300u);
    for (const auto& r : results) {
        BOOST_TEST(r.ok());
    }
}

BOOST_AUTO_TEST_CASE(empty_overlong_and_invalid_documents_are_errors_and_never_sent) {
    auto http = std::make_shared<fake_transport>(answer);
    ta::client client(options_for(ta::api_version::v3_1), http);
    const auto results =
        client.analyze(documents_of({"good", "", "  \t", std::string(5121, 'x'),
                                     std::string(5120, 'x'), "bad \xFF bytes", "bad"}));
    BOOST_REQUIRE_EQUAL(http->requests.size(), 1u);
    BOOST_TEST(documents_in(http->requests[0]) == 3u);
    BOOST_REQUIRE_EQUAL(results.size(), 7u);
    BOOST_TEST(results[0].ok());
    BOOST_TEST(results[1].error->code == "InvalidDocument");
    BOOST_TEST(results[1].error->message == "Document text is empty.");
    BOOST_TEST(results[2].error->message == "Document text is empty.");
    BOOST_TEST(contains(results[3].error->message, "5120 text elements"));
    BOOST_TEST(results[4].ok());
    BOOST_TEST(contains(results[5].error->message, "UTF-8"));
    BOOST_TEST((results[6].sentiment == ta::sentiment_label::negative));
}

BOOST_AUTO_TEST_CASE(a_call_with_nothing_to_send_makes_no_request) {
    auto http = std::make_shared<fake_transport>(answer);
    ta::client client(options_for(), http);
    BOOST_TEST(client.analyze({}).empty());
    BOOST_TEST(client.analyze(documents_of({""})).size() == 1u);
    BOOST_TEST(http->requests.empty());
}

BOOST_AUTO_TEST_CASE(automatic_falls_back_on_404_and_remembers_the_version) {
    auto http = std::make_shared<fake_transport>([](const ta::http_request& request) {
        if (!contains(request.url, "/text/analytics/v3.0/")) {
            return json_response(404, not_found);
        }
        return answer(request);
    });
    ta::client client(options_for(), http);
    BOOST_TEST((client.resolved_api() == ta::api_version::automatic));
    const auto first = client.analyze(documents_of({"good"}));
    BOOST_TEST((first[0].sentiment == ta::sentiment_label::positive));
    BOOST_REQUIRE_EQUAL(http->requests.size(), 3u);
    BOOST_TEST(contains(http->requests[0].url, "/language/:analyze-text?api-version=2023-04-01"));
    BOOST_TEST(contains(http->requests[1].url, "/text/analytics/v3.1/sentiment"));
    BOOST_TEST(contains(http->requests[2].url, "/text/analytics/v3.0/sentiment"));
    BOOST_TEST((client.resolved_api() == ta::api_version::v3_0));
    client.analyze(documents_of({"bad"}));
    BOOST_TEST(http->requests.size() == 4u);
    BOOST_TEST(contains(client.description(), "v3.0"));
}

BOOST_AUTO_TEST_CASE(two_calls_at_once_find_the_version_with_one_probe) {
    // The first call's probe of the Language API is answered (404) only once the second call
    // waits for it, or has sent a probe of its own; a guard ends the wait if neither happens.
    std::mutex mutex;
    std::condition_variable changed;
    int probes = 0;
    bool other_waits = false;
    auto http = std::make_shared<fake_transport>([&](const ta::http_request& request) {
        if (contains(request.url, "/language/")) {
            std::unique_lock lock(mutex);
            ++probes;
            changed.notify_all();
            changed.wait_for(lock, 20s, [&] { return other_waits || probes >= 2; });
            return json_response(404, not_found);
        }
        return answer(request);
    });
    auto options = options_for();
    options.concurrency = 2; // room in the gate for a second probe, were there one
    options.log = [&](std::string_view line) {
        if (contains(std::string(line), "another call is finding the API version")) {
            const std::lock_guard lock(mutex);
            other_waits = true;
            changed.notify_all();
        }
    };
    ta::client client(options, http);
    std::vector<ta::result> first;
    std::vector<ta::result> second;
    {
        std::jthread one([&] { first = client.analyze(documents_of({"good", "bad"})); });
        {
            std::unique_lock lock(mutex);
            changed.wait_for(lock, 20s, [&] { return probes >= 1; });
        }
        std::jthread two([&] { second = client.analyze(documents_of({"good"})); });
    }
    BOOST_TEST(probes == 1);
    BOOST_TEST(other_waits);
    BOOST_TEST((client.resolved_api() == ta::api_version::v3_1));
    BOOST_REQUIRE_EQUAL(first.size(), 2u);
    BOOST_TEST((first[0].sentiment == ta::sentiment_label::positive));
    BOOST_TEST((first[1].sentiment == ta::sentiment_label::negative));
    BOOST_REQUIRE_EQUAL(second.size(), 1u);
    BOOST_TEST((second[0].sentiment == ta::sentiment_label::positive));
}

BOOST_AUTO_TEST_CASE(automatic_rebatches_when_it_falls_back_to_v2) {
    auto http = std::make_shared<fake_transport>([](const ta::http_request& request) {
        if (!contains(request.url, "/text/analytics/v2.0/")) {
            return json_response(404, not_found);
        }
        return answer(request);
    });
    ta::client client(options_for(), http);
    const auto results = client.analyze(documents_of(std::vector<std::string>(3000, "good")));
    // Batches of 10 (the Language API's limit) until v2 answers; then up to 1000 a request.
    std::size_t largest = 0;
    std::size_t sent_to_v2 = 0;
    for (const auto& request : http->requests) {
        if (contains(request.url, "/v2.0/")) {
            largest = std::max(largest, documents_in(request));
            sent_to_v2 += documents_in(request);
        }
    }
    BOOST_TEST(largest == 1000u);
    BOOST_TEST(sent_to_v2 == 3000u);
    BOOST_TEST(http->requests.size() < 30u);
    BOOST_REQUIRE_EQUAL(results.size(), 3000u);
    BOOST_TEST(results[2999].score.value() == 0.9);
}

BOOST_AUTO_TEST_CASE(automatic_skips_versions_that_lack_an_option_asked_for) {
    // Sending to v3.0 without opinion mining (or the logging opt-out) would quietly ignore what
    // the user asked for.
    auto http = std::make_shared<fake_transport>([](const ta::http_request& request) {
        if (!contains(request.url, "/text/analytics/v3.0/")) {
            return json_response(404, not_found);
        }
        return answer(request);
    });
    auto options = options_for();
    options.logging_opt_out = true;
    ta::client client(options, http);
    try {
        client.analyze(documents_of({"good"}));
        BOOST_FAIL("no exception");
    } catch (const ta::api_not_found_error& e) {
        BOOST_TEST(contains(e.service_message(), "the options asked for (2023-04-01, v3.1)"));
    }
    BOOST_REQUIRE_EQUAL(http->requests.size(), 2u);
    BOOST_TEST(contains(http->requests[1].url, "loggingOptOut=true"));
}

BOOST_AUTO_TEST_CASE(automatic_keeps_an_option_on_the_version_that_has_it) {
    auto http = std::make_shared<fake_transport>([](const ta::http_request& request) {
        if (!contains(request.url, "/text/analytics/v3.1/")) {
            return json_response(404, not_found);
        }
        return answer(request);
    });
    auto options = options_for();
    options.opinion_mining = true;
    ta::client client(options, http);
    BOOST_TEST(client.analyze(documents_of({"good"}))[0].ok());
    BOOST_TEST(contains(http->requests.back().url, "opinionMining=true"));
    BOOST_TEST((client.resolved_api() == ta::api_version::v3_1));
}

BOOST_AUTO_TEST_CASE(an_answer_that_cannot_be_read_does_not_settle_the_version) {
    int calls = 0;
    auto http = std::make_shared<fake_transport>([&](const ta::http_request& request) {
        if (++calls == 1) {
            ta::http_response response;
            response.status = 200;
            response.body = "<html>a login page</html>";
            return response;
        }
        return answer(request);
    });
    ta::client client(options_for(), http);
    BOOST_CHECK_THROW(client.analyze(documents_of({"good"})), ta::bad_response_error);
    BOOST_TEST((client.resolved_api() == ta::api_version::automatic));
}

BOOST_AUTO_TEST_CASE(a_404_after_the_version_is_settled_is_an_http_error) {
    int calls = 0;
    auto http = std::make_shared<fake_transport>([&](const ta::http_request& request) {
        return ++calls == 1 ? answer(request) : json_response(404, not_found);
    });
    ta::client client(options_for(), http);
    client.analyze(documents_of({"good"}));
    try {
        client.analyze(documents_of({"good"}));
        BOOST_FAIL("no exception");
    } catch (const ta::api_not_found_error&) {
        BOOST_FAIL("one version answered before: this is not a search");
    } catch (const ta::http_error& e) {
        BOOST_TEST(e.status() == 404);
    }
    BOOST_TEST(calls == 2);
}

BOOST_AUTO_TEST_CASE(an_explicit_version_without_the_option_is_a_usage_error) {
    auto options = options_for(ta::api_version::v3_0);
    options.opinion_mining = true;
    BOOST_CHECK_THROW(ta::client(options, std::make_shared<fake_transport>(answer)),
                      ta::usage_error);
}

BOOST_AUTO_TEST_CASE(no_api_at_the_endpoint_is_api_not_found) {
    auto http = std::make_shared<fake_transport>(
        [](const ta::http_request&) { return json_response(404, not_found); });
    ta::client client(options_for(), http);
    BOOST_CHECK_THROW(client.analyze(documents_of({"good"})), ta::api_not_found_error);
    BOOST_TEST(http->requests.size() == 5u);
}

BOOST_AUTO_TEST_CASE(a_404_on_an_explicit_version_is_an_http_error) {
    auto http = std::make_shared<fake_transport>(
        [](const ta::http_request&) { return json_response(404, not_found); });
    ta::client client(options_for(ta::api_version::v3_1), http);
    try {
        client.analyze(documents_of({"good"}));
        BOOST_FAIL("no exception");
    } catch (const ta::api_not_found_error&) {
        BOOST_FAIL("an explicit version is not a search");
    } catch (const ta::http_error& e) {
        BOOST_TEST(e.status() == 404);
        BOOST_TEST(e.service_message() == "Resource not found");
    }
    BOOST_TEST(http->requests.size() == 1u);
}

BOOST_AUTO_TEST_CASE(no_key_header_is_sent_without_a_key) {
    auto http = std::make_shared<fake_transport>(answer);
    ta::client(options_for(ta::api_version::v3_1), http).analyze(documents_of({"good"}));
    BOOST_REQUIRE_EQUAL(http->requests.size(), 1u);
    BOOST_TEST(http->requests[0].headers.size() == 2u); // Content-Type and Accept
    for (const auto& [name, value] : http->requests[0].headers) {
        BOOST_TEST(name != "Ocp-Apim-Subscription-Key");
    }
}

BOOST_AUTO_TEST_CASE(a_key_with_a_line_break_is_refused) {
    auto options = options_for();
    options.key = "abc\r\nX-Injected: 1";
    BOOST_CHECK_THROW(ta::client(options, std::make_shared<fake_transport>(answer)),
                      ta::usage_error);
}

BOOST_AUTO_TEST_CASE(documents_without_a_language_get_the_default) {
    auto http = std::make_shared<fake_transport>(answer);
    auto options = options_for(ta::api_version::v3_1);
    options.default_language = "fr";
    ta::client client(options, http);
    client.analyze({{"1", "good", ""}, {"2", "good", "es"}});
    const json body = json::parse(http->requests[0].body);
    BOOST_TEST(body["documents"][0]["language"] == "fr");
    BOOST_TEST(body["documents"][1]["language"] == "es");
}

BOOST_AUTO_TEST_CASE(transient_failures_are_retried_with_the_servers_delay) {
    int calls = 0;
    auto http = std::make_shared<fake_transport>([&](const ta::http_request& request) {
        ++calls;
        if (calls == 1) {
            auto response = json_response(
                429, {{"error", {{"code", "429"}, {"message", "Rate limit is exceeded."}}}});
            response.headers.emplace_back("Retry-After", "2");
            return response;
        }
        if (calls == 2) {
            return json_response(503, {{"error", {{"code", "ServiceUnavailable"}}}});
        }
        return answer(request);
    });
    recorder sleeps;
    ta::client client(options_for(ta::api_version::v3_1), http, sleeps.function());
    const auto results = client.analyze(documents_of({"good"}));
    BOOST_TEST(results[0].ok());
    BOOST_REQUIRE_EQUAL(sleeps.waits.size(), 2u);
    BOOST_TEST(sleeps.waits[0].count() == 2000);
    BOOST_TEST((sleeps.waits[1] >= 1280ms && sleeps.waits[1] <= 1600ms));
}

BOOST_AUTO_TEST_CASE(a_server_asking_for_a_very_long_wait_fails_at_once) {
    auto http = std::make_shared<fake_transport>([](const ta::http_request&) {
        auto response = json_response(
            429, {{"error", {{"code", "429"}, {"message", "Please retry after 3600 seconds."}}}});
        response.headers.emplace_back("Retry-After", "3600");
        return response;
    });
    recorder sleeps;
    ta::client client(options_for(ta::api_version::v3_1), http, sleeps.function());
    try {
        client.analyze(documents_of({"good"}));
        BOOST_FAIL("no exception");
    } catch (const ta::http_error& e) {
        BOOST_TEST(e.status() == 429);
        BOOST_TEST(contains(e.service_message(), "3600 seconds"));
    }
    BOOST_TEST(http->requests.size() == 1u);
    BOOST_TEST(sleeps.waits.empty());
}

BOOST_AUTO_TEST_CASE(connection_failures_are_retried) {
    int calls = 0;
    auto http = std::make_shared<fake_transport>([&](const ta::http_request& request) {
        if (++calls < 3) {
            throw ta::transport_error("could not connect", request.url);
        }
        return answer(request);
    });
    recorder sleeps;
    ta::client client(options_for(ta::api_version::v3_1), http, sleeps.function());
    BOOST_TEST(client.analyze(documents_of({"good"}))[0].ok());
    BOOST_TEST(sleeps.waits.size() == 2u);
}

BOOST_AUTO_TEST_CASE(when_retries_run_out_the_last_error_is_thrown) {
    auto http = std::make_shared<fake_transport>([](const ta::http_request&) {
        return json_response(
            503, {{"error", {{"code", "ServiceUnavailable"}, {"message", "Try later"}}}});
    });
    recorder sleeps;
    auto options = options_for(ta::api_version::v3_1);
    options.retries = 2;
    ta::client client(options, http, sleeps.function());
    try {
        client.analyze(documents_of({"good"}));
        BOOST_FAIL("no exception");
    } catch (const ta::http_error& e) {
        BOOST_TEST(e.status() == 503);
        BOOST_TEST(e.service_message() == "Try later");
    }
    BOOST_TEST(http->requests.size() == 3u);
    BOOST_TEST(sleeps.waits.size() == 2u);
}

BOOST_AUTO_TEST_CASE(retries_zero_means_one_attempt) {
    auto http =
        std::make_shared<fake_transport>([](const ta::http_request& request) -> ta::http_response {
            throw ta::transport_error("could not connect", request.url);
        });
    recorder sleeps;
    auto options = options_for(ta::api_version::v3_1);
    options.retries = 0;
    ta::client client(options, http, sleeps.function());
    BOOST_CHECK_THROW(client.analyze(documents_of({"good"})), ta::transport_error);
    BOOST_TEST(http->requests.size() == 1u);
    BOOST_TEST(sleeps.waits.empty());
}

BOOST_AUTO_TEST_CASE(access_denied_is_not_retried_and_carries_the_request_id) {
    auto http = std::make_shared<fake_transport>([](const ta::http_request&) {
        return json_response(
            401, {{"error",
                   {{"code", "401"},
                    {"message", "Access denied due to invalid subscription key or wrong API "
                                "endpoint."}}}});
    });
    recorder sleeps;
    ta::client client(options_for(ta::api_version::v3_1), http, sleeps.function());
    try {
        client.analyze(documents_of({"good"}));
        BOOST_FAIL("no exception");
    } catch (const ta::http_error& e) {
        BOOST_TEST(e.status() == 401);
        BOOST_TEST(e.request_id() == "req-42");
        BOOST_TEST(contains(e.service_message(), "Access denied"));
        BOOST_TEST(!e.is_quota_exhausted());
    }
    BOOST_TEST(http->requests.size() == 1u);
    BOOST_TEST(sleeps.waits.empty());
}

BOOST_AUTO_TEST_CASE(the_free_tier_quota_fails_fast) {
    auto http = std::make_shared<fake_transport>([](const ta::http_request&) {
        auto response = json_response(
            403, {{"error",
                   {{"code", "403"},
                    {"message", "Out of call volume quota for TextAnalytics F0 pricing tier. "
                                "Please retry after 15 days."}}}});
        response.headers.emplace_back("Retry-After", "1296000");
        return response;
    });
    recorder sleeps;
    ta::client client(options_for(ta::api_version::v3_1), http, sleeps.function());
    try {
        client.analyze(documents_of({"good"}));
        BOOST_FAIL("no exception");
    } catch (const ta::http_error& e) {
        BOOST_TEST(e.is_quota_exhausted());
    }
    BOOST_TEST(sleeps.waits.empty());
}

BOOST_AUTO_TEST_CASE(a_malformed_answer_is_a_bad_response_with_an_excerpt) {
    auto http = std::make_shared<fake_transport>([](const ta::http_request&) {
        ta::http_response response;
        response.status = 200;
        response.headers = {{"apim-request-id", "req-7"}};
        response.body = "<html>Gateway says hi</html>";
        return response;
    });
    ta::client client(options_for(ta::api_version::v3_1), http);
    try {
        client.analyze(documents_of({"good"}));
        BOOST_FAIL("no exception");
    } catch (const ta::bad_response_error& e) {
        BOOST_TEST(e.request_id() == "req-7");
        BOOST_TEST(e.status() == 200);
        BOOST_TEST(contains(e.excerpt(), "Gateway says hi"));
    }
}

BOOST_AUTO_TEST_CASE(a_document_the_answer_leaves_out_becomes_an_error) {
    auto http = std::make_shared<fake_transport>([](const ta::http_request& request) {
        auto response = answer(request);
        json body = json::parse(response.body);
        body["documents"].erase(0); // the last document (answers are reversed)
        response.body = body.dump();
        return response;
    });
    ta::client client(options_for(ta::api_version::v3_1), http);
    const auto results = client.analyze(documents_of({"good", "bad"}));
    BOOST_TEST(results[0].ok());
    BOOST_TEST(results[1].error->code == "MissingResult");
}

BOOST_AUTO_TEST_CASE(only_the_ids_the_client_sent_are_matched_back) {
    // The answer's documents under ids that only look like the ones sent ("01" and "2 " are
    // not "1" and "2", nor "+2", "0", "" or a number past the batch): the first two documents
    // get none of them; the third, sent as "3", gets its own.
    auto http = std::make_shared<fake_transport>([](const ta::http_request& request) {
        auto response = answer(request);
        json body = json::parse(response.body);
        json documents = json::array();
        for (const char* id : {"01", "2 ", "+2", "0", "", "4", "18446744073709551617", "3"}) {
            json document = body["documents"][0];
            document["id"] = id;
            documents.push_back(document);
        }
        body["documents"] = documents;
        response.body = body.dump();
        return response;
    });
    ta::client client(options_for(ta::api_version::v3_1), http);
    const auto results = client.analyze(documents_of({"good", "bad", "fine"}));
    BOOST_TEST(results[0].error->code == "MissingResult");
    BOOST_TEST(results[1].error->code == "MissingResult");
    BOOST_TEST(results[2].ok());
}

BOOST_AUTO_TEST_CASE(per_document_errors_are_results) {
    auto http = std::make_shared<fake_transport>([](const ta::http_request&) {
        return json_response(
            200,
            json::parse(R"({"documents":[],"errors":[{"id":"1","error":{"code":"InvalidArgument",
            "message":"Invalid Language Code.","innererror":{"code":"UnsupportedLanguageCode",
            "message":"Invalid language code. Supported languages: en."}}}],"modelVersion":"x"})"));
    });
    ta::client client(options_for(ta::api_version::v3_1), http);
    const auto results = client.analyze({{"doc-1", "good", "xx"}});
    BOOST_TEST(results[0].id == "doc-1");
    BOOST_TEST(results[0].error->code == "UnsupportedLanguageCode");
}

BOOST_AUTO_TEST_CASE(a_redirect_is_not_followed_and_says_why) {
    auto http = std::make_shared<fake_transport>([](const ta::http_request&) {
        ta::http_response response;
        response.status = 301;
        response.headers = {{"Location", "https://elsewhere.example/"}};
        return response;
    });
    ta::client client(options_for(ta::api_version::v3_1), http);
    try {
        client.analyze(documents_of({"good"}));
        BOOST_FAIL("no exception");
    } catch (const ta::http_error& e) {
        BOOST_TEST(e.status() == 301);
        BOOST_TEST(contains(e.service_message(), "https://elsewhere.example/"));
        BOOST_TEST(contains(e.service_message(), "does not follow redirects"));
    }
    BOOST_TEST(http->requests.size() == 1u);
}

BOOST_AUTO_TEST_CASE(the_verbose_log_shows_the_exchange_but_not_the_key) {
    auto http = std::make_shared<fake_transport>(answer);
    auto options = options_for(ta::api_version::v3_1);
    options.key = "0123456789abcdef-very-secret";
    std::string log;
    options.log = [&](std::string_view line) { log += std::string(line) + "\n"; };
    ta::client client(options, http);
    client.analyze(documents_of({"good"}));
    BOOST_TEST(contains(log, "> POST http://localhost:5000/text/analytics/v3.1/sentiment"));
    BOOST_TEST(contains(log, "Ocp-Apim-Subscription-Key: [redacted]"));
    BOOST_TEST(contains(log, "< HTTP 200"));
    BOOST_TEST(!contains(log, "very-secret"));
}

BOOST_AUTO_TEST_CASE(concurrent_requests_keep_every_document_in_its_place) {
    auto http = std::make_shared<fake_transport>(answer);
    auto options = options_for(ta::api_version::v3_1);
    options.concurrency = 4;
    ta::client client(options, http);
    std::vector<std::string> texts;
    for (int i = 0; i < 95; ++i) {
        texts.push_back(i % 3 == 0 ? "good " + std::to_string(i) : "bad " + std::to_string(i));
    }
    const auto results = client.analyze(documents_of(texts));
    BOOST_TEST(http->requests.size() == 10u);
    BOOST_REQUIRE_EQUAL(results.size(), 95u);
    for (std::size_t i = 0; i < results.size(); ++i) {
        BOOST_TEST(results[i].id == std::to_string(i + 1));
        const auto expected =
            i % 3 == 0 ? ta::sentiment_label::positive : ta::sentiment_label::negative;
        BOOST_TEST((results[i].sentiment == expected));
        BOOST_TEST(results[i].sentences.at(0).text == texts[i]);
    }
}

BOOST_AUTO_TEST_CASE(a_failure_in_one_concurrent_request_is_the_calls_failure) {
    auto http = std::make_shared<fake_transport>([](const ta::http_request& request) {
        if (contains(request.body, "poison")) {
            return json_response(401, {{"error", {{"code", "401"}, {"message", "Access denied"}}}});
        }
        return answer(request);
    });
    auto options = options_for(ta::api_version::v3_1);
    options.concurrency = 3;
    ta::client client(options, http);
    std::vector<std::string> texts(60, "good");
    texts[37] = "poison";
    BOOST_CHECK_THROW(client.analyze(documents_of(texts)), ta::http_error);
}

BOOST_AUTO_TEST_CASE(a_batch_that_still_fails_after_others_were_scored_gives_error_records) {
    std::atomic<int> count{0};
    auto http = std::make_shared<fake_transport>([&count](const ta::http_request& request) {
        // The second batch's requests all fail; the others are answered.
        if (contains(request.body, "busy")) {
            ++count;
            return json_response(
                503, {{"error", {{"code", "ServiceUnavailable"}, {"message", "Busy."}}}});
        }
        return answer(request);
    });
    auto options = options_for(ta::api_version::v3_1);
    options.retries = 2;
    recorder sleeps;
    ta::client client(options, http, sleeps.function());
    std::vector<std::string> texts(30, "good");
    std::fill(texts.begin() + 10, texts.begin() + 20, "good but busy");
    const auto results = client.analyze(documents_of(texts));
    BOOST_REQUIRE_EQUAL(results.size(), 30u);
    for (std::size_t i = 0; i < results.size(); ++i) {
        BOOST_TEST(results[i].id == std::to_string(i + 1));
        BOOST_TEST(results[i].ok() == (i < 10 || i >= 20), i);
    }
    BOOST_TEST_REQUIRE(results[10].error.has_value());
    BOOST_TEST(results[10].error->code == "ServiceUnavailable");
    BOOST_TEST(contains(results[10].error->message, "HTTP 503: Busy."), results[10].error->message);
    BOOST_TEST(count == 3); // the first try and two retries
}

BOOST_AUTO_TEST_CASE(a_rate_caps_the_requests_per_second) {
    auto time = std::make_shared<ta::test::manual_clock>();
    auto http = std::make_shared<fake_transport>(answer);
    auto options = options_for(ta::api_version::v3_1);
    options.concurrency = 4;
    options.rate = 5;
    ta::client client(options, http, time);
    const auto results = client.analyze(documents_of(std::vector<std::string>(100, "good")));
    BOOST_TEST(results.back().ok());
    BOOST_TEST(http->requests.size() == 10u);
    // Ten requests at five a second: the last starts 1.8 s after the first.
    BOOST_TEST(std::chrono::duration_cast<std::chrono::milliseconds>(time->elapsed()).count() ==
               1'800);
}

BOOST_AUTO_TEST_CASE(against_a_rate_limit_it_slows_down_instead_of_hammering) {
    // A service that takes 20 requests a second (by the manual clock) and answers the rest 429
    // with Retry-After: 1, as the S0 tier does; each answer takes 10 ms.
    auto time = std::make_shared<ta::test::manual_clock>();
    std::mutex mutex;
    std::deque<ta::clock::time_point> accepted;
    int throttled = 0;
    const auto service = [&](const ta::http_request& request) {
        {
            const std::lock_guard lock(mutex);
            const auto now = time->now();
            while (!accepted.empty() && now - accepted.front() >= 1s) {
                accepted.pop_front();
            }
            if (accepted.size() >= 20) {
                ++throttled;
                ta::http_response refused = json_response(
                    429, {{"error", {{"code", "429"}, {"message", "Rate limit is exceeded."}}}});
                refused.headers.emplace_back("Retry-After", "1");
                return refused;
            }
            accepted.push_back(now);
        }
        return answer(request);
    };
    // Each answer comes 10 ms after its request went out, on the clock the client paces by.
    auto http = std::make_shared<fake_transport>(service, time, 10ms);
    auto options = options_for(ta::api_version::v3_1);
    options.concurrency = 8;
    options.retries = 3;
    ta::client client(options, http, time);
    const auto results = client.analyze(documents_of(std::vector<std::string>(3000, "good")));
    std::size_t scored = 0;
    for (const auto& r : results) {
        scored += r.ok() ? 1 : 0;
    }
    BOOST_TEST(scored == 3000u);
    const auto requests = http->requests.size();
    BOOST_TEST_MESSAGE("requests " << requests << ", 429s " << throttled << ", seconds "
                                   << std::chrono::duration<double>(time->elapsed()).count());
    // 300 batches; the 429s are a small share, not one for every request past the limit.
    BOOST_TEST(static_cast<double>(throttled) / static_cast<double>(requests) < 0.15);
    // And the limit is used: 300 requests at 20 a second take 15 s, not much more.
    BOOST_TEST(std::chrono::duration<double>(time->elapsed()).count() < 15 * 1.5);
}

BOOST_AUTO_TEST_CASE(the_verbose_log_says_when_the_client_slows_down) {
    std::atomic<int> calls{0};
    auto http = std::make_shared<fake_transport>([&calls](const ta::http_request& request) {
        if (++calls == 1) {
            ta::http_response refused =
                json_response(429, {{"error", {{"code", "429"}, {"message", "Slow down."}}}});
            refused.headers.emplace_back("Retry-After", "1");
            return refused;
        }
        return answer(request);
    });
    auto options = options_for(ta::api_version::v3_1);
    options.concurrency = 8;
    std::string log;
    options.log = [&log](std::string_view line) { log += std::string(line) + "\n"; };
    auto time = std::make_shared<ta::test::manual_clock>();
    ta::client client(options, http, time);
    BOOST_TEST(client.analyze(documents_of({"good"})).front().ok());
    BOOST_TEST(contains(log, "retrying in 1000 ms (HTTP 429; 4 requests in flight at most now)"),
               log);
}

BOOST_AUTO_TEST_CASE(v2_batches_of_1000_go_out_concurrently_too) {
    // Each answer takes 50 ms (by the manual clock): a client that held only one batch at a time
    // would never have four out at once, and would take 400 ms.
    auto time = std::make_shared<ta::test::manual_clock>();
    auto http = std::make_shared<fake_transport>(answer, time, 50ms);
    auto options = options_for(ta::api_version::v2_1);
    options.concurrency = 4;
    ta::client client(options, http, time);
    const auto results = client.analyze(documents_of(std::vector<std::string>(8000, "good")));
    BOOST_TEST(results.size() == 8000u);
    BOOST_TEST(results.back().ok());
    BOOST_TEST(http->requests.size() == 8u);
    BOOST_TEST(http->most_in_flight() == 4);
}

BOOST_AUTO_TEST_CASE(a_transport_with_only_send_is_called_from_a_thread_per_request_in_flight) {
    // An embedder's blocking transport: the first four sends each wait until all four are in at
    // once (a guard ends the wait if they never are), which only threads of their own allow.
    class blocking final : public ta::transport {
      public:
        ta::http_response send(const ta::http_request& request) override {
            {
                std::unique_lock lock(mutex);
                ++in;
                most = std::max(most, in);
                if (++sent <= 4) {
                    all_in.notify_all();
                    all_in.wait_for(lock, 20s, [this] { return most >= 4; });
                }
            }
            auto response = answer(request);
            const std::lock_guard lock(mutex);
            --in;
            return response;
        }
        std::mutex mutex;
        std::condition_variable all_in;
        int in = 0;
        int most = 0;
        int sent = 0;
    };
    auto http = std::make_shared<blocking>();
    auto options = options_for(ta::api_version::v3_1);
    options.concurrency = 4;
    ta::client client(options, http);
    std::vector<std::string> texts;
    for (int i = 0; i < 200; ++i) {
        texts.push_back(i % 2 == 0 ? "good" : "bad");
    }
    for (int call = 0; call < 2; ++call) { // the threads are kept for the next call
        const auto results = client.analyze(documents_of(texts));
        BOOST_REQUIRE_EQUAL(results.size(), 200u);
        for (std::size_t i = 0; i < results.size(); ++i) {
            BOOST_TEST(results[i].id == std::to_string(i + 1));
            BOOST_TEST((results[i].sentiment == (i % 2 == 0 ? ta::sentiment_label::positive
                                                            : ta::sentiment_label::negative)));
        }
    }
    BOOST_TEST(http->sent == 40);
    BOOST_TEST(http->most == 4);
}

BOOST_AUTO_TEST_CASE(concurrency_and_timeouts_out_of_range_are_usage_errors) {
    auto http = std::make_shared<fake_transport>(answer);
    for (const int concurrency : {0, -1, 65}) {
        auto options = options_for();
        options.concurrency = concurrency;
        BOOST_CHECK_THROW(ta::client(options, http), ta::usage_error);
    }
    auto options = options_for();
    options.timeout = std::chrono::milliseconds(0);
    BOOST_CHECK_THROW(ta::client(options, http), ta::usage_error);
    options = options_for();
    options.connect_timeout = std::chrono::milliseconds(-5);
    BOOST_CHECK_THROW(ta::client(options, http), ta::usage_error);
}

BOOST_AUTO_TEST_CASE(the_key_header_is_found_by_name) {
    auto http = std::make_shared<fake_transport>(answer);
    auto options = options_for(ta::api_version::v3_1);
    options.key = "k-123";
    ta::client(options, http).analyze(documents_of({"good"}));
    int found = 0;
    for (const auto& [name, value] : http->requests.at(0).headers) {
        if (name == "Ocp-Apim-Subscription-Key") {
            ++found;
            BOOST_TEST(value == "k-123");
        }
    }
    BOOST_TEST(found == 1);
}

BOOST_AUTO_TEST_CASE(a_bad_endpoint_is_a_usage_error) {
    ta::client_options options;
    options.endpoint = "localhost:5000";
    BOOST_CHECK_THROW(ta::client(options, std::make_shared<fake_transport>(answer)),
                      ta::usage_error);
}

BOOST_AUTO_TEST_SUITE_END()
