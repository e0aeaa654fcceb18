// Time as libta sees it: the waits between retries and the pace of requests go through a clock,
// so that a test can run an hour of backoff in a millisecond.
#pragma once

#include <chrono>
#include <memory>

namespace ta {

class clock {
  public:
    using time_point = std::chrono::steady_clock::time_point;
    using duration = std::chrono::steady_clock::duration;

    virtual ~clock() = default;
    virtual time_point now() = 0;
    /// Returns at `when` or later. Several threads may wait at once.
    virtual void sleep_until(time_point when) = 0;

    void sleep_for(duration d) { sleep_until(now() + d); }
};

/// The real clock: std::chrono::steady_clock and std::this_thread::sleep_until.
std::shared_ptr<clock> steady_clock();

} // namespace ta
