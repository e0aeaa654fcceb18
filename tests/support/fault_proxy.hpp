// An in-process TCP proxy on 127.0.0.1 (port 0) in front of an HTTP/1.1 server (normally
// fake_service) that misbehaves on purpose, request by request, by a deterministic plan: the
// throttles and outages the service answers with, and the byte-level failures of a network
// (dropped and reset connections, cut bodies, slow or missing answers). For fault tests of a
// client: the server behind it stays a faithful service, the proxy supplies the trouble.
//
// It speaks just enough HTTP/1.1 for that: requests framed by Content-Length (no chunked request
// bodies), keep-alive, "Expect: 100-continue" answered by the proxy itself; answers framed by
// Content-Length, chunked or the end of the connection, relayed byte for byte.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace ta::test {

/// What the proxy does with one request.
enum class fault_kind {
    forward,             ///< passed to the server, its answer relayed whole
    retry_after_seconds, ///< 429, `Retry-After: <seconds>`
    retry_after_date,    ///< 429, `Retry-After: <IMF-fixdate>`
    retry_after_ms,      ///< 429, `retry-after-ms: <ms>`
    x_ms_retry_after_ms, ///< 429, `x-ms-retry-after-ms: <ms>`
    throttled,           ///< 429 with no retry header
    status,              ///< 408, 500, 502, 503 or 504 with the service's error body
    quota_exhausted,     ///< 403, the F0 tier's monthly quota (and a Retry-After of 15 days)
    drop,                ///< the connection closed (FIN) once the request is read; no answer
    reset,               ///< the connection reset (RST) once the request is read; no answer
    truncate,            ///< forwarded; the answer's head and part of its body, then closed
    slow,                ///< forwarded; the answer held back for a while
    stall,               ///< never answered (until the client closes or the proxy stops)
};

/// Every kind, in declaration order (for tables of tests and counters).
const std::vector<fault_kind>& all_fault_kinds();
/// "forward", "retry_after_seconds", ...: for test messages.
const char* to_string(fault_kind kind) noexcept;
/// Its name, so that Boost.Test can print kinds and histories.
std::ostream& operator<<(std::ostream& out, fault_kind kind);

/// One fault with its parameters; make them with the named functions.
struct fault {
    fault_kind kind = fault_kind::forward;
    /// `status`: the HTTP status (408, 500, 502, 503, 504).
    int status_code = 0;
    /// The 429 forms: the wait asked for (whole seconds for `retry_after_seconds`; for
    /// `retry_after_date`, the date's distance from the system clock, may be negative).
    /// `slow`: how long the answer is held back.
    std::chrono::milliseconds duration{0};
    /// `truncate`: the body bytes relayed before the close (always fewer than the body has).
    std::size_t kept_body_bytes = 0;

    static fault forward();
    static fault retry_after_seconds(std::chrono::seconds wait);
    /// The date is the system clock's now + `ahead`, cut to the whole second as IMF-fixdate is.
    static fault retry_after_date(std::chrono::seconds ahead);
    static fault retry_after_ms(std::chrono::milliseconds wait);
    static fault x_ms_retry_after_ms(std::chrono::milliseconds wait);
    static fault throttled();
    /// Throws std::invalid_argument for a status other than 408, 500, 502, 503, 504.
    static fault status(int code);
    static fault quota_exhausted();
    static fault drop();
    static fault reset();
    static fault truncate(std::size_t kept_body_bytes = 10);
    /// The wait is cut short when the proxy is destroyed; keep it short in tests anyway.
    static fault slow(std::chrono::milliseconds delay);
    static fault stall();
};

/// A share of requests, chosen by a seeded generator, get a fault drawn evenly from `mix`. The
/// choice for request number n depends only on (seed, n), so a run is reproducible for a seed
/// whatever the timing (with several connections at once, which request is number n is not).
struct random_faults {
    double share = 0.3; ///< 0..1
    std::vector<fault> mix;
    std::uint64_t seed = 1;
};

/// RFC 9110 IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") of a time, cut to the second.
std::string http_date(std::chrono::system_clock::time_point when);

class fault_proxy {
  public:
    /// In front of the server at `upstream_url` ("http://host:port", as fake_service::url()).
    /// Throws std::runtime_error when the URL cannot be read or 127.0.0.1 will not listen.
    explicit fault_proxy(const std::string& upstream_url);
    /// Stops listening, ends every connection (a slow or stalled answer included) and joins
    /// its threads; prompt, whatever the plan.
    ~fault_proxy();
    fault_proxy(const fault_proxy&) = delete;
    fault_proxy& operator=(const fault_proxy&) = delete;

    /// "http://127.0.0.1:<port>"
    std::string url() const;
    int port() const;

    // The plan, for each request in arrival order: the queue first, then the every-k-th rule,
    // then the random share; a request that none of them picks is forwarded.

    /// Queues a fault for the next `times` requests (first in, first out).
    void script(const fault& f, std::size_t times = 1);
    /// Requests number k, 2k, 3k, ... (counting every request seen, from 1) get `f`; k = 0
    /// removes the rule.
    void every(std::size_t k, const fault& f);
    /// Replaces the random share (share 0 or an empty mix removes it).
    void randomly(const random_faults& plan);
    /// Empties the queue and removes the rules; the counters stay.
    void clear_plan();

    // Counters, since construction.

    /// Requests read from clients (whole: head and body).
    std::size_t requests_seen() const;
    /// Requests passed to the server (forward, truncate and slow).
    std::size_t forwarded() const;
    /// Requests that were given this treatment (`forward` included).
    std::size_t count(fault_kind kind) const;
    /// Requests given something other than `forward`.
    std::size_t faults_injected() const;
    /// The treatment of each request, in arrival order.
    std::vector<fault_kind> history() const;
    /// Connections accepted from clients (equal to the requests when nothing is reused).
    std::size_t connections_accepted() const;

  private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace ta::test
