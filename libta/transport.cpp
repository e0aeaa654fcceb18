#include <ta/transport.hpp>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <utility>

#include "detail/strings.hpp"

namespace ta {

std::string http_response::header(std::string_view name) const {
    // HTTP header names are case-insensitive, and servers (and HTTP/2) spell them as they like.
    const auto found = std::find_if(headers.begin(), headers.end(), [name](const auto& header) {
        return detail::equals_ignoring_case(header.first, name);
    });
    return found == headers.end() ? std::string() : found->second;
}

namespace {

/// A blocking transport made asynchronous: each request in flight has a thread of the pool,
/// which grows to the most in flight at once and stays for the next call.
class threaded_async_transport final : public async_transport {
  public:
    explicit threaded_async_transport(transport& blocking) : blocking_(blocking) {}

    ~threaded_async_transport() override {
        {
            const std::lock_guard lock(mutex_);
            closing_ = true;
            queued_.clear();
        }
        work_.notify_all();
        workers_.clear(); // joined: a send under way ends first
    }
    threaded_async_transport(const threaded_async_transport&) = delete;
    threaded_async_transport& operator=(const threaded_async_transport&) = delete;

    void start(const http_request& request, std::uint64_t tag) override {
        {
            const std::lock_guard lock(mutex_);
            queued_.push_back({&request, tag});
            if (idle_workers_ < queued_.size()) {
                workers_.emplace_back([this] { work(); });
                ++idle_workers_;
            }
        }
        work_.notify_one();
    }

    void wait(std::chrono::milliseconds timeout, std::vector<completion>& done) override {
        std::unique_lock lock(mutex_);
        over_.wait_for(lock, timeout, [this] { return !completed_.empty() || woken_; });
        woken_ = false;
        for (completion& c : completed_) {
            done.push_back(std::move(c));
        }
        completed_.clear();
    }

    void wake() override {
        {
            const std::lock_guard lock(mutex_);
            woken_ = true;
        }
        over_.notify_all();
    }

    void cancel() override {
        std::unique_lock lock(mutex_);
        queued_.clear();
        // A send() cannot be stopped: its answer is waited for, and dropped.
        over_.wait(lock, [this] { return sending_ == 0; });
        completed_.clear();
    }

  private:
    struct queued {
        const http_request* request;
        std::uint64_t tag;
    };

    void work() {
        std::unique_lock lock(mutex_);
        for (;;) {
            work_.wait(lock, [this] { return closing_ || !queued_.empty(); });
            if (closing_) {
                return;
            }
            const queued next = queued_.front();
            queued_.pop_front();
            --idle_workers_;
            ++sending_;
            lock.unlock();
            completion c;
            c.tag = next.tag;
            try {
                c.response = blocking_.send(*next.request);
            } catch (...) {
                c.failure = std::current_exception();
            }
            lock.lock();
            --sending_;
            ++idle_workers_;
            completed_.push_back(std::move(c));
            over_.notify_all();
        }
    }

    transport& blocking_;
    std::mutex mutex_;
    std::condition_variable work_; // the workers wait for a request
    std::condition_variable over_; // the driving thread waits for an answer (cancel() too)
    std::deque<queued> queued_;
    std::vector<completion> completed_;
    std::size_t idle_workers_ = 0;
    std::size_t sending_ = 0;
    bool woken_ = false;
    bool closing_ = false;
    std::vector<std::jthread> workers_; // last: joined before the rest goes
};

} // namespace

std::unique_ptr<async_transport> transport::open_async() {
    return std::make_unique<threaded_async_transport>(*this);
}

} // namespace ta
