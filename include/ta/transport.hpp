// The HTTP seam: libta's client speaks to the service through this interface. The default is
// libcurl (make_curl_transport); tests and embedders may supply their own.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ta {

using http_headers = std::vector<std::pair<std::string, std::string>>;

struct http_request {
    std::string method = "POST";
    std::string url;
    http_headers headers;
    std::string body;
};

struct http_response {
    int status = 0;
    http_headers headers; ///< names as the server sent them
    std::string body;

    /// The first header of that name (case-insensitive), or "" when absent.
    std::string header(std::string_view name) const;
};

/// Many requests in flight at once, all driven from one thread: the side of the seam the
/// client's event loop uses. libcurl's is its multi interface; a transport that only has
/// send() gets one that runs send() on a thread per request in flight.
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
    /// out or cancel() has returned; `tag` names it there.
    virtual void start(const http_request& request, std::uint64_t tag) = 0;
    /// Waits until a request is over, `timeout` has passed or wake() was called, then appends
    /// every completion there is to `done`. The thread that calls start() calls it. A
    /// transport whose answers come on a clock of its own (a test's) moves that clock instead
    /// of waiting.
    virtual void wait(std::chrono::milliseconds timeout, std::vector<completion>& done) = 0;
    /// From any thread: makes the current or the next wait() return soon.
    virtual void wake() = 0;
    /// Drops every request not over yet (their completions never come), once none is still
    /// being read; after it, the requests may go.
    virtual void cancel() = 0;
};

class transport {
  public:
    virtual ~transport() = default;
    /// Sends one request and returns the answer, whatever its status. May be called from
    /// several threads at once (the default open_async() does, with concurrency > 1).
    /// Throws ta::transport_error when there is no answer (unreachable, TLS, timeout).
    virtual http_response send(const http_request& request) = 0;
    /// What the client drives its requests through: one for each call running at once, kept
    /// for the next call (and its connections with it). The default runs send() on a thread
    /// per request in flight; the transport must outlive what it returns.
    virtual std::unique_ptr<async_transport> open_async();
};

struct curl_transport_options {
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds timeout{100'000}; ///< the whole request
    /// Empty: "ta/<version>", and "ta/<version> libcurl/<version>" on what libcurl sends.
    std::string user_agent;
    std::string ca_file; ///< empty = the system's CA store
    /// A longer answer (after decoding) fails with ta::transport_error rather than fill memory.
    std::size_t max_response_bytes = std::size_t{64} * 1024 * 1024;
    /// open_async() (what ta::client uses) sends plain http:// to an IP address or localhost,
    /// with no proxy from the environment, through ta's own HTTP/1.1 client, which costs a
    /// fraction of libcurl's CPU a request (on Linux; the local container and ta-server are
    /// reached this way). false, or TA_NATIVE_HTTP=0 in the environment: libcurl for
    /// everything. send() always uses libcurl.
    bool native_http = true;
};

/// libcurl: connections reused, TLS verified, redirects never followed (a 3xx is returned as is);
/// see curl_transport_options::native_http for plain http:// on open_async().
std::unique_ptr<transport> make_curl_transport(const curl_transport_options& options = {});

} // namespace ta
