// The engine under every analyzer's analyze_stream: one thread reads the source, a pool of
// workers scores batches, and the caller's thread hands results to the sink in input order. A
// bounded window gives back-pressure, so memory does not grow with the input. An analyzer that
// keeps many batches in flight from one thread (the client, on its transport's open_async()) runs
// them on the caller's thread instead, between handing results over: run_batch_engine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <vector>

#include <ta/clock.hpp>
#include <ta/document.hpp>
#include <ta/result.hpp>
#include <ta/stream.hpp>

namespace ta::detail {

struct stream_driver_settings {
    /// Documents per batch, asked before each read (an API's limit may change once settled).
    std::function<std::size_t()> batch_size;
    /// Batches scored at once (each on its own worker thread).
    std::size_t concurrency = 1;
    /// Scores one batch: one result per document, in order. Called from the workers at once.
    std::function<std::vector<result>(const std::vector<document>&)> score;
    /// For a batch whose scoring threw: the error its documents get, when the failure is worth
    /// going on after; nullopt when it ends the run. Unset: every failure ends the run.
    std::function<std::optional<document_error>(const std::exception_ptr&)> batch_failure;
    /// The caller's: the window (0 = 4 batches per worker), on_stop, on_caught_up.
    stream_options options;
};

/// Even a failure worth going on after ends the run when no batch has been scored yet (the
/// service cannot be used at all), or when this many batches in a row have failed.
std::size_t consecutive_failures_limit(std::size_t concurrency) noexcept;

/// Runs the stream to its end. Rethrows what ended it early, after every thread has stopped
/// and the results done before the failure (in order, with none missing before them) have been
/// handed to the sink.
void run_stream(const stream_driver_settings& settings, const stream_source& source,
                const stream_sink& sink);

/// Batches scored in the background of wait(), all from the thread that calls it.
class batch_engine {
  public:
    struct done_batch {
        std::uint64_t tag = 0;
        std::vector<document> documents; ///< as start() took them
        std::vector<result> results;     ///< one per document, when there is no failure
        std::exception_ptr failure;
    };

    virtual ~batch_engine() = default;
    /// Takes a batch (every document in it is to be scored); `tag` names it when it is done.
    virtual void start(std::uint64_t tag, std::vector<document> documents) = 0;
    /// Moves the batches on until one is done, wake() was called, `until` (on the settings'
    /// clock) has come or a while has passed, then appends those done (none, after a wake).
    virtual void wait(std::vector<done_batch>& done, std::optional<clock::time_point> until) = 0;
    /// From any thread: makes the current or the next wait() return soon.
    virtual void wake() = 0;
};

struct batch_engine_settings {
    std::function<std::size_t()> batch_size;
    /// Batches the engine holds at once.
    std::size_t concurrency = 1;
    batch_engine* engine = nullptr;
    /// The engine's clock, for options.caught_up_delay; null: the steady clock.
    clock* time = nullptr;
    std::function<std::optional<document_error>(const std::exception_ptr&)> batch_failure;
    stream_options options;
};

/// As run_stream, with the engine's batches started, waited for and handed over on the
/// caller's thread; the same order, window, failure policy and callbacks.
void run_batch_engine(const batch_engine_settings& settings, const stream_source& source,
                      const stream_sink& sink);

} // namespace ta::detail
