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

/// What the run knew when it failed, where it changes the advice.
struct failure_context {
    bool key_given = true; ///< a key was configured (TA_KEY, AZURE_LANGUAGE_KEY or --key-file)
};

/// Pure: the exception in, the text and the exit code out.
failure describe_failure(const std::exception& error, const failure_context& context = {});

} // namespace ta::cli
