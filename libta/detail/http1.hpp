// ta's own HTTP/1.1 client for plain http:// to an address (the local container, ta-server):
// the reader of an answer, from bytes as they arrive, and the client that drives connections
// from the transport's event loop. Everything else (https, proxies, names to resolve, HTTP/2)
// stays with libcurl; see http1_target_for().
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ta/transport.hpp>

namespace ta::detail {

/// One HTTP/1.1 answer read from a byte stream, in pieces of any size: the status line, the
/// headers, and a body framed by Content-Length, chunked, or the end of the connection. Interim
/// 1xx answers are skipped. Nothing is decoded: the client asks for no content coding, so an
/// answer that has one fails.
class http1_reader {
  public:
    enum class state { incomplete, complete, failed };

    /// Ready for the next answer. `no_body`: the answer to a HEAD request.
    void reset(bool no_body, std::size_t max_body_bytes);

    /// Reads what it can of `data`: returns how many bytes belong to this answer (all of them
    /// unless it completed or failed within `data`).
    std::size_t feed(const char* data, std::size_t size);
    /// The connection ended: completes a body that runs until then, else fails.
    void end_of_stream();

    state status() const noexcept { return state_; }
    /// Whether any byte of an answer was read (a connection that ends before one may be retried).
    bool started() const noexcept { return started_; }
    /// Why it failed, as the end of a sentence ("the answer's Content-Length is not a number").
    const std::string& failure() const noexcept { return failure_; }
    /// The answer's body passed max_body_bytes (failure() says so too).
    bool too_large() const noexcept { return too_large_; }
    /// After complete: whether the connection may carry another request.
    bool keep_alive() const noexcept { return keep_alive_; }
    /// After complete: the answer (leaves the reader empty).
    http_response take();

  private:
    enum class phase { head, body_length, chunk_size, chunk_data, chunk_end, trailer, until_close };

    std::size_t read_head(const char* data, std::size_t size);
    bool parse_head(); // false: failed, or an interim answer skipped
    std::size_t read_chunk_line(const char* data, std::size_t size);
    bool append_body(const char* data, std::size_t size);
    void fail(std::string why);
    void complete();

    state state_ = state::incomplete;
    phase phase_ = phase::head;
    bool no_body_ = false;
    bool started_ = false;
    bool too_large_ = false;
    bool keep_alive_ = false;
    std::size_t max_body_ = 0;
    std::size_t remaining_ = 0; ///< bytes of the body or of the chunk still to come
    std::size_t scanned_ = 0;   ///< head_ bytes already searched for the blank line
    std::string head_;          ///< the header section (or a chunk-size or trailer line) so far
    std::string failure_;
    http_response response_;
};

/// Where a URL sends a request through the native client.
struct http1_target {
    std::string host;        ///< as in the URL: "127.0.0.1", "[::1]", "localhost"
    std::string host_header; ///< "127.0.0.1:5000", or the host alone on port 80
    std::string shown;       ///< "127.0.0.1:5000": for messages
    std::string path;        ///< "/language/:analyze-text?api-version=2023-04-01"
    std::uint16_t port = 80;
};

/// The target when the native client may take `url`: http://, a host that is an IP address or
/// "localhost", no user name or password, and no proxy in the environment that libcurl would use
/// for it (http_proxy, all_proxy, ALL_PROXY, unless no_proxy names the host exactly or is "*").
/// Anything else goes through libcurl.
std::optional<http1_target> http1_target_for(const std::string& url);

/// Requests in flight on kept-alive HTTP/1.1 connections, one request a connection, all driven
/// by the event loop of the thread that owns the epoll set. Each connection's socket is in it
/// with data.u64 = epoll_tag | its socket's generation << 33 | its number: whatever has bit 32
/// set goes to on_event().
class http1_client {
  public:
    struct settings {
        std::chrono::milliseconds connect_timeout;
        std::chrono::milliseconds timeout; ///< the whole request
        std::string user_agent;
        std::size_t max_response_bytes = 0;
    };
    using completion = async_transport::completion;
    using time_point = std::chrono::steady_clock::time_point;

    static constexpr std::uint64_t epoll_tag = std::uint64_t{1} << 32;

    http1_client(int epoll_fd, settings s);
    ~http1_client();
    http1_client(const http1_client&) = delete;
    http1_client& operator=(const http1_client&) = delete;

    /// Whether the native client can send `request` (its method and headers) to `target`.
    static bool can_send(const http_request& request);

    /// Starts `request` (which stays alive until its completion) on an idle connection to the
    /// target or a new one. A completion that is known at once (no address) goes to `done`.
    void start(const http_request& request, const http1_target& target, std::uint64_t tag,
               time_point now, std::vector<completion>& done);
    /// What epoll said (`data` is the event's data.u64).
    void on_event(std::uint64_t data, std::uint32_t events, time_point now,
                  std::vector<completion>& done);
    /// The earliest deadline of a request in flight.
    std::optional<time_point> next_deadline() const;
    /// Fails every request whose deadline is past.
    void expire(time_point now, std::vector<completion>& done);
    /// Drops every request in flight (their connections close); idle connections stay.
    void cancel();

  private:
    struct connection;

    connection& open(const http1_target& target, time_point now);
    void begin_connect(connection& c, time_point now);
    void send_request(connection& c, time_point now, std::vector<completion>& done);
    void write_some(connection& c, time_point now, std::vector<completion>& done);
    void read_some(connection& c, time_point now, std::vector<completion>& done);
    /// After a failed send: whether the server had answered already (a 413 before it stopped
    /// reading the body); that answer is then the request's completion.
    bool answered_already(connection& c, std::vector<completion>& done);
    void finish(connection& c, std::vector<completion>& done);
    void fail(connection& c, const std::string& message, bool timed_out,
              std::vector<completion>& done);
    /// A connection that failed before any byte of the answer: tries once more on a new one
    /// when it had carried a request before (the server may have closed it as idle), else fails.
    void retry_or_fail(connection& c, const std::string& message, time_point now,
                       std::vector<completion>& done);
    void watch(connection& c, bool writable);
    static std::uint64_t event_data(const connection& c) noexcept;
    void close_connection(connection& c);

    int epoll_;
    settings settings_;
    std::vector<std::unique_ptr<connection>> connections_; ///< by number; closed ones are reused
    std::vector<std::uint32_t> free_;                      ///< numbers of closed connections
    std::size_t busy_ = 0;                                 ///< connections with a request
};

} // namespace ta::detail
