// The whole command, callable in-process: main() only gathers its surroundings into an `io`.
#pragma once

#include <functional>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace ta::cli {

struct io {
    std::istream& in;
    std::ostream& out;
    std::ostream& err;
    bool stdin_is_terminal = false;
    bool stdout_is_terminal = false;
    /// The environment; nullopt for a variable that is not set.
    std::function<std::optional<std::string>(const std::string&)> environment;
};

/// `args` without the program name. Returns the exit code (see messages.hpp).
int run(const std::vector<std::string>& args, const io& streams);
int run(int argc, const char* const* argv, const io& streams);

} // namespace ta::cli
