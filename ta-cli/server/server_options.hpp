// ta-server's command line: `ta-server [--host 127.0.0.1] [--port 5000] [--key-file PATH]
// [--threads N] [--latency MS]`, turned into a validated options struct.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace ta::server {

struct server_options {
    std::string host = "127.0.0.1";
    int port = 5000; ///< 0 = a free port
    std::string key_file;
    std::size_t threads = 0; ///< 0 = http_server's default
    /// Added to every sentiment request before it is answered, as a distant service's round
    /// trip would be, so that benchmarks against a local server see a realistic floor.
    std::chrono::milliseconds latency{0};
    /// Each request must arrive whole within this long of its connection's opening or previous
    /// answer (slow clients are cut off).
    std::chrono::milliseconds request_timeout{10'000};
    bool show_help = false;
    bool show_version = false;
};

/// A bad option or value; its message is for the user (exit code 2).
class usage_error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// `args` without the program name. Throws usage_error.
server_options parse_server_command_line(const std::vector<std::string>& args);

/// The help text (options, what it serves, an example).
std::string server_help_text();

/// The key in `path`, white space around it removed. Throws usage_error when the file cannot
/// be read or holds no key (the message names the file, never its content). `warn` gets a
/// warning when other users may read the file.
std::string read_server_key_file(const std::string& path,
                                 const std::function<void(const std::string&)>& warn = {});

} // namespace ta::server
