#include "api_routes.hpp"

namespace ta::server {

const std::vector<api_route>& api_routes() {
    using ta::api_generation;
    using ta::api_version;
    static const std::vector<api_route> routes{
        {api_version::v2_0, api_generation::v2, "/text/analytics/v2.0/sentiment", ""},
        {api_version::v2_1, api_generation::v2, "/text/analytics/v2.1/sentiment", ""},
        {api_version::v3_0, api_generation::v3, "/text/analytics/v3.0/sentiment", ""},
        {api_version::v3_1, api_generation::v3, "/text/analytics/v3.1/sentiment", ""},
        {api_version::language_2022_05_01, api_generation::language, "/language/:analyze-text",
         "2022-05-01"},
        {api_version::language_2023_04_01, api_generation::language, "/language/:analyze-text",
         "2023-04-01"},
        {api_version::language_2024_11_01, api_generation::language, "/language/:analyze-text",
         "2024-11-01"},
        {api_version::language_2025_11_01, api_generation::language, "/language/:analyze-text",
         "2025-11-01"},
    };
    return routes;
}

const api_route* find_api_route(std::string_view path, std::string_view api_version_parameter) {
    for (const auto& route : api_routes()) {
        if (path == route.path && (route.api_version_parameter.empty() ||
                                   api_version_parameter == route.api_version_parameter)) {
            return &route;
        }
    }
    return nullptr;
}

std::string_view route_name(const api_route& route) {
    return route.api_version_parameter.empty() ? ta::to_string(route.version)
                                               : route.api_version_parameter;
}

} // namespace ta::server
