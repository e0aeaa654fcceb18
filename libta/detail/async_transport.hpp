// The client's own side of the HTTP seam: many requests in flight at once, driven from one
// thread (libcurl's multi interface). A ta::transport the caller gives is blocking, and driven
// by threads instead (libta/stream_driver.cpp's run_stream).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <vector>

#include <ta/transport.hpp>

namespace ta::detail {

class async_transport {
  public:
    /// One request that is over: its answer, or why there is none (a ta::transport_error).
    struct completion {
        std::uint64_t tag = 0;
        http_response response;
        std::exception_ptr failure;
    };

    virtual ~async_transport() = default;

    /// Starts a request. `request` must stay alive, unchanged, until its completion is handed
    /// out; `tag` names it there.
    virtual void start(const http_request& request, std::uint64_t tag) = 0;
    /// Waits until a request is over, `timeout` has passed or wake() was called, then appends
    /// every completion there is to `done`. The thread that calls start() calls it.
    virtual void wait(std::chrono::milliseconds timeout, std::vector<completion>& done) = 0;
    /// From any thread: makes the current or the next wait() return soon.
    virtual void wake() = 0;
    /// Drops every request not over yet (their completions never come), once none is still
    /// being read; after it, the requests may go.
    virtual void cancel() = 0;
};

/// libcurl's multi interface: one thread, every transfer at once, connections kept.
std::unique_ptr<async_transport> make_curl_async_transport(const curl_transport_options& options);

} // namespace ta::detail
