// The whole ta-server program, but for main(): parse the options, serve until SIGINT or
// SIGTERM, map failures to exit codes (0 stopped by a signal, 2 bad usage, 3 cannot listen).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "service_routes.hpp"

namespace ta::server {

/// `args` without the program name. The first line on `out` is "listening on http://HOST:PORT";
/// the log goes to `err`. Blocks SIGINT and SIGTERM in the calling thread (and so in the
/// server's threads) and waits for one of them.
int run_server(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
               engine_factory engine = builtin_engine());

} // namespace ta::server
