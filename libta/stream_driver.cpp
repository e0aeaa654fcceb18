#include "detail/stream_driver.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <utility>

namespace ta::detail {
namespace {

// Batches held per worker by default: one being scored, the rest read ahead or done and
// waiting for a slower one before them.
constexpr std::size_t batches_per_worker = 4;

struct batch {
    std::vector<stream_entry> entries;
    std::vector<result> results; // one per entry once done
    bool done = false;
};

/// The result of an entry that is not scored: its own error.
result failed_result(const stream_entry& entry, const document_error& error) {
    result r;
    r.id = entry.doc.id;
    r.error = error;
    return r;
}

/// The window, in entries: the caller's, or batches_per_worker batches a worker. Asked before
/// each read: the batch size may grow once the client knows the API (v2 takes 1000), and the
/// window with it.
std::size_t window_of(const stream_options& options, std::size_t concurrency,
                      std::size_t batch_size) {
    return options.window > 0
               ? options.window
               : batches_per_worker * concurrency * std::max<std::size_t>(1, batch_size);
}

/// Moves a batch's documents out for scoring (the entries that are errors keep theirs).
std::vector<document> take_documents(batch& b) {
    std::vector<document> documents;
    documents.reserve(b.entries.size());
    for (stream_entry& entry : b.entries) {
        if (!entry.error) {
            documents.push_back(std::move(entry.doc));
        }
    }
    return documents;
}

/// A batch of only errors is done as it is read; true when it has a document to score.
bool settle_if_no_document(batch& b) {
    const bool any_document = std::any_of(b.entries.begin(), b.entries.end(),
                                          [](const stream_entry& entry) { return !entry.error; });
    if (!any_document) {
        for (const stream_entry& entry : b.entries) {
            b.results.push_back(failed_result(entry, *entry.error));
        }
        b.done = true;
    }
    return any_document;
}

/// A scored batch's results, one per entry: the documents go back to their entries; each gets
/// its result, or `failure_record` when the batch failed.
std::vector<result> batch_results(batch& b, std::vector<document>& documents,
                                  std::vector<result>& scored,
                                  const std::optional<document_error>& failure_record) {
    std::vector<result> results;
    results.reserve(b.entries.size());
    std::size_t next = 0;
    for (stream_entry& entry : b.entries) {
        if (entry.error) {
            results.push_back(failed_result(entry, *entry.error));
            continue;
        }
        if (next < documents.size()) {
            entry.doc = std::move(documents[next]);
        }
        if (failure_record) {
            results.push_back(failed_result(entry, *failure_record));
        } else {
            results.push_back(std::move(scored[next]));
        }
        ++next;
    }
    return results;
}

/// The failure policy's count: a failure worth going on after still ends the run before any
/// batch has been scored, or after consecutive_failures_limit failures in a row.
class failure_streak {
  public:
    void scored() noexcept {
        any_scored_ = true;
        consecutive_ = 0;
    }
    /// Counts a failed batch: true when the run may go on after it.
    bool may_go_on(std::size_t concurrency) noexcept {
        ++consecutive_;
        return any_scored_ && consecutive_ < consecutive_failures_limit(concurrency);
    }

  private:
    bool any_scored_ = false;
    std::size_t consecutive_ = 0;
};

/// Both runs' ordered delivery: every batch held, in input order (its entries are the window
/// that bounds the reader), the hand-over of the done ones at the front to the sink, on the
/// caller's thread, and what ended the run early. The run's mutex guards the batches and the
/// failure: push, empty, front_done, held and take_front are called under it; the sink and the
/// caller's callbacks without it, and what the sink and on_caught_up throw stops the run
/// (through the run's `stop`), after which nothing more is handed over.
class ordered_delivery {
  public:
    ordered_delivery(std::mutex& mutex, const stream_sink& sink, const stream_options& options,
                     std::function<void(std::exception_ptr)> stop)
        : mutex_(mutex), sink_(sink), options_(options), stop_(std::move(stop)) {}

    void push(std::shared_ptr<batch> b) {
        held_ += b->entries.size();
        order_.push_back(std::move(b));
    }
    [[nodiscard]] bool empty() const noexcept { return order_.empty(); }
    [[nodiscard]] bool front_done() const noexcept {
        return !order_.empty() && order_.front()->done;
    }
    /// Entries held: read ahead, in the analyzer or done and waiting for one before them.
    [[nodiscard]] std::size_t held() const noexcept { return held_; }
    std::shared_ptr<batch> take_front() {
        std::shared_ptr<batch> front = std::move(order_.front());
        order_.pop_front();
        held_ -= front->entries.size();
        return front;
    }

    /// Gives a batch's results to the sink; false when the sink threw (the run then stops).
    bool hand_over(batch& b) {
        try {
            for (std::size_t i = 0; i < b.entries.size(); ++i) {
                sink_(std::move(b.entries[i].doc), std::move(b.results[i]));
            }
        } catch (...) {
            fail(std::current_exception());
            return false;
        }
        return true;
    }

    /// The sink has had every result that is done, at `now`: calls on_caught_up at once, or,
    /// with a caught_up_delay, once that delay after the first result it has not followed
    /// (caught_up_due() says when). False when it threw (the run then stops).
    bool caught_up_at(clock::time_point now) {
        if (options_.caught_up_delay <= std::chrono::milliseconds(0)) {
            return caught_up();
        }
        if (!due_) {
            due_ = now + options_.caught_up_delay;
        }
        return now < *due_ || caught_up();
    }
    /// When on_caught_up is due: nullopt when no result waits for it.
    [[nodiscard]] std::optional<clock::time_point> caught_up_due() const noexcept { return due_; }
    /// When a wait must be over for on_caught_up: its due time and the slack.
    [[nodiscard]] std::optional<clock::time_point> caught_up_deadline() const noexcept {
        if (!due_) {
            return std::nullopt;
        }
        return *due_ + std::max(options_.caught_up_slack, std::chrono::milliseconds(0));
    }
    /// Calls on_caught_up when it is due at `now`; false when it threw.
    bool caught_up_if_due(clock::time_point now) { return !due_ || now < *due_ || caught_up(); }
    /// Calls on_caught_up when results wait for it, due or not (at the end); false when it
    /// threw.
    bool caught_up_if_waiting() { return !due_ || caught_up(); }

    /// Calls on_caught_up, if any; false when it threw (the run then stops).
    bool caught_up() {
        due_.reset();
        if (!options_.on_caught_up) {
            return true;
        }
        try {
            options_.on_caught_up();
        } catch (...) {
            fail(std::current_exception());
            return false;
        }
        return true;
    }

    /// Stops the run for `why`: sets the run's `stopping` and keeps the first failure (under
    /// the lock), then `wake` wakes the run's threads and on_stop is called, once, for the first.
    template <class Wake> void stop(std::exception_ptr why, bool& stopping, const Wake& wake) {
        bool first = false;
        {
            const std::lock_guard lock(mutex_);
            stopping = true;
            if (!failure_) {
                failure_ = std::move(why);
                first = true;
            }
        }
        wake();
        if (first && options_.on_stop) {
            options_.on_stop();
        }
    }

    /// Once every thread but the caller's has stopped or is stopping: after a failure, hands
    /// over the batches at the front that were done (still right, and whole), unless the sink
    /// itself failed, and rethrows it.
    void finish() {
        std::exception_ptr failure;
        {
            const std::lock_guard lock(mutex_);
            failure = failure_;
        }
        if (!failure) {
            return;
        }
        if (!sink_failed_) {
            deliver_done_prefix();
        }
        std::rethrow_exception(failure);
    }

  private:
    void deliver_done_prefix() {
        for (;;) {
            std::shared_ptr<batch> next;
            {
                const std::lock_guard lock(mutex_);
                if (!front_done()) {
                    return;
                }
                next = take_front();
            }
            if (!hand_over(*next)) {
                return;
            }
        }
    }

    void fail(std::exception_ptr why) {
        sink_failed_ = true;
        stop_(std::move(why));
    }

    std::mutex& mutex_;
    const stream_sink& sink_;
    const stream_options& options_;
    std::function<void(std::exception_ptr)> stop_;
    std::deque<std::shared_ptr<batch>> order_; // every batch held, in input order
    std::size_t held_ = 0;                     // entries in order_
    bool sink_failed_ = false;                 // only the caller's thread touches it
    std::exception_ptr failure_;               // what stopped the run, the first of them
    std::optional<clock::time_point> due_;     // on_caught_up's; the caller's thread alone
};

class stream_run {
  public:
    stream_run(const stream_driver_settings& settings, const stream_source& source,
               const stream_sink& sink)
        : settings_(settings), source_(source),
          concurrency_(std::max<std::size_t>(1, settings.concurrency)),
          delivery_(mutex_, sink, settings.options,
                    [this](std::exception_ptr why) { stop(std::move(why)); }) {}

    void run() {
        {
            // Declared in this order so that the workers stop before the feeder is joined: the
            // feeder may be waiting for input, and on_stop (or the input's end) releases it.
            std::jthread feeder([this] { feed(); });
            std::vector<std::jthread> workers;
            workers.reserve(concurrency_);
            for (std::size_t i = 0; i < concurrency_; ++i) {
                workers.emplace_back([this] { work(); });
            }
            deliver();
            for (auto& worker : workers) {
                worker.join();
            }
            delivery_.finish(); // the feeder is joined as the failure, if any, leaves
        }
    }

  private:
    void stop(std::exception_ptr why) {
        delivery_.stop(std::move(why), stopping_, [this] {
            room_.notify_all();
            work_.notify_all();
            ready_.notify_all();
        });
    }

    void feed() {
        for (;;) {
            {
                std::unique_lock lock(mutex_);
                const std::size_t window =
                    window_of(settings_.options, concurrency_, settings_.batch_size());
                room_.wait(lock, [this, window] { return stopping_ || delivery_.held() < window; });
                if (stopping_) {
                    return;
                }
            }
            auto next = std::make_shared<batch>();
            bool more = false;
            try {
                more = source_(next->entries, std::max<std::size_t>(1, settings_.batch_size()));
            } catch (...) {
                stop(std::current_exception());
                return;
            }
            if (!next->entries.empty()) {
                enqueue(std::move(next));
            }
            if (!more) {
                {
                    const std::lock_guard lock(mutex_);
                    input_over_ = true;
                }
                work_.notify_all();
                ready_.notify_all();
                return;
            }
        }
    }

    void enqueue(std::shared_ptr<batch> next) {
        const bool any_document = settle_if_no_document(*next);
        {
            const std::lock_guard lock(mutex_);
            delivery_.push(next);
            if (any_document) {
                queue_.push_back(std::move(next));
            }
        }
        if (any_document) {
            work_.notify_one();
        } else {
            ready_.notify_one();
        }
    }

    void work() {
        for (;;) {
            std::shared_ptr<batch> next;
            {
                std::unique_lock lock(mutex_);
                work_.wait(lock, [this] { return stopping_ || !queue_.empty() || input_over_; });
                if (stopping_ || queue_.empty()) {
                    return;
                }
                next = std::move(queue_.front());
                queue_.pop_front();
            }
            score(*next);
        }
    }

    void score(batch& b) {
        // The documents go to the analyzer and come back: moved, not copied.
        std::vector<document> documents = take_documents(b);
        std::vector<result> scored;
        std::exception_ptr failed;
        try {
            scored = settings_.score(documents);
            if (scored.size() != documents.size()) {
                throw std::logic_error("the analyzer gave " + std::to_string(scored.size()) +
                                       " results for " + std::to_string(documents.size()) +
                                       " documents");
            }
        } catch (...) {
            failed = std::current_exception();
        }
        std::optional<document_error> failure_record;
        if (!failed) {
            const std::lock_guard lock(mutex_);
            failures_.scored();
        } else {
            failure_record = record_for(failed);
            if (!failure_record) {
                stop(failed);
                return; // the batch stays not done: nothing from it on is delivered
            }
        }
        std::vector<result> results = batch_results(b, documents, scored, failure_record);
        {
            const std::lock_guard lock(mutex_);
            b.results = std::move(results);
            b.done = true;
        }
        ready_.notify_one();
    }

    /// The error record for a failed batch, or nullopt when the failure ends the run.
    std::optional<document_error> record_for(const std::exception_ptr& failed) {
        std::optional<document_error> record;
        if (settings_.batch_failure) {
            record = settings_.batch_failure(failed);
        }
        const std::lock_guard lock(mutex_);
        if (!failures_.may_go_on(concurrency_)) {
            return std::nullopt;
        }
        return record;
    }

    void deliver() {
        const auto can_go_on = [this] {
            return stopping_ || delivery_.front_done() || (input_over_ && delivery_.empty());
        };
        for (;;) {
            std::shared_ptr<batch> next;
            {
                std::unique_lock lock(mutex_);
                // Results wait for on_caught_up: it comes now when nothing is held (the wait is
                // for the source, which may take any time), else when its delay is over.
                if (const auto due = delivery_.caught_up_due();
                    due && !can_go_on() &&
                    (delivery_.empty() || !ready_.wait_until(lock, *due, can_go_on))) {
                    lock.unlock();
                    if (!delivery_.caught_up()) {
                        return;
                    }
                    continue;
                }
                ready_.wait(lock, can_go_on);
                if (stopping_) {
                    return;
                }
                if (delivery_.empty()) {
                    lock.unlock();
                    delivery_.caught_up_if_waiting(); // the end
                    return;
                }
                next = delivery_.take_front();
            }
            room_.notify_one();
            if (!delivery_.hand_over(*next) || !catch_up()) {
                return;
            }
        }
    }

    /// Calls on_caught_up (now, or by its delay) when the next batch is not done yet; false
    /// when it threw.
    bool catch_up() {
        if (!settings_.options.on_caught_up) {
            return true;
        }
        {
            const std::lock_guard lock(mutex_);
            if (delivery_.front_done()) {
                return true;
            }
        }
        return delivery_.caught_up_at(std::chrono::steady_clock::now());
    }

    const stream_driver_settings& settings_;
    const stream_source& source_;
    const std::size_t concurrency_;

    std::mutex mutex_;
    std::condition_variable room_;             // the feeder waits for the window to have room
    std::condition_variable work_;             // the workers wait for a batch
    std::condition_variable ready_;            // the caller waits for the front batch
    ordered_delivery delivery_;                // every batch held, in input order
    std::deque<std::shared_ptr<batch>> queue_; // the batches no worker has taken yet
    bool input_over_ = false;
    bool stopping_ = false;
    failure_streak failures_;
};

/// run_batch_engine: the feeder as in stream_run; the caller's thread starts batches on the
/// engine, waits for them there and hands them over in order.
class engine_run {
  public:
    engine_run(const batch_engine_settings& settings, const stream_source& source,
               const stream_sink& sink)
        : settings_(settings), source_(source),
          concurrency_(std::max<std::size_t>(1, settings.concurrency)), engine_(*settings.engine),
          delivery_(mutex_, sink, settings.options,
                    [this](std::exception_ptr why) { stop(std::move(why)); }) {}

    void run() {
        {
            std::jthread feeder([this] { feed(); });
            drive();
            {
                const std::lock_guard lock(mutex_);
                stopping_ = true; // the feeder ends, whether or not the input has
            }
            room_.notify_all();
            delivery_.finish(); // the feeder is joined as the failure, if any, leaves
        }
    }

  private:
    void stop(std::exception_ptr why) {
        delivery_.stop(std::move(why), stopping_, [this] { room_.notify_all(); });
    }

    void feed() {
        for (;;) {
            {
                std::unique_lock lock(mutex_);
                const std::size_t window =
                    window_of(settings_.options, concurrency_, settings_.batch_size());
                if (delivery_.held() >= window) {
                    // Full: woken again when half of it has been handed over, so that the
                    // reader runs once for many batches, not once for each.
                    wake_feeder_at_ = window / 2;
                    room_.wait(lock,
                               [this] { return stopping_ || delivery_.held() <= wake_feeder_at_; });
                    wake_feeder_at_ = no_wake;
                }
                if (stopping_) {
                    return;
                }
            }
            auto next = std::make_shared<batch>();
            bool more = false;
            std::exception_ptr failed;
            try {
                more = source_(next->entries, std::max<std::size_t>(1, settings_.batch_size()));
            } catch (...) {
                failed = std::current_exception();
            }
            bool wake = false;
            {
                const std::lock_guard lock(mutex_);
                if (!next->entries.empty()) {
                    enqueue(std::move(next));
                }
                if (failed) {
                    source_failure_ = failed;
                }
                if (!more || failed) {
                    input_over_ = true;
                }
                // Only when the caller's thread waits there and could start the batch, or must
                // stop: a wake is a system call, not worth one for every batch.
                wake = in_engine_ && (engine_has_room_ || failed);
                engine_has_room_ = false;
            }
            input_.notify_one();
            if (wake) {
                engine_.wake(); // the caller's thread may be waiting there
            }
            if (!more || failed) {
                return;
            }
        }
    }

    /// Under the lock.
    void enqueue(std::shared_ptr<batch> next) {
        const bool any_document = settle_if_no_document(*next);
        delivery_.push(next);
        if (any_document) {
            queue_.push_back(std::move(next));
        }
    }

    void drive() {
        std::vector<batch_engine::done_batch> done;
        for (;;) {
            std::vector<std::pair<std::uint64_t, std::vector<document>>> to_start;
            {
                std::unique_lock lock(mutex_);
                if (source_failure_) {
                    lock.unlock();
                    stop(source_failure_);
                    return;
                }
                if (stopping_) {
                    return;
                }
                while (started_.size() < concurrency_ && !queue_.empty()) {
                    std::shared_ptr<batch> next = std::move(queue_.front());
                    queue_.pop_front();
                    std::vector<document> documents = take_documents(*next);
                    const std::uint64_t tag = ++last_tag_;
                    started_.emplace(tag, std::move(next));
                    to_start.emplace_back(tag, std::move(documents));
                }
            }
            for (auto& [tag, documents] : to_start) {
                engine_.start(tag, std::move(documents));
            }
            if (!deliver_ready()) {
                return;
            }
            {
                std::unique_lock lock(mutex_);
                if (stopping_) {
                    return;
                }
                if (input_over_ && delivery_.empty() && !source_failure_) {
                    lock.unlock();
                    delivery_.caught_up_if_waiting(); // the end
                    return;
                }
                if (started_.empty()) {
                    // Nothing in the engine: wait for the input, which may take any time.
                    const auto can_go_on = [this] {
                        return stopping_ || !queue_.empty() || input_over_ ||
                               delivery_.front_done();
                    };
                    if (delivery_.caught_up_due() && !can_go_on()) {
                        lock.unlock();
                        if (!delivery_.caught_up()) {
                            return;
                        }
                        lock.lock();
                    }
                    input_.wait(lock, can_go_on);
                    continue;
                }
            }
            {
                const std::lock_guard lock(mutex_);
                in_engine_ = true;
                engine_has_room_ = started_.size() < concurrency_;
            }
            done.clear();
            // Any wake after the due time calls on_caught_up (deliver_ready); the engine is
            // woken for it only when none has come within the slack.
            engine_.wait(done, delivery_.caught_up_deadline());
            {
                const std::lock_guard lock(mutex_);
                in_engine_ = false;
                engine_has_room_ = false;
            }
            for (batch_engine::done_batch& d : done) {
                if (!take(d)) {
                    return;
                }
            }
        }
    }

    /// A batch the engine is done with; false when its failure ends the run.
    bool take(batch_engine::done_batch& d) {
        std::shared_ptr<batch> b;
        {
            const std::lock_guard lock(mutex_);
            const auto found = started_.find(d.tag);
            if (found == started_.end()) {
                return true;
            }
            b = std::move(found->second);
            started_.erase(found);
        }
        std::exception_ptr failed = d.failure;
        if (!failed && d.results.size() != d.documents.size()) {
            failed = std::make_exception_ptr(std::logic_error(
                "the analyzer gave " + std::to_string(d.results.size()) + " results for " +
                std::to_string(d.documents.size()) + " documents"));
        }
        std::optional<document_error> failure_record;
        if (!failed) {
            failures_.scored();
        } else {
            if (settings_.batch_failure) {
                failure_record = settings_.batch_failure(failed);
            }
            if (!failures_.may_go_on(concurrency_)) {
                failure_record.reset();
            }
            if (!failure_record) {
                stop(failed);
                return false; // the batch stays not done: nothing from it on is delivered
            }
        }
        std::vector<result> results = batch_results(*b, d.documents, d.results, failure_record);
        const std::lock_guard lock(mutex_);
        b->results = std::move(results);
        b->done = true;
        return true;
    }

    /// Hands over the done batches at the front; false when the sink threw.
    bool deliver_ready() {
        bool delivered = false;
        for (;;) {
            std::shared_ptr<batch> next;
            bool wake_feeder = false;
            {
                const std::lock_guard lock(mutex_);
                if (stopping_ || !delivery_.front_done()) {
                    break;
                }
                next = delivery_.take_front();
                wake_feeder = delivery_.held() <= wake_feeder_at_;
            }
            if (wake_feeder) {
                room_.notify_one();
            }
            delivered = true;
            if (!delivery_.hand_over(*next)) {
                return false;
            }
        }
        {
            const std::lock_guard lock(mutex_);
            if (stopping_) {
                return true;
            }
        }
        if (delivered) {
            return delivery_.caught_up_at(now());
        }
        return !delivery_.caught_up_due() || delivery_.caught_up_if_due(now());
    }

    clock::time_point now() const {
        return settings_.time != nullptr ? settings_.time->now() : std::chrono::steady_clock::now();
    }

    const batch_engine_settings& settings_;
    const stream_source& source_;
    const std::size_t concurrency_;
    batch_engine& engine_;

    std::mutex mutex_;
    std::condition_variable room_;  // the feeder waits for the window to have room
    std::condition_variable input_; // the caller's thread waits for a batch, with none started
    ordered_delivery delivery_;     // every batch held, in input order
    std::deque<std::shared_ptr<batch>> queue_; // the batches not started yet
    std::unordered_map<std::uint64_t, std::shared_ptr<batch>> started_;
    std::uint64_t last_tag_ = 0;
    static constexpr std::size_t no_wake = static_cast<std::size_t>(-1);
    std::size_t wake_feeder_at_ = no_wake; // the feeder waits for the window to fall to it
    bool input_over_ = false;
    bool stopping_ = false;
    bool in_engine_ = false;       // the caller's thread waits in the engine
    bool engine_has_room_ = false; // and could start another batch
    std::exception_ptr source_failure_;
    failure_streak failures_; // the caller's thread alone touches it
};

} // namespace

std::size_t consecutive_failures_limit(std::size_t concurrency) noexcept {
    // Every worker failing twice in a row: no longer bad luck but an outage.
    return std::max<std::size_t>(3, 2 * std::max<std::size_t>(1, concurrency));
}

void run_stream(const stream_driver_settings& settings, const stream_source& source,
                const stream_sink& sink) {
    stream_run(settings, source, sink).run();
}

void run_batch_engine(const batch_engine_settings& settings, const stream_source& source,
                      const stream_sink& sink) {
    engine_run(settings, source, sink).run();
}

} // namespace ta::detail
