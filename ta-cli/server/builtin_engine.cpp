// Apart from service_routes.cpp so that the server's logic links without the engine (its unit
// tests use their own analyzer).
#include "service_routes.hpp"

namespace ta::server {

engine_factory builtin_engine() {
    return [](const ta::builtin_options& options) -> std::unique_ptr<ta::analyzer> {
        return std::make_unique<ta::builtin_analyzer>(options);
    };
}

} // namespace ta::server
