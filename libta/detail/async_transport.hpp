// The client's side of the HTTP seam: many requests in flight at once, driven from one thread.
// libcurl's multi interface is one; a blocking ta::transport (a test's fake, an embedder's own)
// is adapted to it by running each send() on a thread of its own.
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

/// Each request of `blocking` on a thread of its own (kept for the next request), so that
/// send() is called concurrently as before.
std::unique_ptr<async_transport> make_threaded_async_transport(std::shared_ptr<transport> blocking);

} // namespace ta::detail
