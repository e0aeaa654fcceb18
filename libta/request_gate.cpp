#include "detail/request_gate.hpp"

#include <algorithm>
#include <cmath>

namespace ta::detail {
request_gate::request_gate(settings s, clock& time)
    : settings_(s), clock_(time), window_(std::max(1, s.max_in_flight)) {}

std::optional<request_gate::ticket> request_gate::try_enter(clock::time_point& not_before) {
    const std::lock_guard lock(mutex_);
    if (in_flight_ >= static_cast<int>(window_)) {
        not_before = clock::time_point::max();
        return std::nullopt;
    }
    const clock::time_point now = clock_.now();
    const clock::time_point start = std::max({now, next_start_, paused_until_});
    if (start > now) {
        // The slot is not taken: the thread that asks keeps the pace by asking again then.
        not_before = start;
        return std::nullopt;
    }
    ++in_flight_;
    if (settings_.rate > 0) {
        const auto period = std::chrono::duration_cast<clock::duration>(
            std::chrono::duration<double>(1.0 / settings_.rate));
        // Asked again a little after the slot came (a thread wakes late), the pace is kept from
        // when the slot came, not from the late asking.
        next_start_ = (next_start_ + period > now ? next_start_ : now) + period;
    }
    return ticket{now};
}

void request_gate::wait_for_room() {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [this] { return in_flight_ < static_cast<int>(window_); });
}

void request_gate::leave(const ticket& t, outcome result,
                         std::optional<std::chrono::milliseconds> server_delay) {
    {
        const std::lock_guard lock(mutex_);
        --in_flight_;
        const int most = std::max(1, settings_.max_in_flight);
        if (result == outcome::throttled) {
            const clock::time_point now = clock_.now();
            // The 429s of requests that were already out when the window last halved were
            // caused by the old window: halving again for each would collapse it to 1.
            if (t.started >= last_decrease_) {
                window_ = std::max(1.0, std::floor(window_ / 2));
                last_decrease_ = now;
            }
            // What the service asked of one request it asks of all; without a Retry-After the
            // smaller window is the whole answer.
            if (server_delay) {
                paused_until_ = std::max(paused_until_, now + *server_delay);
            }
        } else if (result == outcome::answered) {
            // Additive increase: one more in flight per window's worth of answers.
            window_ = std::min(static_cast<double>(most), window_ + 1.0 / window_);
        }
    }
    room_.notify_all();
}

int request_gate::limit() const {
    const std::lock_guard lock(mutex_);
    return static_cast<int>(window_);
}

} // namespace ta::detail
