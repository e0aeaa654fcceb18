// A sentiment request as the service reads it: the route's query options, the body's shape, its
// limits (1 MB, 10 documents or v2's 1000, unique ids). What the service rejects as a whole
// becomes a rejection with its status and body; what it rejects per document is left to the
// answer.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <ta/document.hpp>
#include <ta/string_index.hpp>

#include "api_routes.hpp"
#include "service_errors.hpp"

namespace ta::server {

struct sentiment_request {
    const api_route* route = nullptr;
    /// As sent; an empty language was absent (the service then takes "en").
    std::vector<ta::document> documents;
    /// showStats (v2.1 and later).
    bool show_stats = false;
    /// opinionMining (v3.1 and the Language API).
    bool opinion_mining = false;
    /// loggingOptOut (v3.1 and the Language API).
    bool logging_opt_out = false;
    /// stringIndexType (v3.1 and the Language API); nullopt = text elements, the default.
    std::optional<ta::string_index_type> string_index;
    /// model-version (v3) or parameters.modelVersion (Language API); "" when not given.
    std::string model_version;
};

/// The value of a query parameter, nullopt when absent.
using query_lookup = std::function<std::optional<std::string>(std::string_view name)>;

/// Reads a POST to `route`. The body is checked before anything else for its size (413).
std::variant<sentiment_request, rejection>
parse_sentiment_request(const api_route& route, const query_lookup& query, std::string_view body);

/// The service's stringIndexType names: v3.1 spells the default "TextElement_v8", the Language
/// API "TextElements_v8"; each rejects the other's spelling.
std::optional<ta::string_index_type> parse_service_string_index(std::string_view name,
                                                                ta::api_generation generation);

} // namespace ta::server
