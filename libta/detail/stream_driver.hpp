// The engine under every analyzer's analyze_stream: one thread reads the source, a pool of
// workers scores batches, and the caller's thread hands results to the sink in input order. A
// bounded window gives back-pressure, so memory does not grow with the input.
#pragma once

#include <cstddef>
#include <exception>
#include <functional>
#include <optional>
#include <vector>

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

} // namespace ta::detail
