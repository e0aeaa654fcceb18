// The whole command, callable in-process: main() only gathers its surroundings into an `io`.
#pragma once

#include <chrono>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <ta/clock.hpp>

namespace ta::cli {

struct io {
    std::istream& in;
    std::ostream& out;
    std::ostream& err;
    bool stdin_is_terminal = false;
    bool stdout_is_terminal = false;
    /// The environment; nullopt for a variable that is not set.
    std::function<std::optional<std::string>(const std::string&)> environment;
    bool stderr_is_terminal = false;
    /// Waits up to the given time for standard input to have something to read (or its end);
    /// false when the time ran out. Unset: reads simply wait.
    std::function<bool(std::chrono::milliseconds)> stdin_ready;
    /// The progress line's time, and the service's retries and pace; nullptr = the real one.
    std::shared_ptr<ta::clock> time;
    /// How an interruption (SIGINT, SIGTERM) reaches the run: it is given a function to call
    /// with the signal's number, from any thread (not from a signal handler), while records are
    /// being written, and an empty function when that is over (which waits for a call in
    /// progress). The call stops the reading and ends the output after the last whole record
    /// (a json response is closed), flushed; run() then returns 128 + the number. Unset: no
    /// interruption but the signal's default.
    std::function<void(std::function<void(int)>)> on_interrupt;
    /// Standard output is a regular file (not a terminal, pipe or socket): records done may
    /// wait a moment in ta's buffer there, to be written together.
    bool stdout_is_file = false;
};

/// `args` without the program name. Returns the exit code (see messages.hpp).
int run(const std::vector<std::string>& args, const io& streams);
int run(int argc, const char* const* argv, const io& streams);

} // namespace ta::cli
