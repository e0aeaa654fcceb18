// Streams of documents: scored as they come, written as they are done, in input order, with a
// bounded number held at once.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

#include <ta/document.hpp>
#include <ta/result.hpp>

namespace ta {

/// One entry of a stream. With `error` set it is not scored: its result is that error, in its
/// place (an input line that could not be read as a document still gets its record).
struct stream_entry {
    document doc;
    std::optional<document_error> error;
};

/// Appends up to `max` entries to `out`, waiting only until there is at least one; returns
/// false when the input is over (possibly after appending the last entries).
using stream_source = std::function<bool(std::vector<stream_entry>& out, std::size_t max)>;

/// Gets each entry back with its result, in input order, as soon as it and every entry before
/// it are done.
using stream_sink = std::function<void(document&& doc, result&& r)>;

struct stream_options {
    /// Documents held at once (read, in flight, or done and waiting for one before them);
    /// 0 = a few times what the analyzer has in flight.
    std::size_t window = 0;
    /// Called once, from any thread, when the stream stops before its end (a failure, or the
    /// sink threw): a source waiting for input should then return soon.
    std::function<void()> on_stop;
    /// Called on the caller's thread when the sink has had every result that is done, before
    /// waiting for more: the moment to flush what the sink wrote.
    std::function<void()> on_caught_up;
    /// How long on_caught_up may wait after the first result it has not yet followed, while
    /// more results are on their way: one call then follows many results, and a sink that
    /// flushes there writes its file or pipe in fewer, larger writes. 0 (the default): before
    /// every wait. Never later than this (but see caught_up_slack), and at once when nothing is
    /// left but to wait for the source.
    std::chrono::milliseconds caught_up_delay{0};
    /// How much later than caught_up_delay on_caught_up may come when the caller's thread is
    /// asleep waiting for results: it then comes as the thread wakes for the next result
    /// instead of waking it only for the call (a wake-up costs the process CPU time). Only for
    /// an analyzer that keeps its requests in flight on the caller's thread (the client); 0
    /// (the default): at caught_up_delay.
    std::chrono::milliseconds caught_up_slack{0};
};

} // namespace ta
