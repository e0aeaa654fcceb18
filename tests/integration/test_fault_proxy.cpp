// The fault proxy as a client sees it: each fault through the real libcurl transport, in front
// of the fake service. These are the facts the client's fault tests stand on.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <ctime>
#include <iomanip>
#include <locale>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include <ta/error.hpp>
#include <ta/transport.hpp>

#include "fake_service.hpp"
#include "fault_proxy.hpp"
#include "service_requests.hpp"
#include "transport_failure.hpp"

BOOST_AUTO_TEST_SUITE(fault_proxy)

namespace data = boost::unit_test::data;
using json = nlohmann::json;
using namespace std::chrono_literals;
using ta::test::fake_service;
using ta::test::fault;
using ta::test::fault_kind;
using ta::test::transport_failure;

namespace {

const json one_document = ta::test::documents_body(
    {{{"id", "1"}, {"language", "en"}, {"text", "The food was good. The staff were awful."}}});

/// The fake service with the proxy in front, and a libcurl transport to the proxy.
struct proxied_service {
    explicit proxied_service(ta::curl_transport_options options = {})
        : proxy(service.url()), http(ta::make_curl_transport(options)) {}

    ta::http_response post(const json& body = one_document, ta::http_headers extra = {}) {
        ta::http_headers headers{{"Content-Type", "application/json"}};
        headers.insert(headers.end(), extra.begin(), extra.end());
        return http->send({"POST", proxy.url() + ta::test::v3_1_path, headers, body.dump()});
    }

    fake_service service;
    ta::test::fault_proxy proxy;
    std::unique_ptr<ta::transport> http;
};

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

std::string error_code(const ta::http_response& response) {
    return json::parse(response.body).at("error").at("code").get<std::string>();
}

std::string error_message(const ta::http_response& response) {
    return json::parse(response.body).at("error").at("message").get<std::string>();
}

/// Seconds since the epoch of an IMF-fixdate, or -1 when it is not one.
long long parse_imf_fixdate(const std::string& text) {
    std::tm tm{};
    std::istringstream in(text);
    in.imbue(std::locale::classic());
    in >> std::get_time(&tm, "%a, %d %b %Y %H:%M:%S GMT");
    if (in.fail() || in.peek() != std::char_traits<char>::eof()) {
        return -1;
    }
    return static_cast<long long>(timegm(&tm));
}

long long seconds_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

template <typename Clock> std::chrono::milliseconds since(typename Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Forwarding

BOOST_AUTO_TEST_CASE(forwarded_answer_is_byte_identical_to_the_servers) {
    proxied_service s;
    const auto direct = ta::test::post_json(*s.http, s.service, ta::test::v3_1_path, one_document);

    const auto proxied = s.post();

    BOOST_TEST(proxied.status == 200);
    BOOST_TEST(proxied.body == direct.body);
    BOOST_TEST(proxied.header("Content-Type") == direct.header("Content-Type"));
    BOOST_TEST(proxied.header("Content-Length") == direct.header("Content-Length"));
    BOOST_TEST(!proxied.header("apim-request-id").empty());
    BOOST_TEST(s.proxy.requests_seen() == 1u);
    BOOST_TEST(s.proxy.forwarded() == 1u);
    BOOST_TEST(s.proxy.faults_injected() == 0u);
}

BOOST_AUTO_TEST_CASE(forwarded_request_reaches_the_server_unchanged) {
    proxied_service s;

    s.http->send({"POST",
                  s.proxy.url() + ta::test::language_path + "&showStats=true",
                  {{"Content-Type", "application/json"}, {"Ocp-Apim-Subscription-Key", "k-1"}},
                  ta::test::language_body(one_document["documents"]).dump()});

    const auto requests = s.service.requests();
    BOOST_TEST_REQUIRE(requests.size() == 1u);
    BOOST_TEST(requests[0].method == "POST");
    BOOST_TEST(requests[0].path == "/language/:analyze-text");
    BOOST_TEST(requests[0].query == "api-version=2023-04-01&showStats=true");
    BOOST_TEST(requests[0].header("Ocp-Apim-Subscription-Key") == "k-1");
    BOOST_TEST(requests[0].body == ta::test::language_body(one_document["documents"]).dump());
}

BOOST_AUTO_TEST_CASE(keep_alive_holds_on_both_sides_of_the_proxy) {
    proxied_service s;

    for (int i = 0; i < 3; ++i) {
        BOOST_TEST(s.post().status == 200);
    }

    BOOST_TEST(s.proxy.connections_accepted() == 1u);
    BOOST_TEST(s.proxy.requests_seen() == 3u);
    const auto requests = s.service.requests();
    BOOST_TEST_REQUIRE(requests.size() == 3u);
    BOOST_TEST(requests[0].remote_port == requests[2].remote_port);
}

BOOST_AUTO_TEST_CASE(a_large_body_with_expect_100_continue_is_forwarded_whole) {
    proxied_service s;
    const json big = ta::test::documents_body(
        {{{"id", "1"}, {"language", "en"}, {"text", std::string(1'100'000, 'a')}}});

    // ta's transport sends no Expect of its own; a client that does must still be served.
    const auto response = s.post(big, {{"Expect", "100-continue"}});

    // The service's own answer to an oversized request: the body went through in full.
    BOOST_TEST(response.status == 413);
    BOOST_TEST(json::parse(response.body)["error"]["innererror"]["code"] == "InvalidDocumentBatch");
    const auto requests = s.service.requests();
    BOOST_TEST_REQUIRE(requests.size() == 1u);
    BOOST_TEST(requests[0].body.size() == big.dump().size());
    BOOST_TEST(requests[0].header("Expect").empty()); // answered by the proxy
}

BOOST_AUTO_TEST_CASE(the_server_closing_an_idle_connection_is_not_a_fault) {
    proxied_service s;
    BOOST_TEST(s.post().status == 200);
    // The fake service closes connections idle for 2 s (its setting, no clock to inject): a real
    // wait, so that the proxy finds its kept connection closed and makes another.
    std::this_thread::sleep_for(2'300ms);

    BOOST_TEST(s.post().status == 200);
    BOOST_TEST(s.proxy.faults_injected() == 0u);
    BOOST_TEST(s.proxy.connections_accepted() == 1u); // the client's connection lived on
    const auto requests = s.service.requests();
    BOOST_TEST_REQUIRE(requests.size() == 2u);
    BOOST_TEST(requests[0].remote_port != requests[1].remote_port);
}

BOOST_AUTO_TEST_CASE(clients_on_several_connections_at_once_are_all_answered) {
    proxied_service s;
    constexpr int threads = 4;
    constexpr int calls_each = 5;
    std::vector<int> statuses(threads * calls_each);
    {
        std::vector<std::jthread> workers;
        for (int t = 0; t < threads; ++t) {
            workers.emplace_back([&, t] {
                const auto http = ta::make_curl_transport();
                for (int c = 0; c < calls_each; ++c) {
                    statuses[t * calls_each + c] =
                        http->send({"POST",
                                    s.proxy.url() + ta::test::v3_1_path,
                                    {{"Content-Type", "application/json"}},
                                    one_document.dump()})
                            .status;
                }
            });
        }
    }

    for (const int status : statuses) {
        BOOST_TEST(status == 200);
    }
    BOOST_TEST(s.proxy.requests_seen() == static_cast<std::size_t>(threads * calls_each));
    BOOST_TEST(s.proxy.connections_accepted() == static_cast<std::size_t>(threads));
}

// ---------------------------------------------------------------------------------------------
// Answers made up by the proxy

BOOST_AUTO_TEST_CASE(retry_after_seconds_is_a_429_asking_for_that_many_seconds) {
    proxied_service s;
    s.proxy.script(fault::retry_after_seconds(2s));

    const auto response = s.post();

    BOOST_TEST(response.status == 429);
    BOOST_TEST(response.header("Retry-After") == "2");
    BOOST_TEST(response.header("Content-Type") == "application/json; charset=utf-8");
    BOOST_TEST(!response.header("apim-request-id").empty());
    BOOST_TEST(error_code(response) == "429");
    BOOST_TEST(contains(error_message(response), "exceeded rate limit"));
    BOOST_TEST(contains(error_message(response), "Please retry after 2 seconds."));
    BOOST_TEST(s.service.requests().empty());
    BOOST_TEST(s.proxy.forwarded() == 0u);
}

BOOST_AUTO_TEST_CASE(retry_after_date_is_an_imf_fixdate_that_far_ahead) {
    proxied_service s;
    s.proxy.script(fault::retry_after_date(30s));

    const long long before = seconds_now();
    const auto response = s.post();
    const long long after = seconds_now();

    BOOST_TEST(response.status == 429);
    const std::string date = response.header("Retry-After");
    const long long when = parse_imf_fixdate(date);
    BOOST_TEST(when >= before + 30, date);
    BOOST_TEST(when <= after + 30, date);
    BOOST_TEST(error_code(response) == "429");
}

BOOST_AUTO_TEST_CASE(retry_after_date_in_the_past_is_allowed) {
    proxied_service s;
    s.proxy.script(fault::retry_after_date(-60s));

    const long long before = seconds_now();
    const auto response = s.post();

    const long long when = parse_imf_fixdate(response.header("Retry-After"));
    BOOST_TEST(when <= before - 59);
    BOOST_TEST(when >= before - 61);
}

BOOST_AUTO_TEST_CASE(http_date_is_rfc_9110s_example) {
    // RFC 9110 section 5.6.7's own example.
    const auto when = std::chrono::system_clock::from_time_t(784111777) + 999ms;

    BOOST_TEST(ta::test::http_date(when) == "Sun, 06 Nov 1994 08:49:37 GMT");
}

BOOST_AUTO_TEST_CASE(retry_after_ms_is_a_429_with_that_header_only) {
    proxied_service s;
    s.proxy.script(fault::retry_after_ms(150ms));

    const auto response = s.post();

    BOOST_TEST(response.status == 429);
    BOOST_TEST(response.header("retry-after-ms") == "150");
    BOOST_TEST(response.header("Retry-After").empty());
    BOOST_TEST(response.header("x-ms-retry-after-ms").empty());
    BOOST_TEST(contains(error_message(response), "Please retry after 1 second."));
}

BOOST_AUTO_TEST_CASE(x_ms_retry_after_ms_is_a_429_with_that_header_only) {
    proxied_service s;
    s.proxy.script(fault::x_ms_retry_after_ms(2'500ms));

    const auto response = s.post();

    BOOST_TEST(response.status == 429);
    BOOST_TEST(response.header("x-ms-retry-after-ms") == "2500");
    BOOST_TEST(response.header("Retry-After").empty());
    BOOST_TEST(response.header("retry-after-ms").empty());
    BOOST_TEST(contains(error_message(response), "Please retry after 3 seconds."));
}

BOOST_AUTO_TEST_CASE(throttled_is_a_429_with_no_retry_header) {
    proxied_service s;
    s.proxy.script(fault::throttled());

    const auto response = s.post();

    BOOST_TEST(response.status == 429);
    BOOST_TEST(error_code(response) == "429");
    BOOST_TEST(response.header("Retry-After").empty());
    BOOST_TEST(response.header("retry-after-ms").empty());
    BOOST_TEST(response.header("x-ms-retry-after-ms").empty());
}

namespace {
const std::vector<int> outage_statuses{408, 500, 502, 503, 504};
const std::vector<std::string> outage_codes{"408", "InternalServerError", "502",
                                            "ServiceUnavailable", "504"};
} // namespace

BOOST_DATA_TEST_CASE(outage_is_that_status_with_the_services_error_body,
                     data::make(outage_statuses) ^ data::make(outage_codes), status, code) {
    proxied_service s;
    s.proxy.script(fault::status(status));

    const auto response = s.post();

    BOOST_TEST(response.status == status);
    BOOST_TEST(error_code(response) == code);
    BOOST_TEST(!error_message(response).empty());
    BOOST_TEST(response.header("Content-Type") == "application/json; charset=utf-8");
    BOOST_TEST(response.header("Retry-After").empty());
    BOOST_TEST(s.service.requests().empty());
}

BOOST_AUTO_TEST_CASE(only_retryable_statuses_make_an_outage) {
    BOOST_CHECK_THROW(fault::status(404), std::invalid_argument);
    BOOST_CHECK_THROW(fault::status(429), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(quota_exhausted_is_the_f0_tiers_403) {
    proxied_service s;
    s.proxy.script(fault::quota_exhausted());

    const auto response = s.post();

    BOOST_TEST(response.status == 403);
    BOOST_TEST(error_code(response) == "403");
    BOOST_TEST(contains(error_message(response), "Out of call volume quota"));
    BOOST_TEST(response.header("Retry-After") == "1296000"); // 15 days
}

BOOST_AUTO_TEST_CASE(made_up_answers_keep_the_connection_alive) {
    proxied_service s;
    s.proxy.script(fault::throttled());
    s.proxy.script(fault::status(503));

    BOOST_TEST(s.post().status == 429);
    BOOST_TEST(s.post().status == 503);
    BOOST_TEST(s.post().status == 200);

    BOOST_TEST(s.proxy.connections_accepted() == 1u);
}

// ---------------------------------------------------------------------------------------------
// Connection faults

BOOST_AUTO_TEST_CASE(drop_on_a_new_connection_is_a_transport_error_got_nothing) {
    proxied_service s;
    s.proxy.script(fault::drop());

    const auto e = transport_failure([&] { s.post(); });

    BOOST_TEST(contains(e.what(), "closed the connection without answering"), e.what());
    BOOST_TEST(!e.timed_out());
    BOOST_TEST(s.service.requests().empty());
    BOOST_TEST(s.proxy.count(fault_kind::drop) == 1u);
}

BOOST_AUTO_TEST_CASE(reset_on_a_new_connection_is_a_transport_error) {
    proxied_service s;
    s.proxy.script(fault::reset());

    const auto e = transport_failure([&] { s.post(); });

    BOOST_TEST(contains(e.what(), "reset"), e.what());
    BOOST_TEST(!e.timed_out());
    BOOST_TEST(s.service.requests().empty());
}

// libcurl sends a request again, once, on a new connection when a connection it reused closes
// before any byte of the answer (it may have been closed as idle just then). A drop or reset on
// a reused connection therefore reaches the proxy twice and the caller not at all, unless the
// second attempt fails too.
BOOST_DATA_TEST_CASE(a_connection_fault_on_a_reused_connection_is_retried_by_libcurl_itself,
                     data::make({fault_kind::drop, fault_kind::reset}), kind) {
    const fault f = kind == fault_kind::drop ? fault::drop() : fault::reset();
    proxied_service s;
    BOOST_TEST_REQUIRE(s.post().status == 200);
    s.proxy.script(f);

    BOOST_TEST(s.post().status == 200);

    BOOST_TEST(s.proxy.requests_seen() == 3u);
    BOOST_TEST(s.proxy.count(f.kind) == 1u);
    BOOST_TEST(s.proxy.connections_accepted() == 2u);
}

BOOST_DATA_TEST_CASE(two_connection_faults_on_a_reused_connection_reach_the_caller,
                     data::make({fault_kind::drop, fault_kind::reset}), kind) {
    const fault f = kind == fault_kind::drop ? fault::drop() : fault::reset();
    proxied_service s;
    BOOST_TEST_REQUIRE(s.post().status == 200);
    s.proxy.script(f, 2);

    BOOST_CHECK_THROW(s.post(), ta::transport_error);

    BOOST_TEST(s.proxy.requests_seen() == 3u);
}

BOOST_AUTO_TEST_CASE(truncated_answer_is_a_transport_error) {
    proxied_service s;
    s.proxy.script(fault::truncate(10));

    const auto e = transport_failure([&] { s.post(); });

    BOOST_TEST(contains(e.what(), "transfer closed with"), e.what());
    BOOST_TEST(!e.timed_out());
    // The server did answer: the request was forwarded, the answer cut.
    BOOST_TEST(s.service.requests().size() == 1u);
    BOOST_TEST(s.proxy.forwarded() == 1u);
}

BOOST_AUTO_TEST_CASE(truncated_answer_with_no_body_at_all_is_a_transport_error) {
    proxied_service s;
    s.proxy.script(fault::truncate(0));

    BOOST_CHECK_THROW(s.post(), ta::transport_error);
}

BOOST_AUTO_TEST_CASE(the_proxy_answers_again_after_each_connection_fault) {
    proxied_service s;
    for (const fault& f : {fault::drop(), fault::reset(), fault::truncate()}) {
        // A new transport each time: on a reused connection libcurl would hide the fault.
        const auto http = ta::make_curl_transport();
        s.proxy.script(f);
        BOOST_CHECK_THROW(http->send({"POST", s.proxy.url() + ta::test::v3_1_path, {}, "{}"}),
                          ta::transport_error);
    }

    BOOST_TEST(s.post().status == 200);
}

BOOST_AUTO_TEST_CASE(slow_answer_arrives_whole_after_the_delay) {
    proxied_service s;
    // The connections are up first, so that only the delay counts.
    const auto first = s.post();
    BOOST_TEST_REQUIRE(first.status == 200);
    s.proxy.script(fault::slow(100ms));

    const auto start = std::chrono::steady_clock::now();
    const auto response = s.post();
    const auto took = since<std::chrono::steady_clock>(start);

    BOOST_TEST(response.status == 200);
    BOOST_TEST(response.body == first.body);
    BOOST_TEST(took.count() >= 100);
    BOOST_TEST(took.count() < 1'000); // loosely: a loaded machine is slow too
    BOOST_TEST(s.proxy.count(fault_kind::slow) == 1u);
    BOOST_TEST(s.proxy.forwarded() == 2u);
}

BOOST_AUTO_TEST_CASE(stalled_answer_hits_the_transports_timeout) {
    ta::curl_transport_options options;
    options.timeout = 300ms;
    proxied_service s(options);
    s.proxy.script(fault::stall());

    const auto start = std::chrono::steady_clock::now();
    const auto e = transport_failure([&] { s.post(); });
    const auto took = since<std::chrono::steady_clock>(start);

    BOOST_TEST(e.timed_out());
    BOOST_TEST(contains(e.what(), "timed out after 0.3 s waiting for an answer"), e.what());
    // libcurl's timer may fire a millisecond early by our clock: measured loosely.
    BOOST_TEST(took.count() >= 250);
    BOOST_TEST(took.count() < 2'000);
    BOOST_TEST(s.service.requests().empty());
}

BOOST_AUTO_TEST_CASE(destroying_the_proxy_ends_a_stall_and_a_slow_answer_promptly) {
    fake_service service;
    ta::curl_transport_options options;
    options.timeout = 20'000ms;
    auto proxy = std::make_unique<ta::test::fault_proxy>(service.url());
    proxy->script(fault::stall());
    proxy->script(fault::slow(20s));
    std::array<std::atomic<bool>, 2> failed{};
    std::vector<std::jthread> clients;
    for (std::size_t i = 0; i < 2; ++i) {
        clients.emplace_back([&, i] {
            const auto http = ta::make_curl_transport(options);
            try {
                http->send({"POST", proxy->url() + ta::test::v3_1_path, {}, one_document.dump()});
            } catch (const ta::transport_error&) {
                failed[i] = true;
            }
        });
    }
    while (proxy->requests_seen() < 2) {
        std::this_thread::sleep_for(5ms);
    }

    const auto start = std::chrono::steady_clock::now();
    proxy.reset();
    const auto took = since<std::chrono::steady_clock>(start);
    clients.clear(); // joins: the clients saw their connections close

    BOOST_TEST(took.count() < 1'000);
    BOOST_TEST(failed[0]);
    BOOST_TEST(failed[1]);
}

// ---------------------------------------------------------------------------------------------
// The plan

BOOST_AUTO_TEST_CASE(scripted_faults_go_first_in_first_out_then_forwarding) {
    proxied_service s;
    s.proxy.script(fault::throttled());
    s.proxy.script(fault::status(500), 2);

    std::vector<int> statuses;
    for (int i = 0; i < 4; ++i) {
        statuses.push_back(s.post().status);
    }

    BOOST_TEST(statuses == (std::vector<int>{429, 500, 500, 200}),
               boost::test_tools::per_element());
    BOOST_TEST(s.proxy.history() ==
                   (std::vector<fault_kind>{fault_kind::throttled, fault_kind::status,
                                            fault_kind::status, fault_kind::forward}),
               boost::test_tools::per_element());
    BOOST_TEST(s.proxy.count(fault_kind::status) == 2u);
    BOOST_TEST(s.proxy.faults_injected() == 3u);
    BOOST_TEST(s.proxy.forwarded() == 1u);
}

BOOST_AUTO_TEST_CASE(every_kth_request_gets_the_fault_and_the_queue_comes_first) {
    proxied_service s;
    s.proxy.every(3, fault::status(503));
    s.proxy.script(fault::throttled());

    std::vector<int> statuses;
    for (int i = 0; i < 7; ++i) {
        statuses.push_back(s.post().status);
    }

    BOOST_TEST(statuses == (std::vector<int>{429, 200, 503, 200, 200, 503, 200}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(clear_plan_forwards_everything_and_keeps_the_counters) {
    proxied_service s;
    s.proxy.every(1, fault::status(503));
    s.proxy.script(fault::throttled());
    BOOST_TEST(s.post().status == 429);

    s.proxy.clear_plan();

    BOOST_TEST(s.post().status == 200);
    BOOST_TEST(s.proxy.requests_seen() == 2u);
    BOOST_TEST(s.proxy.count(fault_kind::throttled) == 1u);
}

namespace {

/// The statuses a client sees for `requests` requests through a proxy with this random plan.
std::vector<int> statuses_with(const ta::test::random_faults& plan, int requests,
                               std::vector<fault_kind>* history = nullptr) {
    proxied_service s;
    s.proxy.randomly(plan);
    std::vector<int> statuses;
    for (int i = 0; i < requests; ++i) {
        statuses.push_back(s.post().status);
    }
    if (history != nullptr) {
        *history = s.proxy.history();
    }
    return statuses;
}

ta::test::random_faults status_mix(std::uint64_t seed) {
    ta::test::random_faults plan;
    plan.share = 0.3;
    plan.mix = {fault::throttled(), fault::status(500), fault::status(503)};
    plan.seed = seed;
    return plan;
}

} // namespace

BOOST_AUTO_TEST_CASE(random_plan_is_reproducible_for_a_seed) {
    std::vector<fault_kind> first_history;
    std::vector<fault_kind> second_history;

    const auto first = statuses_with(status_mix(42), 60, &first_history);
    const auto second = statuses_with(status_mix(42), 60, &second_history);
    const auto other = statuses_with(status_mix(43), 60);

    BOOST_TEST(first == second, boost::test_tools::per_element());
    BOOST_TEST(first_history == second_history, boost::test_tools::per_element());
    BOOST_TEST((first != other), "seeds 42 and 43 gave the same plan");
    const auto faults = std::count_if(first.begin(), first.end(), [](int s) { return s != 200; });
    // 30% of 60 is 18; a fair draw is far inside this.
    BOOST_TEST(faults >= 8);
    BOOST_TEST(faults <= 30);
    for (const int status : {429, 500, 503}) {
        BOOST_TEST(std::count(first.begin(), first.end(), status) > 0, "no " << status);
    }
}

BOOST_AUTO_TEST_CASE(random_plan_with_no_share_forwards_everything) {
    auto plan = status_mix(7);
    plan.share = 0;

    const auto statuses = statuses_with(plan, 10);

    BOOST_TEST(statuses == std::vector<int>(10, 200), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(fault_kinds_have_names) {
    BOOST_TEST(ta::test::all_fault_kinds().size() == 13u);
    for (const fault_kind kind : ta::test::all_fault_kinds()) {
        BOOST_TEST(std::string(ta::test::to_string(kind)) != "unknown");
    }
    BOOST_TEST(std::string(ta::test::to_string(fault_kind::x_ms_retry_after_ms)) ==
               "x_ms_retry_after_ms");
}

BOOST_AUTO_TEST_CASE(a_server_url_that_is_not_http_is_refused) {
    BOOST_CHECK_THROW(ta::test::fault_proxy("https://127.0.0.1:1"), std::runtime_error);
}

BOOST_AUTO_TEST_SUITE_END()
