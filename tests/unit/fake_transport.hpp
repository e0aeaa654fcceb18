// The unit tests' seam: a transport whose answers come from a function, with every request kept.
// The client drives it through its event loop like libcurl's: requests start, and each answer
// comes `latency` later on the test's clock, which the loop's wait moves on to the next answer
// (or its own next timer) instead of sleeping; with no clock, answers come at once.
#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include <ta/clock.hpp>
#include <ta/transport.hpp>

namespace ta::test {

class fake_transport final : public ta::transport {
  public:
    using handler = std::function<ta::http_response(const ta::http_request&)>;
    explicit fake_transport(handler h, std::shared_ptr<ta::clock> time = nullptr,
                            ta::clock::duration latency = {})
        : handler_(std::move(h)), time_(std::move(time)), latency_(latency) {}

    /// Blocking, for a test that calls it itself.
    ta::http_response send(const ta::http_request& request) override {
        note_start(request);
        ta::http_response response = handler_(request);
        note_over();
        return response;
    }

    std::unique_ptr<ta::async_transport> open_async() override {
        return std::make_unique<loop_side>(*this);
    }

    /// Read it when the client is done: calls at once append under a lock.
    std::vector<ta::http_request> requests;
    /// The most requests out at once.
    int most_in_flight() {
        const std::lock_guard lock(mutex_);
        return most_;
    }

  private:
    class loop_side final : public ta::async_transport {
      public:
        explicit loop_side(fake_transport& owner) : owner_(owner) {}

        void start(const ta::http_request& request, std::uint64_t tag) override {
            owner_.note_start(request);
            const ta::clock::time_point due =
                owner_.time_ ? owner_.time_->now() + owner_.latency_ : ta::clock::time_point{};
            out_.push_back({&request, tag, due});
        }

        void wait(std::chrono::milliseconds timeout, std::vector<completion>& done) override {
            if (out_.empty()) {
                // Only on the real clock (a retry's timer): a wait that a wake cuts short.
                std::unique_lock lock(mutex_);
                woken_.wait_for(lock, timeout, [this] { return wake_; });
                wake_ = false;
                return;
            }
            if (owner_.time_) {
                const auto next = std::min_element(
                    out_.begin(), out_.end(),
                    [](const pending& a, const pending& b) { return a.due < b.due; });
                const ta::clock::time_point now = owner_.time_->now();
                const ta::clock::time_point until = std::min(next->due, now + timeout);
                if (until > now) {
                    owner_.time_->sleep_until(until);
                }
            }
            const ta::clock::time_point now =
                owner_.time_ ? owner_.time_->now() : ta::clock::time_point{};
            std::vector<pending> still;
            for (const pending& p : out_) {
                if (p.due > now) {
                    still.push_back(p);
                    continue;
                }
                completion c;
                c.tag = p.tag;
                try {
                    c.response = owner_.handler_(*p.request);
                } catch (...) {
                    c.failure = std::current_exception();
                }
                owner_.note_over();
                done.push_back(std::move(c));
            }
            out_ = std::move(still);
        }

        void wake() override {
            {
                const std::lock_guard lock(mutex_);
                wake_ = true;
            }
            woken_.notify_all();
        }

        void cancel() override {
            for (std::size_t i = 0; i < out_.size(); ++i) {
                owner_.note_over();
            }
            out_.clear();
        }

      private:
        struct pending {
            const ta::http_request* request;
            std::uint64_t tag;
            ta::clock::time_point due;
        };
        fake_transport& owner_;
        std::vector<pending> out_;
        std::mutex mutex_;
        std::condition_variable woken_;
        bool wake_ = false;
    };

    void note_start(const ta::http_request& request) {
        const std::lock_guard lock(mutex_);
        requests.push_back(request);
        most_ = std::max(most_, ++in_flight_);
    }
    void note_over() {
        const std::lock_guard lock(mutex_);
        --in_flight_;
    }

    std::mutex mutex_;
    handler handler_;
    std::shared_ptr<ta::clock> time_;
    ta::clock::duration latency_;
    int in_flight_ = 0;
    int most_ = 0;
};

} // namespace ta::test
