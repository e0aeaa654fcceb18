// Where each API generation lives: the service's paths (and the Language API's api-version).
#pragma once

#include <string_view>
#include <vector>

#include <ta/api_version.hpp>

namespace ta::server {

struct api_route {
    ta::api_version version;
    ta::api_generation generation;
    std::string_view path;                  ///< "/text/analytics/v3.1/sentiment"
    std::string_view api_version_parameter; ///< the Language API's ?api-version=; "" for v2/v3
};

/// Every version's route, oldest first.
const std::vector<api_route>& api_routes();

/// The route a POST to `path` with `?api-version=` (empty when absent) is for; nullptr when the
/// service has none there (it answers 404).
const api_route* find_api_route(std::string_view path, std::string_view api_version_parameter);

/// What the service calls the version in its paths or api-version ("v3.1", "2023-04-01").
std::string_view route_name(const api_route& route);

} // namespace ta::server
