// open_async(), the path ta::client takes, over real HTTP on loopback: ta's own HTTP/1.1 client
// (plain http:// to an address) and libcurl's multi interface side by side, against the fake
// service, the fault proxy and a server that writes exactly the bytes a test gives it. Both
// must behave alike; where they cannot (content codings), the test says so.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include <ta/error.hpp>
#include <ta/transport.hpp>
#include <ta/version.hpp>

#include "fake_service.hpp"
#include "fault_proxy.hpp"
#include "loopback.hpp"
#include "loopback_listener.hpp"
#include "scoped_environment.hpp"
#include "service_requests.hpp"
#include "transport_failure.hpp"

BOOST_AUTO_TEST_SUITE(native_http)

namespace data = boost::unit_test::data;
using json = nlohmann::json;
using namespace std::chrono_literals;
using ta::test::fake_service;
using ta::test::fault;
using ta::test::fault_kind;
using ta::test::transport_failure;

// The helpers are in the suite's namespace, not an anonymous one: the test cases' lambdas
// capture them.

/// true: ta's own client; false: libcurl's multi interface.
const auto both_clients = data::make({true, false});

/// Requests through open_async(), waited for as ta::client waits for them.
struct async_http {
    explicit async_http(bool native, ta::curl_transport_options options = {}) {
        options.native_http = native;
        http = ta::make_curl_transport(options);
        loop = http->open_async();
    }

    /// One request; its transport_error is thrown.
    ta::http_response send(const ta::http_request& request) {
        auto done = send_all({request});
        if (done[0].failure) {
            std::rethrow_exception(done[0].failure);
        }
        return std::move(done[0].response);
    }

    /// All at once; the completions in the order of the requests.
    std::vector<ta::async_transport::completion>
    send_all(const std::vector<ta::http_request>& requests) {
        for (std::size_t i = 0; i < requests.size(); ++i) {
            loop->start(requests[i], i);
        }
        std::vector<ta::async_transport::completion> ordered(requests.size());
        std::size_t got = 0;
        const auto give_up = std::chrono::steady_clock::now() + 30s;
        while (got < requests.size()) {
            BOOST_REQUIRE(std::chrono::steady_clock::now() < give_up);
            std::vector<ta::async_transport::completion> done;
            loop->wait(1s, done);
            for (auto& c : done) {
                BOOST_TEST_REQUIRE(c.tag < requests.size());
                ordered[c.tag] = std::move(c);
                ++got;
            }
        }
        return ordered;
    }

    std::unique_ptr<ta::transport> http;
    std::unique_ptr<ta::async_transport> loop;
};

ta::http_request post(const std::string& url, const json& body, ta::http_headers extra = {}) {
    ta::http_headers headers{{"Content-Type", "application/json"}};
    headers.insert(headers.end(), extra.begin(), extra.end());
    return {"POST", url, headers, body.dump()};
}

json language_request(const std::string& id, const std::string& text) {
    return ta::test::language_body({{{"id", id}, {"language", "en"}, {"text", text}}});
}

const json one_document = language_request("1", "The food was good. The staff were awful.");

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

/// A server on 127.0.0.1 that reads each request whole (head, then a Content-Length body) and
/// writes the next scripted bytes back, closing the connection after them when the script says
/// so; with nothing scripted, a 200 of two bytes.
class raw_server {
  public:
    struct reply {
        std::string bytes;
        bool close_after = false;
        bool before_the_body = false; ///< written once the head is in, then the connection closes
    };

    raw_server() {
        const auto listening = ta::test::listen_on_loopback(16);
        listener_ = listening.fd;
        port_ = listening.port;
        acceptor_ = std::thread([this] { accept_loop(); });
    }

    /// On ::1 instead; available() says whether this machine has an IPv6 loopback.
    struct on_ipv6 {};
    explicit raw_server(on_ipv6) {
        listener_ = ::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in6 address{};
        address.sin6_family = AF_INET6;
        address.sin6_addr = in6addr_loopback;
        socklen_t length = sizeof address;
        if (listener_ < 0 ||
            ::bind(listener_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
            ::listen(listener_, 16) != 0 ||
            ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
            available_ = false;
            return;
        }
        port_ = ntohs(address.sin6_port);
        acceptor_ = std::thread([this] { accept_loop(); });
    }

    bool available() const { return available_; }
    int port() const { return port_; }

    ~raw_server() {
        stopping_ = true;
        if (!available_) {
            if (listener_ >= 0) {
                ::close(listener_);
            }
            return;
        }
        ::shutdown(listener_, SHUT_RDWR);
        acceptor_.join();
        {
            const std::lock_guard lock(mutex_);
            for (const int fd : open_) {
                ::shutdown(fd, SHUT_RDWR);
            }
        }
        for (auto& t : serving_) {
            t.join();
        }
        ::close(listener_);
    }

    raw_server(const raw_server&) = delete;
    raw_server& operator=(const raw_server&) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

    void script(std::string bytes, bool close_after = false) {
        const std::lock_guard lock(mutex_);
        replies_.push_back({std::move(bytes), close_after, false});
    }

    /// The next answer goes as soon as the request's head is in; the body is never read and the
    /// connection closes (a service refusing a body too large).
    void script_before_the_body(std::string bytes) {
        const std::lock_guard lock(mutex_);
        replies_.push_back({std::move(bytes), true, true});
    }

    std::size_t connections() const { return connections_; }

    /// The request line and headers of every request, in arrival order.
    std::vector<std::string> heads() const {
        const std::lock_guard lock(mutex_);
        return heads_;
    }

  private:
    void accept_loop() {
        for (;;) {
            const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd < 0) {
                return; // shut down
            }
            if (stopping_) {
                ::close(fd);
                return;
            }
            ++connections_;
            const std::lock_guard lock(mutex_);
            open_.push_back(fd);
            serving_.emplace_back([this, fd] { serve(fd); });
        }
    }

    void serve(int fd) {
        std::string in;
        char buffer[16384];
        for (;;) {
            std::size_t head_end = std::string::npos;
            while ((head_end = in.find("\r\n\r\n")) == std::string::npos) {
                const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
                if (got <= 0) {
                    ::close(fd);
                    return;
                }
                in.append(buffer, static_cast<std::size_t>(got));
            }
            const std::string head = in.substr(0, head_end);
            std::size_t length = 0;
            for (const char* name : {"Content-Length: ", "content-length: "}) {
                if (const auto at = head.find(name); at != std::string::npos) {
                    length = std::stoul(head.substr(at + std::strlen(name)));
                }
            }
            {
                const std::lock_guard lock(mutex_);
                if (!replies_.empty() && replies_.front().before_the_body) {
                    const std::string bytes = std::move(replies_.front().bytes);
                    replies_.pop_front();
                    heads_.push_back(head);
                    [[maybe_unused]] const auto sent =
                        ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
                    ::shutdown(fd, SHUT_WR);
                    ::close(fd);
                    return;
                }
            }
            while (in.size() < head_end + 4 + length) {
                const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
                if (got <= 0) {
                    ::close(fd);
                    return;
                }
                in.append(buffer, static_cast<std::size_t>(got));
            }
            in.erase(0, head_end + 4 + length);
            reply r{"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", false};
            {
                const std::lock_guard lock(mutex_);
                heads_.push_back(head);
                if (!replies_.empty()) {
                    r = std::move(replies_.front());
                    replies_.pop_front();
                }
            }
            std::size_t sent = 0;
            while (sent < r.bytes.size()) {
                const ssize_t wrote =
                    ::send(fd, r.bytes.data() + sent, r.bytes.size() - sent, MSG_NOSIGNAL);
                if (wrote <= 0) {
                    ::close(fd);
                    return;
                }
                sent += static_cast<std::size_t>(wrote);
            }
            if (r.close_after) {
                ::shutdown(fd, SHUT_WR);
                while (::recv(fd, buffer, sizeof buffer, 0) > 0) {
                }
                ::close(fd);
                return;
            }
        }
    }

    int listener_ = -1;
    int port_ = 0;
    bool available_ = true;
    std::atomic<bool> stopping_{false};
    std::atomic<std::size_t> connections_{0};
    std::thread acceptor_;
    mutable std::mutex mutex_;
    std::vector<std::thread> serving_;
    std::vector<int> open_;
    std::deque<reply> replies_;
    std::vector<std::string> heads_;
};

using ta::test::scoped_environment;

// ---------------------------------------------------------------------------------------------
// Requests and answers

BOOST_DATA_TEST_CASE(a_request_reaches_the_service_whole_and_its_answer_comes_back, both_clients,
                     native) {
    fake_service service;
    async_http http(native);

    const auto response =
        http.send(post(service.url() + ta::test::language_path + "&showStats=true", one_document,
                       {{"Ocp-Apim-Subscription-Key", "k-123"}}));

    BOOST_TEST(response.status == 200);
    BOOST_TEST(response.header("content-type") == "application/json; charset=utf-8");
    BOOST_TEST(!response.header("apim-request-id").empty());
    const json answer = json::parse(response.body);
    BOOST_TEST(answer["results"]["documents"][0]["id"] == "1");
    BOOST_TEST(answer["results"]["documents"][0]["sentiment"] == "mixed");

    const auto requests = service.requests();
    BOOST_TEST_REQUIRE(requests.size() == 1u);
    BOOST_TEST(requests[0].method == "POST");
    BOOST_TEST(requests[0].path == "/language/:analyze-text");
    BOOST_TEST(requests[0].query == "api-version=2023-04-01&showStats=true");
    BOOST_TEST(requests[0].header("ocp-apim-subscription-key") == "k-123");
    BOOST_TEST(requests[0].header("Content-Type") == "application/json");
    BOOST_TEST(!requests[0].has_header("Expect"));
    BOOST_TEST(requests[0].header("User-Agent").rfind(std::string("ta/") + TA_VERSION_STRING, 0) ==
               0u);
    BOOST_TEST(json::parse(requests[0].body) == one_document);
}

BOOST_DATA_TEST_CASE(a_header_with_an_empty_value_is_sent_empty, both_clients, native) {
    raw_server server;
    async_http http(native);

    http.send(post(server.url() + "/x", one_document, {{"X-Empty", ""}}));

    BOOST_TEST_REQUIRE(server.heads().size() == 1u);
    BOOST_TEST(contains(server.heads()[0] + "\r\n", "\r\nX-Empty:\r\n"), server.heads()[0]);
}

BOOST_DATA_TEST_CASE(a_configured_user_agent_is_sent_as_is, both_clients, native) {
    fake_service service;
    ta::curl_transport_options options;
    options.user_agent = "my-app/2.0";
    async_http http(native, options);

    http.send(post(service.url() + ta::test::language_path, one_document));

    BOOST_TEST(service.requests().at(0).header("User-Agent") == "my-app/2.0");
}

BOOST_DATA_TEST_CASE(requests_one_after_another_share_one_connection, both_clients, native) {
    fake_service service;
    async_http http(native);

    for (int i = 0; i < 5; ++i) {
        BOOST_TEST(http.send(post(service.url() + ta::test::language_path, one_document)).status ==
                   200);
    }

    const auto requests = service.requests();
    BOOST_TEST_REQUIRE(requests.size() == 5u);
    for (const auto& request : requests) {
        BOOST_TEST(request.remote_port == requests[0].remote_port);
    }
}

BOOST_DATA_TEST_CASE(requests_at_once_each_get_their_own_answer, both_clients, native) {
    fake_service service;
    async_http http(native);
    std::vector<ta::http_request> requests;
    for (int i = 0; i < 12; ++i) {
        requests.push_back(post(
            service.url() + ta::test::language_path,
            language_request("d" + std::to_string(i), i % 2 == 0 ? "I love it." : "I hate it.")));
    }

    for (int round = 0; round < 3; ++round) { // again on the connections kept
        const auto done = http.send_all(requests);
        for (std::size_t i = 0; i < done.size(); ++i) {
            BOOST_TEST_CONTEXT("round " << round << ", request " << i) {
                BOOST_TEST_REQUIRE(!done[i].failure);
                const json document = json::parse(done[i].response.body)["results"]["documents"][0];
                BOOST_TEST(document["id"] == "d" + std::to_string(i));
                BOOST_TEST(document["sentiment"] == (i % 2 == 0 ? "positive" : "negative"));
            }
        }
    }
}

BOOST_DATA_TEST_CASE(a_body_over_1_mb_gets_the_services_413, both_clients, native) {
    fake_service service;
    async_http http(native);

    const auto response = http.send(post(service.url() + ta::test::language_path,
                                         language_request("1", std::string(1'100'000, 'a'))));

    BOOST_TEST(response.status == 413);
    BOOST_TEST(json::parse(response.body)["error"]["innererror"]["code"] == "InvalidDocumentBatch");
}

BOOST_DATA_TEST_CASE(an_answer_before_the_body_was_all_sent_is_the_outcome, both_clients, native) {
    raw_server server;
    server.script_before_the_body(
        "HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\nContent-Length: 8\r\n\r\ntoo big!");
    async_http http(native);

    // More than the socket buffers hold, so the send is still under way when the answer comes.
    const auto response =
        http.send(post(server.url() + "/x", language_request("1", std::string(16'000'000, 'a'))));

    BOOST_TEST(response.status == 413);
    BOOST_TEST(response.body == "too big!");
}

BOOST_DATA_TEST_CASE(a_redirect_is_returned_not_followed, both_clients, native) {
    raw_server server;
    server.script("HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:9/elsewhere\r\n"
                  "Content-Length: 0\r\n\r\n");
    async_http http(native);

    const auto response = http.send(post(server.url() + "/x", one_document));

    BOOST_TEST(response.status == 307);
    BOOST_TEST(response.header("Location") == "http://127.0.0.1:9/elsewhere");
    BOOST_TEST(server.heads().size() == 1u);
}

BOOST_DATA_TEST_CASE(localhost_finds_a_server_on_the_ipv6_loopback_alone, both_clients, native) {
    raw_server server{raw_server::on_ipv6{}};
    if (!server.available()) {
        BOOST_TEST_MESSAGE("skipped: this machine has no IPv6 loopback");
        return;
    }
    async_http http(native);

    const std::string port = std::to_string(server.port());
    // ta's own client tries 127.0.0.1 first (refused there), then ::1.
    BOOST_TEST(http.send(post("http://localhost:" + port + "/x", one_document)).body == "ok");
    BOOST_TEST(http.send(post("http://[::1]:" + port + "/x", one_document)).body == "ok");

    const auto heads = server.heads();
    BOOST_TEST_REQUIRE(heads.size() == 2u);
    BOOST_TEST(contains(heads[0], "\r\nHost: localhost:" + port + "\r\n"), heads[0]);
    BOOST_TEST(contains(heads[1], "\r\nHost: [::1]:" + port + "\r\n"), heads[1]);
}

// ---------------------------------------------------------------------------------------------
// Framing

BOOST_DATA_TEST_CASE(a_chunked_answer_arrives_joined, both_clients, native) {
    raw_server server;
    server.script("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                  "4\r\n{\"a\"\r\n3;x=y\r\n:12\r\n1\r\n}\r\n0\r\nX-Trailer: t\r\n\r\n");
    async_http http(native);

    const auto response = http.send(post(server.url() + "/x", one_document));

    BOOST_TEST(response.status == 200);
    BOOST_TEST(response.body == "{\"a\":12}");
    BOOST_TEST(http.send(post(server.url() + "/x", one_document)).body == "ok");
    BOOST_TEST(server.connections() == 1u);
}

BOOST_DATA_TEST_CASE(an_answer_that_runs_until_the_close_arrives_whole, both_clients, native) {
    raw_server server;
    server.script("HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{\"until\":\"close\"}",
                  true);
    async_http http(native);

    BOOST_TEST(http.send(post(server.url() + "/x", one_document)).body == "{\"until\":\"close\"}");
    BOOST_TEST(http.send(post(server.url() + "/x", one_document)).body == "ok");
    BOOST_TEST(server.connections() == 2u);
}

BOOST_DATA_TEST_CASE(an_interim_100_continue_is_passed_over, both_clients, native) {
    raw_server server;
    server.script(
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 4\r\n\r\ndone");
    async_http http(native);

    const auto response = http.send(post(server.url() + "/x", one_document));

    BOOST_TEST(response.status == 201);
    BOOST_TEST(response.body == "done");
}

BOOST_DATA_TEST_CASE(connection_close_makes_the_next_request_open_a_new_one, both_clients, native) {
    raw_server server;
    server.script("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 3\r\n\r\none", true);
    async_http http(native);

    BOOST_TEST(http.send(post(server.url() + "/x", one_document)).body == "one");
    BOOST_TEST(http.send(post(server.url() + "/x", one_document)).body == "ok");
    BOOST_TEST(server.connections() == 2u);
}

BOOST_DATA_TEST_CASE(a_server_closing_a_kept_connection_unannounced_is_not_a_fault, both_clients,
                     native) {
    raw_server server;
    // Kept alive by HTTP/1.1's default, then closed as if idle too long.
    server.script("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst", true);
    async_http http(native);

    BOOST_TEST(http.send(post(server.url() + "/x", one_document)).body == "first");
    // Whether the close reaches the client before the next request or after it is sent, the
    // next request is answered: on a new connection, or sent again on one.
    BOOST_TEST(http.send(post(server.url() + "/x", one_document)).body == "ok");
    BOOST_TEST(server.connections() == 2u);
}

BOOST_DATA_TEST_CASE(what_is_not_http_is_a_transport_error, both_clients, native) {
    raw_server server;
    server.script("SSH-2.0-OpenSSH_9.2\r\n\r\n", true);
    async_http http(native);

    BOOST_CHECK_THROW(http.send(post(server.url() + "/x", one_document)), ta::transport_error);
}

BOOST_AUTO_TEST_CASE(natively_an_answer_in_a_coding_ta_did_not_ask_for_is_refused) {
    raw_server server;
    server.script("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\nxxxx");
    async_http http(true);

    const auto e = transport_failure([&] { http.send(post(server.url() + "/x", one_document)); });

    BOOST_TEST(contains(e.what(), "the answer from 127.0.0.1:"), e.what());
    BOOST_TEST(contains(e.what(), "is encoded as \"gzip\", which ta did not ask for"), e.what());
    // It asked for none.
    BOOST_TEST(!contains(server.heads().at(0), "Accept-Encoding"));
}

// ---------------------------------------------------------------------------------------------
// Faults

BOOST_DATA_TEST_CASE(a_refused_connection_names_the_host_and_the_reason, both_clients, native) {
    const int port = ta::test::closed_port();
    async_http http(native);

    const auto e = transport_failure(
        [&] { http.send(post("http://127.0.0.1:" + std::to_string(port) + "/x", one_document)); });

    BOOST_TEST(e.what() ==
               "could not connect to 127.0.0.1:" + std::to_string(port) + " (connection refused)");
    BOOST_TEST(!e.timed_out());
}

BOOST_DATA_TEST_CASE(a_host_that_never_accepts_hits_the_connect_timeout, both_clients, native) {
    const ta::test::full_listener listener;
    ta::curl_transport_options options;
    options.connect_timeout = 200ms;
    async_http http(native, options);

    const auto e = transport_failure([&] {
        http.send(post("http://127.0.0.1:" + std::to_string(listener.port()) + "/x", one_document));
    });

    BOOST_TEST(e.timed_out());
    BOOST_TEST(e.what() ==
               "timed out after 0.2 s connecting to 127.0.0.1:" + std::to_string(listener.port()));
}

BOOST_DATA_TEST_CASE(a_stalled_answer_hits_the_request_timeout_and_the_next_request_works,
                     both_clients, native) {
    fake_service service;
    ta::test::fault_proxy proxy(service.url());
    proxy.script(fault::stall());
    ta::curl_transport_options options;
    options.timeout = 300ms;
    async_http http(native, options);

    const auto e = transport_failure(
        [&] { http.send(post(proxy.url() + ta::test::language_path, one_document)); });

    BOOST_TEST(e.timed_out());
    BOOST_TEST(e.what() == "timed out after 0.3 s waiting for an answer from 127.0.0.1:" +
                               std::to_string(proxy.port()));
    BOOST_TEST(http.send(post(proxy.url() + ta::test::language_path, one_document)).status == 200);
}

BOOST_DATA_TEST_CASE(a_drop_on_a_new_connection_is_closed_without_answering, both_clients, native) {
    fake_service service;
    ta::test::fault_proxy proxy(service.url());
    proxy.script(fault::drop());
    async_http http(native);

    const auto e = transport_failure(
        [&] { http.send(post(proxy.url() + ta::test::language_path, one_document)); });

    BOOST_TEST(e.what() == "127.0.0.1:" + std::to_string(proxy.port()) +
                               " closed the connection without answering");
    BOOST_TEST(!e.timed_out());
}

BOOST_DATA_TEST_CASE(a_reset_on_a_new_connection_says_reset, both_clients, native) {
    fake_service service;
    ta::test::fault_proxy proxy(service.url());
    proxy.script(fault::reset());
    async_http http(native);

    const auto e = transport_failure(
        [&] { http.send(post(proxy.url() + ta::test::language_path, one_document)); });

    BOOST_TEST(contains(e.what(), "reset"), e.what());
}

BOOST_DATA_TEST_CASE(a_connection_fault_on_a_reused_connection_is_sent_again_once,
                     both_clients* data::make({fault_kind::drop, fault_kind::reset}), native,
                     kind) {
    const fault f = kind == fault_kind::drop ? fault::drop() : fault::reset();
    fake_service service;
    ta::test::fault_proxy proxy(service.url());
    async_http http(native);
    BOOST_TEST_REQUIRE(
        http.send(post(proxy.url() + ta::test::language_path, one_document)).status == 200);
    proxy.script(f);

    BOOST_TEST(http.send(post(proxy.url() + ta::test::language_path, one_document)).status == 200);

    BOOST_TEST(proxy.requests_seen() == 3u);
    BOOST_TEST(proxy.connections_accepted() == 2u);

    proxy.script(f, 2); // twice in a row: the second reaches the caller
    BOOST_CHECK_THROW(http.send(post(proxy.url() + ta::test::language_path, one_document)),
                      ta::transport_error);
    BOOST_TEST(proxy.requests_seen() == 5u);
}

BOOST_DATA_TEST_CASE(a_truncated_answer_says_how_much_was_missing, both_clients, native) {
    fake_service service;
    ta::test::fault_proxy proxy(service.url());
    proxy.script(fault::truncate(10));
    async_http http(native);

    const auto e = transport_failure(
        [&] { http.send(post(proxy.url() + ta::test::language_path, one_document)); });

    BOOST_TEST(contains(e.what(), "transfer closed with"), e.what());
    BOOST_TEST(proxy.forwarded() == 1u);
}

BOOST_DATA_TEST_CASE(an_answer_past_the_cap_is_refused_saying_so, both_clients, native) {
    fake_service service;
    ta::curl_transport_options options;
    options.max_response_bytes = 100;
    async_http http(native, options);

    const auto e = transport_failure(
        [&] { http.send(post(service.url() + ta::test::language_path, one_document)); });

    BOOST_TEST(e.what() == "the answer from 127.0.0.1:" + std::to_string(service.port()) +
                               " is larger than 100 bytes; no sentiment answer is that large: is "
                               "the endpoint right?");
}

BOOST_DATA_TEST_CASE(cancel_drops_what_is_in_flight_and_the_transport_goes_on, both_clients,
                     native) {
    fake_service service;
    ta::test::fault_proxy proxy(service.url());
    proxy.script(fault::stall());
    async_http http(native);
    const auto stalled = post(proxy.url() + ta::test::language_path, one_document);
    http.loop->start(stalled, 99);
    std::vector<ta::async_transport::completion> done;
    http.loop->wait(50ms, done);
    BOOST_TEST(done.empty());

    http.loop->cancel();

    BOOST_TEST(http.send(post(proxy.url() + ta::test::language_path, one_document)).status == 200);
}

// ---------------------------------------------------------------------------------------------
// Proxies: whatever libcurl would send through a proxy goes through libcurl, and to the proxy.

BOOST_DATA_TEST_CASE(a_proxy_from_the_environment_is_used_for_plain_http, both_clients, native) {
    raw_server proxy;
    const int port = ta::test::closed_port();
    const std::string target = "http://127.0.0.1:" + std::to_string(port) + "/x";
    scoped_environment no_proxy("no_proxy", nullptr);
    scoped_environment no_proxy_upper("NO_PROXY", nullptr);
    scoped_environment http_proxy("http_proxy", proxy.url().c_str());
    async_http http(native);

    BOOST_TEST(http.send(post(target, one_document)).body == "ok");

    BOOST_TEST_REQUIRE(proxy.heads().size() == 1u);
    BOOST_TEST(proxy.heads()[0].rfind("POST " + target + " HTTP/1.1\r\n", 0) == 0u,
               proxy.heads()[0]);
}

BOOST_DATA_TEST_CASE(no_proxy_naming_the_host_sends_it_direct, both_clients, native) {
    raw_server proxy;
    raw_server direct;
    scoped_environment http_proxy("http_proxy", proxy.url().c_str());
    scoped_environment no_proxy("no_proxy", "127.0.0.1");
    async_http http(native);

    BOOST_TEST(http.send(post(direct.url() + "/x", one_document)).body == "ok");

    BOOST_TEST(proxy.heads().empty());
    BOOST_TEST(direct.heads().size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
