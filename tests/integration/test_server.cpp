// ta-server over real HTTP on loopback: the in-process server (the built-in engine behind
// cpp-httplib) and real libcurl, as ta's client and the SDKs reach it.
#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <memory>
#include <mutex>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <ta/builtin.hpp>
#include <ta/client.hpp>
#include <ta/error.hpp>
#include <ta/transport.hpp>

#include "http_server.hpp"
#include "idle_connections.hpp"
#include "service_routes.hpp"

namespace data = boost::unit_test::data;
using json = nlohmann::json;

namespace {

const std::string v3_1_path = "/text/analytics/v3.1/sentiment";

/// ta-server in-process on a free loopback port, its log kept.
class running_server {
  public:
    explicit running_server(std::string key = {}, std::size_t threads = 0,
                            std::chrono::seconds keep_alive = std::chrono::seconds(5),
                            std::chrono::milliseconds request_timeout = std::chrono::seconds(10)) {
        ta::server::routes_options routes;
        routes.key = std::move(key);
        routes.engine = ta::server::builtin_engine();
        ta::server::http_server_options http;
        http.port = 0;
        http.threads = threads;
        http.keep_alive = keep_alive;
        http.request_timeout = request_timeout;
        http.log = [this](std::string_view line) {
            const std::lock_guard lock(mutex_);
            log_.emplace_back(line);
        };
        server_ = std::make_unique<ta::server::http_server>(
            ta::server::service_routes(std::move(routes)), std::move(http));
    }

    std::string url() const { return server_->url(); }
    int port() const { return server_->port(); }
    void stop() { server_->stop(); }
    std::vector<std::string> log() const {
        const std::lock_guard lock(mutex_);
        return log_;
    }

  private:
    mutable std::mutex mutex_;
    std::vector<std::string> log_;
    std::unique_ptr<ta::server::http_server> server_;
};

ta::http_response post(ta::transport& http, const running_server& server, const std::string& target,
                       const std::string& body, ta::http_headers headers = {}) {
    headers.emplace_back("Content-Type", "application/json");
    return http.send({"POST", server.url() + target, std::move(headers), body});
}

ta::http_response get(ta::transport& http, const running_server& server, const std::string& path) {
    return http.send({"GET", server.url() + path, {}, ""});
}

/// ta's client of `server` through `api`.
std::vector<ta::result> analyzed_through(const running_server& server, const std::string& api,
                                         const std::vector<ta::document>& documents) {
    ta::client_options options;
    options.endpoint = server.url();
    options.api = *ta::parse_api_version(api);
    ta::client client(options);
    return client.analyze(documents);
}

/// A plain TCP connection to `server`; reads give up after `limit` (a safety net, not a wait).
int connect_to(const running_server& server, timeval limit = {30, 0}) {
    const int port = std::stoi(server.url().substr(server.url().rfind(':') + 1));
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    BOOST_REQUIRE(fd >= 0);
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    BOOST_REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    return fd;
}

void send_on(int fd, const std::string& bytes) {
    BOOST_REQUIRE(::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
                  static_cast<ssize_t>(bytes.size()));
}

/// The next answer on `fd`: its head and as much body as its Content-Length says.
std::string answer_on(int fd) {
    std::string answer;
    char buffer[4096];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) {
        answer.append(buffer, static_cast<std::size_t>(n));
        const auto head_end = answer.find("\r\n\r\n");
        const auto length_at = answer.find("Content-Length: ");
        if (head_end != std::string::npos && length_at != std::string::npos &&
            answer.size() >= head_end + 4 + std::stoul(answer.substr(length_at + 16))) {
            break;
        }
    }
    return answer;
}

/// Sends `bytes` as they are (what libcurl would never send) and returns the answer (the
/// connection stays open after it).
std::string exchange_on(int fd, const std::string& bytes) {
    send_on(fd, bytes);
    return answer_on(fd);
}

std::string raw_exchange(const running_server& server, const std::string& bytes) {
    const int fd = connect_to(server);
    std::string answer = exchange_on(fd, bytes);
    ::close(fd);
    return answer;
}

bool is_request_id(const std::string& id) {
    static const std::regex uuid(
        "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    return std::regex_match(id, uuid);
}

const std::vector<ta::document> reviews{
    {"1", "The food was great and the staff were friendly.", "en"},
    {"2", "The service was awful. I will never come back!", "en"},
    {"3", "The hotel is next to the station.", "en"},
    {"4", "I loved the room, but the breakfast was terrible.", "en"},
};

} // namespace

BOOST_AUTO_TEST_SUITE(server_http)

BOOST_AUTO_TEST_CASE(the_url_is_loopback_with_the_picked_port) {
    const running_server server;
    BOOST_TEST(std::regex_match(server.url(), std::regex("http://127\\.0\\.0\\.1:[1-9][0-9]*")));
}

BOOST_AUTO_TEST_CASE(answers_carry_a_request_id_and_the_json_content_type) {
    const running_server server;
    const auto http = ta::make_curl_transport();
    const auto r = post(*http, server, v3_1_path, R"({"documents":[{"id":"1","text":"Nice."}]})");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(is_request_id(r.header("apim-request-id")), r.header("apim-request-id"));
    BOOST_TEST(r.header("Content-Type") == "application/json; charset=utf-8");
}

BOOST_DATA_TEST_CASE(errors_carry_a_request_id_and_the_json_content_type,
                     data::make({"/nope", "/text/analytics/v3.1/sentiment"}), path) {
    const running_server server;
    const auto http = ta::make_curl_transport();
    const auto r = post(*http, server, path, "not json");
    BOOST_TEST(r.status >= 400);
    BOOST_TEST(is_request_id(r.header("apim-request-id")));
    BOOST_TEST(r.header("Content-Type") == "application/json; charset=utf-8");
    BOOST_TEST(json::parse(r.body).is_object());
}

BOOST_AUTO_TEST_CASE(request_ids_differ) {
    const running_server server;
    const auto http = ta::make_curl_transport();
    const auto a = get(*http, server, "/status");
    const auto b = get(*http, server, "/status");
    BOOST_TEST(a.header("apim-request-id") != b.header("apim-request-id"));
}

BOOST_AUTO_TEST_CASE(a_request_over_one_megabyte_is_413_with_the_service_body) {
    const running_server server;
    const auto http = ta::make_curl_transport();
    const std::string text(1'100'000, 'a');
    const auto r =
        post(*http, server, v3_1_path, json{{"documents", {{{"id", "1"}, {"text", text}}}}}.dump());
    BOOST_TEST(r.status == 413);
    const auto body = json::parse(r.body);
    BOOST_TEST(body["error"]["code"] == "InvalidRequest");
    BOOST_TEST(body["error"]["innererror"]["code"] == "InvalidDocumentBatch");
    BOOST_TEST(is_request_id(r.header("apim-request-id")));
}

BOOST_AUTO_TEST_CASE(a_413_on_an_unknown_path_is_still_the_404) {
    const running_server server;
    const auto http = ta::make_curl_transport();
    const auto r = post(*http, server, "/nope", std::string(1'100'000, ' '));
    BOOST_TEST(r.status == 404);
    BOOST_TEST(r.body == R"({"error":{"code":"404","message":"Resource not found"}})");
}

BOOST_AUTO_TEST_CASE(malformed_json_is_400_invalid_request) {
    const running_server server;
    const auto http = ta::make_curl_transport();
    const auto r = post(*http, server, v3_1_path, R"({"documents":[{)");
    BOOST_TEST(r.status == 400);
    const auto body = json::parse(r.body);
    BOOST_TEST(body["error"]["code"] == "InvalidRequest");
    BOOST_TEST(body["error"]["innererror"]["code"] == "InvalidRequestBodyFormat");
}

BOOST_AUTO_TEST_CASE(a_request_httplib_cannot_read_still_gets_a_json_error) {
    const running_server server;
    const auto answer = raw_exchange(server, "NONSENSE\r\n\r\n");
    BOOST_TEST(answer.starts_with("HTTP/1.1 400 "), answer);
    BOOST_TEST(answer.find("apim-request-id: ") != std::string::npos);
    BOOST_TEST(answer.find("Content-Type: application/json; charset=utf-8") != std::string::npos);
    BOOST_TEST(
        answer.ends_with(R"({"error":{"code":"InvalidRequest","message":"Invalid Request."}})"),
        answer);
}

BOOST_AUTO_TEST_CASE(a_path_too_long_for_httplib_gets_a_json_error) {
    const running_server server;
    const auto answer =
        raw_exchange(server, "GET /" + std::string(9'000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
    BOOST_TEST(answer.starts_with("HTTP/1.1 414 "), answer);
    BOOST_TEST(answer.ends_with(R"({"error":{"code":"414","message":"URI Too Long"}})"), answer);
}

BOOST_AUTO_TEST_CASE(status_and_ready_answer_get) {
    const running_server server;
    const auto http = ta::make_curl_transport();
    BOOST_TEST(get(*http, server, "/status").status == 200);
    BOOST_TEST(get(*http, server, "/ready").status == 200);
}

BOOST_AUTO_TEST_CASE(with_a_key_a_request_without_it_is_401) {
    const running_server server("k3y");
    const auto http = ta::make_curl_transport();
    const auto r = post(*http, server, v3_1_path, R"({"documents":[{"id":"1","text":"a"}]})");
    BOOST_TEST(r.status == 401);
    BOOST_TEST(json::parse(r.body)["error"]["code"] == "401");
    const auto ok = post(*http, server, v3_1_path, R"({"documents":[{"id":"1","text":"a"}]})",
                         {{"Ocp-Apim-Subscription-Key", "k3y"}});
    BOOST_TEST(ok.status == 200);
}

// ta's own client, through every API version, gets the labels the engine gives directly.
BOOST_DATA_TEST_CASE(ta_client_gets_the_engine_labels_through_every_version,
                     data::make({"2025-11-01", "2024-11-01", "2023-04-01", "2022-05-01", "v3.1",
                                 "v3.0"}),
                     name) {
    const running_server server;
    const auto results = analyzed_through(server, name, reviews);
    const auto expected = ta::builtin_analyzer().analyze(reviews);
    BOOST_REQUIRE(results.size() == expected.size());
    for (std::size_t i = 0; i < results.size(); ++i) {
        BOOST_TEST_CONTEXT("document " << reviews[i].id) {
            BOOST_REQUIRE(results[i].ok());
            BOOST_TEST((results[i].sentiment == expected[i].sentiment));
            BOOST_TEST(results[i].confidence->positive == expected[i].confidence->positive);
            BOOST_TEST(results[i].sentences.size() == expected[i].sentences.size());
            BOOST_TEST(results[i].model_version == ta::builtin_model_version);
        }
    }
}

BOOST_DATA_TEST_CASE(ta_client_gets_the_compound_as_the_v2_score, data::make({"v2.1", "v2.0"}),
                     name) {
    const running_server server;
    const auto results = analyzed_through(server, name, reviews);
    const auto expected = ta::builtin_analyzer().analyze(reviews);
    for (std::size_t i = 0; i < results.size(); ++i) {
        BOOST_REQUIRE(results[i].score.has_value());
        BOOST_TEST(*results[i].score == (expected[i].vader->compound + 1) / 2,
                   boost::test_tools::tolerance(1e-9));
    }
}

BOOST_AUTO_TEST_CASE(ta_client_auto_settles_on_the_language_api) {
    const running_server server;
    ta::client_options options;
    options.endpoint = server.url();
    ta::client client(options);
    client.analyze(reviews);
    BOOST_TEST((client.resolved_api() == ta::api_version::language_2023_04_01));
}

BOOST_AUTO_TEST_CASE(ta_client_with_a_wrong_key_gets_401) {
    const running_server server("right");
    ta::client_options options;
    options.endpoint = server.url();
    options.key = "wrong";
    options.api = ta::api_version::v3_1;
    ta::client client(options);
    try {
        client.analyze(reviews);
        BOOST_FAIL("no error");
    } catch (const ta::http_error& e) {
        BOOST_TEST(e.status() == 401);
    }
}

BOOST_AUTO_TEST_CASE(many_connections_at_once_are_all_answered) {
    const running_server server;
    constexpr int clients = 48;
    constexpr int requests_each = 5;
    std::atomic<int> answered{0};
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back([&server, &answered, c] {
            // A transport each: its own kept-alive connection.
            const auto http = ta::make_curl_transport();
            for (int i = 0; i < requests_each; ++i) {
                const std::string body =
                    json{{"documents",
                          {{{"id", std::to_string(c)}, {"text", "Good day " + std::to_string(i)}}}}}
                        .dump();
                if (post(*http, server, v3_1_path, body).status == 200) {
                    ++answered;
                }
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    BOOST_TEST(answered.load() == clients * requests_each);
}

BOOST_AUTO_TEST_CASE(more_connections_than_threads_are_all_answered_without_waiting_for_idle_ones) {
    // Two threads, and an idle kept-alive connection kept a minute (no request deadline): had
    // the first two answers kept their connections, the other two would wait that long.
    const running_server server({}, 2, std::chrono::seconds(60), std::chrono::milliseconds(0));
    std::vector<int> connections;
    for (int i = 0; i < 4; ++i) {
        connections.push_back(connect_to(server, {20, 0})); // a safety net, not a measure
    }
    // Every connection accepted (and so queued for a thread) before the first is answered.
    while (ta::server::accepted_connections(server.port()).size() < connections.size()) {
        std::this_thread::yield();
    }
    for (const int fd : connections) {
        send_on(fd, "GET /ready HTTP/1.1\r\nHost: x\r\n\r\n");
    }
    int answered = 0;
    for (const int fd : connections) {
        const std::string answer = answer_on(fd);
        BOOST_TEST(answer.starts_with("HTTP/1.1 200 "), answer);
        answered += answer.starts_with("HTTP/1.1 200 ") ? 1 : 0;
        // As a client does: a connection the answer closes is closed; the others are kept.
        if (answer.find("\r\nConnection: close\r\n") != std::string::npos) {
            ::close(fd);
        }
    }
    BOOST_TEST(answered == 4);
    for (const int fd : connections) {
        ::close(fd); // those kept (a second close of the others fails harmlessly)
    }
}

BOOST_AUTO_TEST_CASE(ta_client_with_concurrency_gets_every_document) {
    const running_server server;
    ta::client_options options;
    options.endpoint = server.url();
    options.api = ta::api_version::v3_1;
    options.concurrency = 16;
    ta::client client(options);
    std::vector<ta::document> documents;
    for (int i = 0; i < 300; ++i) {
        documents.push_back({std::to_string(i), i % 2 == 0 ? "I love it" : "I hate it", "en"});
    }
    const auto results = client.analyze(documents);
    BOOST_REQUIRE(results.size() == documents.size());
    for (std::size_t i = 0; i < results.size(); ++i) {
        BOOST_TEST((results[i].sentiment ==
                    (i % 2 == 0 ? ta::sentiment_label::positive : ta::sentiment_label::negative)));
    }
}

BOOST_AUTO_TEST_CASE(one_log_line_per_request_without_the_key_or_the_texts) {
    running_server server("very-secret-key");
    auto http = ta::make_curl_transport();
    post(*http, server, v3_1_path, R"({"documents":[{"id":"1","text":"confidential words"}]})",
         {{"Ocp-Apim-Subscription-Key", "very-secret-key"}});
    post(*http, server, "/language/:analyze-text?api-version=2023-04-01",
         R"({"kind":"SentimentAnalysis","analysisInput":{"documents":[)"
         R"({"id":"1","text":"confidential words"},{"id":"2","text":"more"}]}})",
         {{"Ocp-Apim-Subscription-Key", "very-secret-key"}});
    post(*http, server, v3_1_path, "{}", {{"Ocp-Apim-Subscription-Key", "wrong-key"}});
    http.reset(); // its kept-alive connection would hold stop() until it timed out
    server.stop();
    const auto log = server.log();
    BOOST_REQUIRE(log.size() == 3U);
    BOOST_TEST(
        std::regex_match(log[0], std::regex("POST /text/analytics/v3\\.1/sentiment 200 1 doc "
                                            "[0-9]+\\.[0-9]{2} ms")),
        log[0]);
    BOOST_TEST(
        log[1].starts_with("POST /language/:analyze-text?api-version=2023-04-01 200 2 docs "),
        log[1]);
    BOOST_TEST(log[2].starts_with("POST /text/analytics/v3.1/sentiment 401 0 docs "), log[2]);
    for (const auto& line : log) {
        BOOST_TEST(line.find("secret") == std::string::npos);
        BOOST_TEST(line.find("wrong-key") == std::string::npos);
        BOOST_TEST(line.find("confidential") == std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(stop_ends_an_idle_kept_alive_connection_at_once) {
    running_server server;
    // Shorter than the 5 s an idle connection is otherwise kept after a stop.
    const int fd = connect_to(server, {3, 0});
    const auto answer = exchange_on(fd, "GET /ready HTTP/1.1\r\nHost: x\r\n\r\n");
    BOOST_REQUIRE(answer.starts_with("HTTP/1.1 200 ")); // and the connection stays
    server.stop();
    char buffer[64];
    BOOST_TEST(::recv(fd, buffer, sizeof buffer, 0) == 0); // closed, not timed out (-1)
    ::close(fd);
}

BOOST_AUTO_TEST_CASE(stop_returns_and_the_port_then_refuses) {
    running_server server;
    const std::string url = server.url();
    server.stop();
    ta::curl_transport_options options;
    options.connect_timeout = std::chrono::milliseconds(5'000);
    const auto http = ta::make_curl_transport(options);
    BOOST_CHECK_THROW(http->send({"GET", url + "/ready", {}, ""}), ta::transport_error);
}

BOOST_AUTO_TEST_SUITE_END()
