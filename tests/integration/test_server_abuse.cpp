// The built ta-server, as a process, under abuse over raw sockets on loopback: bodies over the
// limit, malformed JSON and requests, slow and stalled clients (slowloris), and many connections
// at once. It answers with the service's error bodies, cuts off the clients that would hold its
// threads, and keeps serving the others. --request-timeout is short so that no case waits long.
#include <chrono>
#include <csignal>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "server_process.hpp"

using json = nlohmann::json;
using std::chrono::milliseconds;
using ta::test::server_process;

namespace {

using steady = std::chrono::steady_clock;

const std::string v3_1_path = "/text/analytics/v3.1/sentiment";
const std::string good_body = R"({"documents":[{"id":"1","text":"I love it","language":"en"}]})";

/// ta-server on a free port; `threads` serving threads, requests due within `request_timeout`.
server_process start_server(std::size_t threads, const std::string& request_timeout = "0.3") {
    return server_process({TA_SERVER_BINARY, "--port", "0", "--threads", std::to_string(threads),
                           "--request-timeout", request_timeout});
}

int port_of(const server_process& server) {
    return std::stoi(server.url().substr(server.url().rfind(':') + 1));
}

/// A TCP connection that closes itself.
class connection {
  public:
    explicit connection(const server_process& server) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
        BOOST_REQUIRE(fd_ >= 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<std::uint16_t>(port_of(server)));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        BOOST_REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    }
    ~connection() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    connection(const connection&) = delete;
    connection& operator=(const connection&) = delete;
    connection(connection&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

    /// False when the server has closed the connection (the write fails).
    bool send(const std::string& bytes) {
        return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
               static_cast<ssize_t>(bytes.size());
    }

    /// Reads until a whole answer (head and Content-Length's body) is in, the connection ends,
    /// or `limit` passes (a safety net against a hang, not a wait).
    std::string answer(milliseconds limit = milliseconds(20'000)) {
        std::string text;
        const auto deadline = steady::now() + limit;
        while (!whole(text)) {
            const auto left =
                std::chrono::duration_cast<milliseconds>(deadline - steady::now()).count();
            pollfd p{fd_, POLLIN, 0};
            if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) <= 0) {
                break;
            }
            char buffer[8192];
            const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
            if (n <= 0) {
                ended_ = true;
                break;
            }
            text.append(buffer, static_cast<std::size_t>(n));
        }
        return text;
    }

    /// Whether the server closed the connection within `limit` (reading what it sent till then).
    bool closed_within(milliseconds limit) {
        const auto deadline = steady::now() + limit;
        while (!ended_ && steady::now() < deadline) {
            answer(std::chrono::duration_cast<milliseconds>(deadline - steady::now()));
        }
        return ended_;
    }

  private:
    static bool whole(const std::string& text) {
        const auto head_end = text.find("\r\n\r\n");
        const auto length_at = text.find("Content-Length: ");
        return head_end != std::string::npos && length_at != std::string::npos &&
               text.size() >= head_end + 4 + std::stoul(text.substr(length_at + 16));
    }

    int fd_;
    bool ended_ = false;
};

std::string request(const std::string& method, const std::string& path, const std::string& body,
                    const std::string& extra_headers = "") {
    std::string text = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers;
    if (method == "POST") {
        text += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                "\r\n";
    }
    return text + "\r\n" + body;
}

int status_of(const std::string& answer) {
    return answer.starts_with("HTTP/1.1 ") && answer.size() >= 12 ? std::stoi(answer.substr(9, 3))
                                                                  : 0;
}

json body_of(const std::string& answer) {
    const auto head_end = answer.find("\r\n\r\n");
    return json::parse(head_end == std::string::npos ? "" : answer.substr(head_end + 4));
}

/// A request on a fresh connection; its answer.
std::string answer_to(const server_process& server, const std::string& bytes) {
    connection c(server);
    BOOST_REQUIRE(c.send(bytes));
    return c.answer();
}

/// The server still scores: a good request on a new connection gets its 200.
void still_serves(const server_process& server) {
    const auto answer = answer_to(server, request("POST", v3_1_path, good_body));
    BOOST_TEST_REQUIRE(status_of(answer) == 200, answer);
    BOOST_TEST(body_of(answer)["documents"][0]["sentiment"] == "positive");
}

/// Stops the server with SIGTERM: it must still be running, and stop cleanly.
void stops_cleanly(server_process& server) {
    const auto stopped = server.stop(SIGTERM);
    BOOST_TEST(stopped.signal_number == 0, stopped.err);
    BOOST_TEST(stopped.exit_code == 0, stopped.err);
}

} // namespace

BOOST_AUTO_TEST_SUITE(server_abuse)

BOOST_AUTO_TEST_CASE(a_body_over_one_megabyte_is_413_with_the_service_body_and_it_goes_on) {
    auto server = start_server(4, "10");
    const std::string text(1'100'000, 'a');
    const std::string body = json{{"documents", {{{"id", "1"}, {"text", text}}}}}.dump();
    const auto answer = answer_to(server, request("POST", v3_1_path, body));
    BOOST_TEST(status_of(answer) == 413, answer.substr(0, 200));
    BOOST_TEST(body_of(answer)["error"]["innererror"]["code"] == "InvalidDocumentBatch");
    still_serves(server);
    stops_cleanly(server);
}

BOOST_AUTO_TEST_CASE(a_huge_content_length_that_never_comes_cannot_hold_a_thread) {
    // 10 GB announced, nothing sent, on the only thread: httplib would wait to skip the body.
    auto server = start_server(1, "0.3");
    connection c(server);
    BOOST_REQUIRE(c.send("POST " + v3_1_path +
                         " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         "Content-Length: 10000000000\r\n\r\n"));
    BOOST_TEST(c.closed_within(milliseconds(4'000)));
    still_serves(server);
    stops_cleanly(server);
}

BOOST_AUTO_TEST_CASE(malformed_json_is_400_invalid_request_body_format) {
    auto server = start_server(4, "10");
    for (const std::string body : {R"({"documents":[{)", "\xff\xfe not json", "[]", "null"}) {
        const auto answer = answer_to(server, request("POST", v3_1_path, body));
        BOOST_TEST(status_of(answer) == 400, answer);
        BOOST_TEST(body_of(answer)["error"]["code"] == "InvalidRequest", answer);
    }
    const auto answer = answer_to(server, request("POST", v3_1_path, R"({"documents":[{)"));
    BOOST_TEST(body_of(answer)["error"]["innererror"]["code"] == "InvalidRequestBodyFormat");
    still_serves(server);
    stops_cleanly(server);
}

BOOST_AUTO_TEST_CASE(garbage_instead_of_a_request_gets_a_json_400) {
    auto server = start_server(4, "10");
    std::string binary;
    for (int i = 0; i < 256; ++i) {
        binary += static_cast<char>(i);
    }
    for (const std::string& bytes : {std::string("NONSENSE\r\n\r\n"), binary + "\r\n\r\n"}) {
        const auto answer = answer_to(server, bytes);
        BOOST_TEST(status_of(answer) == 400, answer);
        BOOST_TEST(body_of(answer)["error"]["code"] == "InvalidRequest", answer);
    }
    still_serves(server);
    stops_cleanly(server);
}

BOOST_AUTO_TEST_CASE(clients_that_send_their_headers_byte_by_byte_are_cut_off) {
    // As many slow clients as threads: without a deadline per request they would hold every
    // thread for as long as they keep sending, and the good client would never be answered.
    auto server = start_server(2, "0.3");
    const std::string head = "POST " + v3_1_path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                             "X-Padding: " + std::string(400, 'x') + "\r\n";
    std::vector<connection> slow;
    slow.emplace_back(server);
    slow.emplace_back(server);
    std::atomic<bool> all_cut{false};
    std::thread trickle([&] {
        // A byte each 20 ms, far within httplib's 5 s between reads, for up to 8 s.
        for (std::size_t i = 0; i < head.size(); ++i) {
            bool any_open = false;
            for (auto& c : slow) {
                any_open = c.send(head.substr(i, 1)) || any_open;
            }
            if (!any_open) {
                all_cut = true;
                return;
            }
            std::this_thread::sleep_for(milliseconds(20));
        }
    });
    const auto started = steady::now();
    still_serves(server);
    const auto took = steady::now() - started;
    trickle.join();
    BOOST_TEST(all_cut.load());
    BOOST_TEST((took < std::chrono::seconds(5)));
    stops_cleanly(server);
}

BOOST_AUTO_TEST_CASE(clients_that_never_finish_their_request_are_closed) {
    auto server = start_server(2, "0.3");
    // Half a head, and half a body: then silence.
    connection half_head(server);
    BOOST_REQUIRE(half_head.send("POST " + v3_1_path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
    connection half_body(server);
    BOOST_REQUIRE(half_body.send(request("POST", v3_1_path, good_body).substr(0, 120)));
    still_serves(server);
    // Each is closed by the server (without an answer), well before httplib's 5 s would.
    BOOST_TEST(half_head.closed_within(milliseconds(4'000)));
    BOOST_TEST(half_body.closed_within(milliseconds(4'000)));
    stops_cleanly(server);
}

BOOST_AUTO_TEST_CASE(a_request_being_answered_late_is_not_cut_off) {
    // --latency longer than the request timeout: the deadline is for receiving, not answering.
    auto server = server_process(
        {TA_SERVER_BINARY, "--port", "0", "--latency", "800", "--request-timeout", "0.2"});
    still_serves(server);
    stops_cleanly(server);
}

BOOST_AUTO_TEST_CASE(many_connections_at_once_are_all_answered) {
    auto server = start_server(8, "10");
    constexpr int clients = 200;
    std::vector<connection> open;
    open.reserve(clients);
    for (int i = 0; i < clients; ++i) {
        open.emplace_back(server);
    }
    // Every one sends, then every one reads: the server answers them all, a few at a time.
    for (auto& c : open) {
        BOOST_REQUIRE(c.send(request("POST", v3_1_path, good_body, "Connection: close\r\n")));
    }
    int answered = 0;
    for (auto& c : open) {
        answered += status_of(c.answer()) == 200 ? 1 : 0;
    }
    BOOST_TEST(answered == clients);
    still_serves(server);
    stops_cleanly(server);
}

BOOST_AUTO_TEST_SUITE_END()
