// How many requests go out at once, and how fast: up to the configured concurrency and rate,
// less while the service throttles. On a 429 the number in flight halves and new requests
// wait out the service's Retry-After, when it gave one; each answer that is not a 429 then adds
// back a little, so a long run settles just under the service's limit instead of hammering it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>

#include <ta/clock.hpp>

namespace ta::detail {

class request_gate {
  public:
    struct settings {
        int max_in_flight = 1;
        /// Requests started per second at most; 0 = no cap.
        double rate = 0;
    };
    /// What became of a request, for the gate.
    enum class outcome { answered, throttled, failed };
    /// A request let through: when it started (to tell whether its 429 is news).
    struct ticket {
        clock::time_point started;
    };

    request_gate(settings s, clock& time);

    /// Without waiting, for the thread that drives the requests: a ticket when a request may
    /// start now (a slot in flight free, the rate's pace kept, any pause the service asked for
    /// over); otherwise nullopt, and `not_before` says when to ask again (the time point's
    /// max() when no slot is free: ask after a request is over).
    std::optional<ticket> try_enter(clock::time_point& not_before);
    /// Waits until a slot is free (another thread's request is over).
    void wait_for_room();
    /// The request is over. `server_delay` is what a 429 asked for (Retry-After).
    void leave(const ticket& t, outcome result,
               std::optional<std::chrono::milliseconds> server_delay = std::nullopt);

    /// Requests allowed in flight now (1..max_in_flight).
    int limit() const;

  private:
    const settings settings_;
    clock& clock_;
    mutable std::mutex mutex_;
    std::condition_variable room_;
    double window_; // the allowed number in flight, fractional while it climbs back
    int in_flight_ = 0;
    clock::time_point next_start_{};    // the rate's pace
    clock::time_point paused_until_{};  // the service's Retry-After, for every request
    clock::time_point last_decrease_{}; // 429s of requests started before it are old news
};

} // namespace ta::detail
