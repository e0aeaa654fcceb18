// The one place where failures become what the user reads and the exit code scripts test.
#pragma once

#include <exception>
#include <string>

namespace ta::cli {

inline constexpr int exit_ok = 0;          ///< every document scored
inline constexpr int exit_some_failed = 1; ///< some documents failed; their records say why
inline constexpr int exit_usage = 2;       ///< a bad option, an unreadable input, no endpoint
inline constexpr int exit_unavailable = 3; ///< the service could not be used

struct failure {
    int exit_code = exit_usage;
    std::string message; ///< "ta: ...", possibly several lines, no final newline
};

/// Pure: the exception in, the text and the exit code out.
failure describe_failure(const std::exception& error);

} // namespace ta::cli
