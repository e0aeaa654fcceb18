// Runs a program (the built `ta`) as a child process: stdin from a string, stdout and stderr
// captured, for the CLI tests.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ta::test {

struct process_result {
    int exit_code = -1; ///< -1 when killed by a signal (signal_number says which)
    int signal_number = 0;
    std::string out;
    std::string err;
};

struct process_options {
    /// Written to the child's stdin, which is then closed. nullopt: stdin is /dev/null.
    std::optional<std::string> input;
    /// Set in the child's environment (after TA_ENDPOINT, TA_KEY, AZURE_LANGUAGE_ENDPOINT,
    /// AZURE_LANGUAGE_KEY and NO_COLOR were removed from the inherited one).
    std::vector<std::pair<std::string, std::string>> environment;
    /// The child's working directory; empty = ours.
    std::string working_directory;
    /// Killed (SIGKILL) after this long; a safety net against hangs, not a timing assertion.
    std::chrono::milliseconds kill_after{60'000};
    /// After the kill, how long to wait for the output pipes to close: a grandchild that holds
    /// them may outlive the child. Then they are closed on our side and the result returned.
    std::chrono::milliseconds grace_after_kill{5'000};
    /// Start the child with SIGPIPE ignored (`trap '' PIPE` in a shell), so that a write to a
    /// closed pipe fails with EPIPE instead of killing it. Runs it through /bin/sh.
    bool ignore_sigpipe = false;
    /// Stop reading the child's stdout, and close it, once this many bytes have come (as
    /// `| head -c N` would); `out` holds what was read until then.
    std::optional<std::size_t> close_output_after;
};

/// argv[0] is the program's path. Throws std::runtime_error when it cannot be started.
process_result run_process(const std::vector<std::string>& argv,
                           const process_options& options = {});

} // namespace ta::test
