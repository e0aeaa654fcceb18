// The one place where failures become what the user reads and the exit code scripts test.
#pragma once

#include <exception>
#include <string>

namespace ta::cli {

inline constexpr int exit_ok = 0;          ///< every document scored
inline constexpr int exit_some_failed = 1; ///< some documents failed; their records say why
/// A bad option, an unreadable input, output that cannot be written, no endpoint.
inline constexpr int exit_usage = 2;
/// The service could not be used; also ta's own internal errors, which no user input explains.
inline constexpr int exit_unavailable = 3;
/// The reader of the output went away (EPIPE, SIGPIPE ignored): no error of the user's, and what
/// a shell shows for a program that SIGPIPE ended (128 + 13), as it ends ta where not ignored.
inline constexpr int exit_reader_left = 141;

struct failure {
    int exit_code = exit_usage;
    std::string message; ///< "ta: ...", possibly several lines, no final newline
};

/// What the run knew when it failed, where it changes the advice.
struct failure_context {
    bool key_given = true; ///< a key was configured (TA_KEY, AZURE_LANGUAGE_KEY or --key-file)
    int retries = 3;       ///< --retries: how often a 408, 429 or 5xx was tried again
};

/// Pure: the exception in, the text and the exit code out.
failure describe_failure(const std::exception& error, const failure_context& context = {});

} // namespace ta::cli
