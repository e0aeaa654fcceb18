// What ta-server answers, without the HTTP plumbing: the key check, /status and /ready, the
// sentiment paths of every generation (scored by an analyzer made per request), and the
// gateway's 404 for anything else. Pure (request in, answer out), so it is tested without
// sockets.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <ta/analyzer.hpp>
#include <ta/builtin.hpp>

#include "sentiment_request.hpp"

namespace ta::server {

/// Makes the analyzer for one request, from the request's options. It is called from many
/// threads at once.
using engine_factory = std::function<std::unique_ptr<ta::analyzer>(const ta::builtin_options&)>;

/// The built-in engine (ta::builtin_analyzer).
engine_factory builtin_engine();

struct routes_options {
    /// When not empty, every path but /ready needs it in Ocp-Apim-Subscription-Key.
    std::string key;
    engine_factory engine;
    /// The answers' modelVersion; model-version/modelVersion may be this or "latest".
    std::string model_version = ta::builtin_model_version;
    /// How long every request to a sentiment path waits before it is handled (--latency): the
    /// round trip of a distant service. /ready and /status never wait, so probes stay quick.
    std::chrono::milliseconds latency{0};
    /// How the waiting is done; a test passes one that records instead of sleeping. Empty =
    /// the calling thread sleeps, which holds up only its own connection, since every
    /// connection is served on a thread of its own.
    std::function<void(std::chrono::milliseconds)> wait;
};

struct incoming_request {
    std::string method;
    std::string path; ///< decoded, without the query
    query_lookup query;
    /// Ocp-Apim-Subscription-Key, nullopt when absent.
    std::optional<std::string> key;
    std::string_view body;
    /// The body was over the size limit and was not read (body is then empty).
    bool body_too_large = false;
};

struct answer {
    int status = 200;
    std::string body; ///< JSON
    /// Documents in the request, for the log (0 when it was rejected before they were read).
    std::size_t documents = 0;
};

class service_routes {
  public:
    /// Throws std::invalid_argument when options.engine is empty.
    explicit service_routes(routes_options options);

    /// Thread-safe. An exception from the analyzer becomes a 500 with the service's body.
    answer handle(const incoming_request& request) const;

  private:
    answer sentiment(const api_route& route, const incoming_request& request) const;
    bool authorized(const incoming_request& request) const noexcept;

    routes_options options_;
};

} // namespace ta::server
