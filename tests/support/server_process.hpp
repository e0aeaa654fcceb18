// The built `ta-server` as a child process for the CLI tests: started on a free port, its
// first line read for the URL, its output collected until it is stopped with a signal.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "process.hpp"

namespace ta::test {

class server_process {
  public:
    /// Runs `argv` (argv[0] the program; give it "--port", "0") and waits for its first line,
    /// "listening on URL". Throws std::runtime_error, with what it wrote on stderr, when it
    /// exits or says something else first. `startup_limit` is a safety net against hangs.
    explicit server_process(const std::vector<std::string>& argv,
                            std::chrono::milliseconds startup_limit = std::chrono::seconds(30));
    /// Kills it (SIGKILL) when it is still running.
    ~server_process();
    server_process(const server_process&) = delete;
    server_process& operator=(const server_process&) = delete;

    /// "http://127.0.0.1:PORT", from the first line.
    const std::string& url() const noexcept;
    /// The first line, without its '\n'.
    const std::string& first_line() const noexcept;
    /// Sends `signal_number` and waits for it to exit (SIGKILL after `kill_after`). `out` holds
    /// what it wrote on stdout after the first line, `err` all it wrote on stderr.
    process_result stop(int signal_number,
                        std::chrono::milliseconds kill_after = std::chrono::seconds(30));

  private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace ta::test
