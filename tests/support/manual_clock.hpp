// A clock for tests: time moves only when someone sleeps, at once, so an hour of backoff takes
// no time; every wait is kept.
#pragma once

#include <algorithm>
#include <chrono>
#include <mutex>
#include <vector>

#include <ta/clock.hpp>

namespace ta::test {

class manual_clock final : public ta::clock {
  public:
    time_point now() override {
        const std::lock_guard lock(mutex_);
        return now_;
    }
    void sleep_until(time_point when) override {
        const std::lock_guard lock(mutex_);
        waits_.push_back(std::chrono::duration_cast<std::chrono::milliseconds>(when - now_));
        now_ = std::max(now_, when);
    }
    void advance(duration d) {
        const std::lock_guard lock(mutex_);
        now_ += d;
    }
    /// Time passed since the clock was made.
    duration elapsed() {
        const std::lock_guard lock(mutex_);
        return now_ - start_;
    }
    std::vector<std::chrono::milliseconds> waits() {
        const std::lock_guard lock(mutex_);
        return waits_;
    }

  private:
    std::mutex mutex_;
    // Far from the epoch, like a real steady clock: no test leans on time 0.
    const time_point start_ = time_point(std::chrono::hours(1000));
    time_point now_ = start_;
    std::vector<std::chrono::milliseconds> waits_;
};

} // namespace ta::test
