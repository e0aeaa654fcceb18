// The `ta` command: everything happens in ta::cli::run, which the tests call in-process too.
#include <cstdlib>
#include <iostream>

#include <unistd.h>

#include "run.hpp"

int main(int argc, char** argv) {
    // Output is written in large chunks; the C streams are not used.
    std::ios::sync_with_stdio(false);
    const ta::cli::io streams{
        std::cin,
        std::cout,
        std::cerr,
        isatty(STDIN_FILENO) == 1,
        isatty(STDOUT_FILENO) == 1,
        [](const std::string& name) -> std::optional<std::string> {
            const char* value = std::getenv(name.c_str());
            return value == nullptr ? std::nullopt : std::optional<std::string>(value);
        },
    };
    return ta::cli::run(argc, argv, streams);
}
