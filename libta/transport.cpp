#include <ta/transport.hpp>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <utility>

#include "detail/async_transport.hpp"
#include "detail/strings.hpp"

namespace ta {

std::string http_response::header(std::string_view name) const {
    // HTTP header names are case-insensitive, and servers (and HTTP/2) spell them as they like.
    const auto found = std::find_if(headers.begin(), headers.end(), [name](const auto& header) {
        return detail::equals_ignoring_case(header.first, name);
    });
    return found == headers.end() ? std::string() : found->second;
}

namespace detail {
namespace {

class threaded_async_transport final : public async_transport {
  public:
    explicit threaded_async_transport(std::shared_ptr<transport> blocking)
        : blocking_(std::move(blocking)) {}

    ~threaded_async_transport() override {
        {
            const std::lock_guard lock(mutex_);
            closing_ = true;
        }
        work_.notify_all();
        threads_.clear(); // joins: a send() under way is waited for
    }

    void start(const http_request& request, std::uint64_t tag) override {
        {
            const std::lock_guard lock(mutex_);
            jobs_.push_back({&request, tag});
            if (idle_ < jobs_.size()) {
                threads_.emplace_back([this] { serve(); });
                ++idle_; // counted at once, so that a burst of starts makes one thread each
            }
        }
        work_.notify_one();
    }

    void wait(std::chrono::milliseconds timeout, std::vector<completion>& done) override {
        std::unique_lock lock(mutex_);
        over_.wait_for(lock, timeout, [this] { return woken_ || !done_.empty(); });
        woken_ = false;
        for (completion& c : done_) {
            done.push_back(std::move(c));
        }
        done_.clear();
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
        jobs_.clear();
        // A send() under way cannot be stopped: it is waited for.
        over_.wait(lock, [this] { return idle_ == threads_.size(); });
        done_.clear();
    }

  private:
    struct job {
        const http_request* request;
        std::uint64_t tag;
    };

    void serve() {
        std::unique_lock lock(mutex_);
        for (;;) {
            work_.wait(lock, [this] { return closing_ || !jobs_.empty(); });
            if (jobs_.empty()) {
                return;
            }
            const job next = jobs_.front();
            jobs_.pop_front();
            --idle_;
            lock.unlock();
            completion c;
            c.tag = next.tag;
            try {
                c.response = blocking_->send(*next.request);
            } catch (...) {
                c.failure = std::current_exception();
            }
            lock.lock();
            done_.push_back(std::move(c));
            ++idle_;
            over_.notify_all();
        }
    }

    std::shared_ptr<transport> blocking_;
    std::mutex mutex_;
    std::condition_variable work_; // the threads wait for a request
    std::condition_variable over_; // wait() waits for a completion
    std::deque<job> jobs_;
    std::vector<completion> done_;
    std::size_t idle_ = 0; // threads free for a job (or about to be)
    bool closing_ = false;
    bool woken_ = false;
    std::vector<std::jthread> threads_; // last: joined before the rest goes
};

} // namespace

std::unique_ptr<async_transport>
make_threaded_async_transport(std::shared_ptr<transport> blocking) {
    return std::make_unique<threaded_async_transport>(std::move(blocking));
}

} // namespace detail
} // namespace ta
