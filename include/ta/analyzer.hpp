// One interface for every way of scoring: the remote service (ta::client) and the built-in
// engine (ta::builtin_analyzer). The same documents in, the same result model out.
#pragma once

#include <string>
#include <vector>

#include <ta/document.hpp>
#include <ta/result.hpp>
#include <ta/stream.hpp>

namespace ta {

class analyzer {
  public:
    virtual ~analyzer() = default;
    /// Exactly one result per document, in the order of `documents`. Per-document failures
    /// are results with `error` set; whole-call failures throw a ta::error.
    virtual std::vector<result> analyze(const std::vector<document>& documents) = 0;

    /// Scores the documents `source` gives as they come, several batches at once where the
    /// analyzer can, and gives each with its result to `sink` in input order, as soon as it and
    /// every one before it are done; at most `options.window` documents are held at once.
    /// `source` is called from a thread of its own (one call at a time), `sink` from the
    /// caller's. A request that still fails after its retries becomes error records for its
    /// documents, and the stream goes on; what means the analyzer cannot be used at all (a
    /// wrong key, no such API, no batch ever scored, failure after failure) throws, after the
    /// records done before it have reached the sink. The default scores one batch at a time
    /// through analyze().
    virtual void analyze_stream(const stream_source& source, const stream_sink& sink,
                                const stream_options& options);
    void analyze_stream(const stream_source& source, const stream_sink& sink) {
        analyze_stream(source, sink, stream_options{});
    }

    /// A short description for people: "Azure AI Language at https://…, API 2023-04-01".
    virtual std::string description() const = 0;
};

} // namespace ta
