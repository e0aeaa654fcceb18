// The `ta-server` command: everything happens in ta::server::run_server.
#include <iostream>
#include <string>
#include <vector>

#include "server/server_run.hpp"

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    return ta::server::run_server(args, std::cout, std::cerr);
}
