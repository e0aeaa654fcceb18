// ta-server's HTTP side: cpp-httplib serving service_routes on its own threads, every answer
// with an apim-request-id and the service's JSON content type, one log line per request.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "service_routes.hpp"

namespace ta::server {

struct http_server_options {
    std::string host = "127.0.0.1";
    int port = 5000; ///< 0 = a free port
    /// Connections served at once (each kept-alive connection holds a thread while it is open;
    /// while connections wait for one, every answer closes its connection); 0 =
    /// default_thread_count().
    std::size_t threads = 0;
    /// An idle kept-alive connection gives its thread back after this long.
    std::chrono::seconds keep_alive{5};
    /// A connection must deliver each whole request (headers and body) within this long of its
    /// opening or of its previous answer, or it is closed: a slow client (slowloris) cannot hold
    /// a thread for ever. 0 = no limit but httplib's own (5 s between two reads).
    std::chrono::milliseconds request_timeout{10'000};
    /// Called with each request's log line (no line break), from the serving threads; empty =
    /// no log.
    std::function<void(std::string_view)> log;
};

/// Four threads per core, at least 32 and at most 256: a client such as ta keeps up to 64
/// connections open, an SDK a few; the work per request is short.
std::size_t default_thread_count() noexcept;

class http_server {
  public:
    /// Binds host:port and starts serving on a thread of its own. Throws std::runtime_error
    /// when the address cannot be bound.
    http_server(service_routes routes, http_server_options options);
    /// Stops (as stop()) and joins the threads.
    ~http_server();
    http_server(const http_server&) = delete;
    http_server& operator=(const http_server&) = delete;

    /// The bound port (the one picked when options.port was 0).
    int port() const noexcept;
    /// "http://HOST:PORT" ("http://[::1]:PORT" for an IPv6 host).
    std::string url() const;
    /// Stops accepting, lets the requests in progress finish, ends the idle kept-alive
    /// connections, returns once the threads are done. Safe from any thread; idempotent.
    void stop();

  private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace ta::server
