// The remote analyzer: the Azure AI Language / Text Analytics sentiment service, in the cloud or
// in the local container.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <ta/analyzer.hpp>
#include <ta/api_version.hpp>
#include <ta/clock.hpp>
#include <ta/string_index.hpp>
#include <ta/transport.hpp>

namespace ta {

/// client_options::concurrency at most: more connections would only trip the service's rate
/// limits.
inline constexpr int max_client_concurrency = 64;

struct client_options {
    /// https://<resource>.cognitiveservices.azure.com or http://localhost:5000 (a trailing
    /// slash is fine).
    std::string endpoint;
    /// Sent as Ocp-Apim-Subscription-Key when not empty (the container takes none).
    std::string key;
    api_version api = api_version::automatic;
    /// For documents whose language is empty.
    std::string default_language = "en";
    std::string model_version; ///< empty = the service's default ("latest")
    bool opinion_mining = false;
    bool show_stats = false;
    bool logging_opt_out = false;
    std::optional<string_index_type> string_index; ///< nullopt = the service's default
    /// Requests in flight at once (over HTTP/1.1 each on a connection of its own, over HTTP/2
    /// sharing connections as streams; connections kept for the next request).
    /// Four reach the rate limit of most tiers at the cloud's round-trip times; while the
    /// service answers 429, fewer go out.
    int concurrency = 4;
    /// Requests started per second at most (retries included); 0 = no cap.
    double rate = 0;
    /// Retries of a request that failed with 408, 429, 5xx or no answer.
    int retries = 3;
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds timeout{100'000}; ///< per request
    std::string ca_file;
    /// Called with each request and response, the key redacted (for --verbose).
    std::function<void(std::string_view)> log;
};

/// The waits between retries go to this instead of a clock, when given.
using sleep_function = std::function<void(std::chrono::milliseconds)>;

/// A client runs its own requests concurrently, up to client_options::concurrency, on both
/// analyze() and analyze_stream(); calls from several threads at once share that limit.
class client final : public analyzer {
  public:
    /// Throws ta::usage_error when the options cannot work (a bad endpoint, an option the chosen
    /// API lacks). Every request in flight goes through one event loop on the calling thread,
    /// driving `http`'s open_async(); `http` = nullptr uses libcurl (its multi interface). A
    /// transport with only send() has it called from a thread per request in flight, so it
    /// must allow concurrent send() calls when concurrency > 1.
    explicit client(client_options options, std::shared_ptr<transport> http = nullptr);
    /// `time` paces the requests and waits between retries (nullptr: the steady clock).
    client(client_options options, std::shared_ptr<transport> http, std::shared_ptr<clock> time);
    /// The waits go to `sleep` (tests that count them).
    client(client_options options, std::shared_ptr<transport> http, sleep_function sleep);
    ~client() override;
    client(const client&) = delete;
    client& operator=(const client&) = delete;

    /// Batches of the API's size go out concurrently. A batch that still fails after its
    /// retries gives its documents error records once another batch has been scored; before
    /// that, and for what no retry can mend (401, 403, 404 on every API), it throws.
    std::vector<result> analyze(const std::vector<document>& documents) override;
    void analyze_stream(const stream_source& source, const stream_sink& sink,
                        const stream_options& options) override;
    using analyzer::analyze_stream;
    std::string description() const override;

    /// The version in use: the configured one, or what `automatic` settled on (automatic until
    /// the first call has answered).
    api_version resolved_api() const noexcept;
    const client_options& options() const noexcept;

  private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace ta
