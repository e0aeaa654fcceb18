#include <boost/test/unit_test.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <ta/error.hpp>
#include <ta/transport.hpp>
#include <ta/version.hpp>

#include "fake_service.hpp"
#include "loopback_listener.hpp"
#include "service_requests.hpp"

BOOST_AUTO_TEST_SUITE(curl_transport)

using json = nlohmann::json;
using namespace std::chrono_literals;
using ta::test::fake_service;
using ta::test::post_json;
using ta::test::scripted;

namespace {

// E.1's request (reference E.1).
const json e1_request = json::parse(
    R"({"documents":[{"language":"en","id":"1","text":"Hello world. This is some input text that I love."}]})");

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

/// A port on 127.0.0.1 that nothing listens on any more.
int closed_port() {
    const fake_service service;
    return service.port();
}

/// A listening socket on 127.0.0.1 whose accept queue is full: the kernel drops further SYNs,
/// so a connect to it hangs until the client's connect timeout, all on loopback.
class full_listener {
  public:
    full_listener() {
        const auto listening = ta::test::listen_on_loopback(0);
        listener_ = listening.fd;
        port_ = listening.port;
        for (int& filler : fillers_) {
            filler = ::socket(AF_INET, SOCK_STREAM, 0);
            ::fcntl(filler, F_SETFL, O_NONBLOCK);
            ::connect(filler, reinterpret_cast<const sockaddr*>(&listening.address),
                      sizeof listening.address);
        }
    }
    ~full_listener() {
        for (const int filler : fillers_) {
            ::close(filler);
        }
        ::close(listener_);
    }
    full_listener(const full_listener&) = delete;
    full_listener& operator=(const full_listener&) = delete;

    int port() const { return port_; }

  private:
    int listener_ = -1;
    int port_ = 0;
    int fillers_[4] = {-1, -1, -1, -1};
};

} // namespace

BOOST_AUTO_TEST_CASE(post_round_trip_carries_headers_and_body) {
    fake_service service;
    const auto http = ta::make_curl_transport();

    const auto response = post_json(*http, service, ta::test::v3_1_path, e1_request,
                                    {{"Ocp-Apim-Subscription-Key", "k-123"}});

    BOOST_TEST(response.status == 200);
    BOOST_TEST(response.header("content-type") == "application/json; charset=utf-8");
    BOOST_TEST(!response.header("apim-request-id").empty());
    const json answer = json::parse(response.body);
    BOOST_TEST(answer["documents"][0]["id"] == "1");
    BOOST_TEST(answer["documents"][0]["sentiment"] == "positive");

    const auto requests = service.requests();
    BOOST_TEST_REQUIRE(requests.size() == 1u);
    BOOST_TEST(requests[0].method == "POST");
    BOOST_TEST(requests[0].path == ta::test::v3_1_path);
    BOOST_TEST(requests[0].header("ocp-apim-subscription-key") == "k-123");
    BOOST_TEST(requests[0].header("Content-Type") == "application/json");
    BOOST_TEST(json::parse(requests[0].body) == e1_request);
}

BOOST_AUTO_TEST_CASE(user_agent_names_ta_and_libcurl) {
    fake_service service;
    const auto http = ta::make_curl_transport();

    post_json(*http, service, ta::test::v3_1_path, e1_request);

    const std::string agent = service.requests().at(0).header("User-Agent");
    BOOST_TEST(agent.rfind(std::string("ta/") + TA_VERSION_STRING + " libcurl/", 0) == 0u,
               "User-Agent: " << agent);
}

BOOST_AUTO_TEST_CASE(configured_user_agent_is_sent_as_is) {
    fake_service service;
    ta::curl_transport_options options;
    options.user_agent = "my-app/2.0";
    const auto http = ta::make_curl_transport(options);

    post_json(*http, service, ta::test::v3_1_path, e1_request);

    BOOST_TEST(service.requests().at(0).header("User-Agent") == "my-app/2.0");
}

BOOST_AUTO_TEST_CASE(query_string_reaches_the_service) {
    fake_service service;
    const auto http = ta::make_curl_transport();

    const auto response = post_json(*http, service, ta::test::language_path + "&showStats=true",
                                    ta::test::language_body(e1_request["documents"]));

    BOOST_TEST(response.status == 200);
    const auto request = service.requests().at(0);
    BOOST_TEST(request.path == "/language/:analyze-text");
    BOOST_TEST(request.query == "api-version=2023-04-01&showStats=true");
}

BOOST_AUTO_TEST_CASE(connection_is_reused_between_calls) {
    fake_service service;
    const auto http = ta::make_curl_transport();

    post_json(*http, service, ta::test::v3_1_path, e1_request);
    post_json(*http, service, ta::test::v3_1_path, e1_request);

    const auto requests = service.requests();
    BOOST_TEST_REQUIRE(requests.size() == 2u);
    BOOST_TEST(requests[0].remote_port > 0);
    BOOST_TEST(requests[0].remote_port == requests[1].remote_port);
}

BOOST_AUTO_TEST_CASE(calls_from_several_threads_all_succeed) {
    fake_service service;
    const auto http = ta::make_curl_transport();
    constexpr int threads = 4;
    constexpr int calls_each = 5;
    std::vector<int> statuses(threads * calls_each);

    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            for (int c = 0; c < calls_each; ++c) {
                statuses[t * calls_each + c] =
                    post_json(*http, service, ta::test::v3_1_path, e1_request).status;
            }
        });
    }
    for (auto& worker : workers) {
        worker.join();
    }

    for (const int status : statuses) {
        BOOST_TEST(status == 200);
    }
    BOOST_TEST(service.requests().size() == static_cast<std::size_t>(threads * calls_each));
}

BOOST_AUTO_TEST_CASE(redirect_is_returned_not_followed) {
    fake_service service;
    service.script(scripted(301, "", {{"Location", service.url() + "/moved"}}));
    const auto http = ta::make_curl_transport();

    const auto response = post_json(*http, service, ta::test::v3_1_path, e1_request,
                                    {{"Ocp-Apim-Subscription-Key", "secret"}});

    BOOST_TEST(response.status == 301);
    BOOST_TEST(response.header("location") == service.url() + "/moved");
    BOOST_TEST(service.requests().size() == 1u);
}

BOOST_AUTO_TEST_CASE(every_response_header_is_kept) {
    fake_service service;
    service.script(scripted(429, R"({"error":{"code":"429","message":"slow down"}})",
                            {{"Retry-After", "1"}, {"x-ms-retry-after-ms", "1000"}}));
    const auto http = ta::make_curl_transport();

    const auto response = post_json(*http, service, ta::test::v3_1_path, e1_request);

    BOOST_TEST(response.status == 429);
    BOOST_TEST(response.header("retry-after") == "1");
    BOOST_TEST(response.header("X-MS-Retry-After-Ms") == "1000");
    BOOST_TEST(!response.header("apim-request-id").empty());
    BOOST_TEST(response.body == R"({"error":{"code":"429","message":"slow down"}})");
}

BOOST_AUTO_TEST_CASE(compressed_answers_arrive_decoded) {
    fake_service service;
    const std::string body = json{{"documents", json::array()},
                                  {"errors", json::array()},
                                  {"modelVersion", std::string(2'000, '7')}}
                                 .dump();
    auto answer = scripted(200, body);
    answer.content_type = "application/json"; // the server compresses only this spelling
    service.script(answer);
    const auto http = ta::make_curl_transport();

    const auto response = post_json(*http, service, ta::test::v3_1_path, e1_request);

    BOOST_TEST(!service.requests().at(0).header("Accept-Encoding").empty());
    BOOST_TEST(!response.header("Content-Encoding").empty());
    BOOST_TEST(response.body == body);
}

BOOST_AUTO_TEST_CASE(answers_are_capped_at_64_mib_by_default) {
    BOOST_TEST(ta::curl_transport_options{}.max_response_bytes == 64u * 1024 * 1024);
}

BOOST_AUTO_TEST_CASE(answer_of_exactly_the_cap_arrives_whole) {
    fake_service service;
    service.script(scripted(200, std::string(1'000, 'x')));
    ta::curl_transport_options options;
    options.max_response_bytes = 1'000;
    const auto http = ta::make_curl_transport(options);

    const auto response = post_json(*http, service, ta::test::v3_1_path, e1_request);

    BOOST_TEST(response.status == 200);
    BOOST_TEST(response.body == std::string(1'000, 'x'));
}

BOOST_AUTO_TEST_CASE(answer_past_the_cap_is_a_transport_error_saying_so) {
    fake_service service;
    service.script(scripted(200, std::string(1'001, 'x')));
    ta::curl_transport_options options;
    options.max_response_bytes = 1'000;
    const auto http = ta::make_curl_transport(options);
    const std::string url = service.url() + ta::test::v3_1_path;

    try {
        post_json(*http, service, ta::test::v3_1_path, e1_request);
        BOOST_FAIL("no transport_error");
    } catch (const ta::transport_error& e) {
        const std::string expected = "the answer from 127.0.0.1:" + std::to_string(service.port()) +
                                     " is larger than 1000 bytes;";
        BOOST_TEST(std::string(e.what()).rfind(expected, 0) == 0u, e.what());
        BOOST_TEST(e.url() == url);
        BOOST_TEST(!e.timed_out());
    }
}

BOOST_AUTO_TEST_CASE(the_cap_counts_decoded_bytes_of_a_compressed_answer) {
    fake_service service;
    // 256 KiB of one character compresses to a few hundred bytes on the wire.
    auto answer = scripted(200, std::string(256 * 1024, '7'));
    answer.content_type = "application/json"; // the server compresses only this spelling
    service.script(answer);
    ta::curl_transport_options options;
    options.max_response_bytes = 64 * 1024;
    const auto http = ta::make_curl_transport(options);

    try {
        post_json(*http, service, ta::test::v3_1_path, e1_request);
        BOOST_FAIL("no transport_error");
    } catch (const ta::transport_error& e) {
        BOOST_TEST(contains(e.what(), "is larger than 64 KiB;"), e.what());
    }
}

BOOST_AUTO_TEST_CASE(transport_works_again_after_an_answer_past_the_cap) {
    fake_service service;
    service.script(scripted(200, std::string(5'000, 'x')));
    ta::curl_transport_options options;
    options.max_response_bytes = 4'096;
    const auto http = ta::make_curl_transport(options);
    BOOST_CHECK_THROW(post_json(*http, service, ta::test::v3_1_path, e1_request),
                      ta::transport_error);

    const auto response = post_json(*http, service, ta::test::v3_1_path, e1_request);

    BOOST_TEST(response.status == 200);
    BOOST_TEST(json::parse(response.body)["documents"][0]["id"] == "1");
}

BOOST_AUTO_TEST_CASE(a_body_over_1_kb_goes_without_waiting_for_100_continue) {
    fake_service service;
    const auto http = ta::make_curl_transport();
    const json body = ta::test::documents_body(
        {{{"id", "1"}, {"language", "en"}, {"text", std::string(2'000, 'a')}}});

    const auto response = post_json(*http, service, ta::test::v3_1_path, body);

    // libcurl would ask "Expect: 100-continue" and wait a round trip for the go-ahead.
    BOOST_TEST(response.status == 200);
    BOOST_TEST_REQUIRE(service.requests().size() == 1u);
    BOOST_TEST(!service.requests().at(0).has_header("Expect"));
}

BOOST_AUTO_TEST_CASE(oversized_body_gets_413) {
    fake_service service;
    const auto http = ta::make_curl_transport();
    const json big = ta::test::documents_body(
        {{{"id", "1"}, {"language", "en"}, {"text", std::string(1'100'000, 'a')}}});

    const auto response = post_json(*http, service, ta::test::v3_1_path, big);

    BOOST_TEST(response.status == 413);
    BOOST_TEST(response.header("Content-Type") == "application/json; charset=utf-8");
    BOOST_TEST(json::parse(response.body)["error"]["innererror"]["code"] == "InvalidDocumentBatch");
}

BOOST_AUTO_TEST_CASE(refused_connection_is_a_transport_error_naming_the_host) {
    const int port = closed_port();
    const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/text/analytics/v3.1";
    const auto http = ta::make_curl_transport();

    try {
        http->send({"POST", url, {}, "{}"});
        BOOST_FAIL("no transport_error");
    } catch (const ta::transport_error& e) {
        const std::string message = e.what();
        BOOST_TEST(contains(message, "127.0.0.1:" + std::to_string(port)), message);
        BOOST_TEST(contains(message, "connection refused"), message);
        BOOST_TEST(e.url() == url);
        BOOST_TEST(!e.timed_out());
    }
}

BOOST_AUTO_TEST_CASE(slow_answer_times_out) {
    fake_service service;
    // The one real wait in these tests: libcurl's own clock cannot be injected.
    service.script(scripted(200, "{}", {}, 2s));
    ta::curl_transport_options options;
    options.timeout = 300ms;
    const auto http = ta::make_curl_transport(options);

    try {
        post_json(*http, service, ta::test::v3_1_path, e1_request);
        BOOST_FAIL("no transport_error");
    } catch (const ta::transport_error& e) {
        BOOST_TEST(e.timed_out());
        BOOST_TEST(contains(e.what(), "timed out after 0.3 s"), e.what());
        BOOST_TEST(contains(e.what(), "127.0.0.1"), e.what());
    }
}

BOOST_AUTO_TEST_CASE(a_host_that_never_accepts_hits_the_connect_timeout) {
    const full_listener listener;
    ta::curl_transport_options options;
    options.connect_timeout = 300ms;
    options.timeout = 20'000ms;
    const auto http = ta::make_curl_transport(options);
    const std::string url = "http://127.0.0.1:" + std::to_string(listener.port()) + "/x";
    try {
        http->send({"POST", url, {}, "{}"});
        BOOST_FAIL("no exception");
    } catch (const ta::transport_error& e) {
        BOOST_TEST(e.timed_out());
        BOOST_TEST(contains(e.what(), "timed out after 0.3 s connecting to 127.0.0.1:" +
                                          std::to_string(listener.port())));
    }
}

BOOST_AUTO_TEST_CASE(transport_works_again_after_a_timeout) {
    fake_service service;
    service.script(scripted(200, "{}", {}, 2s));
    ta::curl_transport_options options;
    options.timeout = 300ms;
    const auto http = ta::make_curl_transport(options);
    BOOST_CHECK_THROW(post_json(*http, service, ta::test::v3_1_path, e1_request),
                      ta::transport_error);

    const auto response = post_json(*http, service, ta::test::v3_1_path, e1_request);

    BOOST_TEST(response.status == 200);
    BOOST_TEST(json::parse(response.body)["documents"][0]["id"] == "1");
}

BOOST_AUTO_TEST_CASE(other_schemes_are_refused) {
    const auto http = ta::make_curl_transport();

    BOOST_CHECK_THROW(http->send({"POST", "file:///etc/passwd", {}, ""}), ta::transport_error);
}

BOOST_AUTO_TEST_CASE(https_to_a_plain_http_server_is_a_tls_problem) {
    fake_service service;
    const auto http = ta::make_curl_transport();
    const std::string url = "https://127.0.0.1:" + std::to_string(service.port()) + "/";

    try {
        http->send({"POST", url, {}, "{}"});
        BOOST_FAIL("no transport_error");
    } catch (const ta::transport_error& e) {
        BOOST_TEST(contains(e.what(), "TLS problem with 127.0.0.1:"), e.what());
        BOOST_TEST(!e.timed_out());
    }
}

BOOST_AUTO_TEST_SUITE_END()
