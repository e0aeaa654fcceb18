// The `ta` command: everything happens in ta::cli::run, which the tests call in-process too.
#include <chrono>
#include <cstdlib>
#include <iostream>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include "run.hpp"

namespace {

/// A standard descriptor that was closed (`ta >&-`) is taken by /dev/null, opened the wrong way
/// round: otherwise the next file or socket ta opens would get the number, and the output would
/// go there. Writing to it still fails, which ta reports.
void occupy_closed_standard_descriptors() {
    for (const int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) {
        if (::fcntl(fd, F_GETFD) == -1) {
            ::open("/dev/null", fd == STDIN_FILENO ? O_WRONLY : O_RDONLY);
        }
    }
}

/// Whether standard input has something to read (or its end) within `limit`.
bool wait_for_stdin(std::chrono::milliseconds limit) {
    pollfd watched{STDIN_FILENO, POLLIN, 0};
    const int ready = ::poll(&watched, 1, static_cast<int>(limit.count()));
    // An error (EINTR, or stdin not pollable) is not worth waiting on: the read will tell.
    return ready != 0;
}

} // namespace

int main(int argc, char** argv) {
    occupy_closed_standard_descriptors();
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
        isatty(STDERR_FILENO) == 1,
        wait_for_stdin,
        nullptr,
    };
    return ta::cli::run(argc, argv, streams);
}
