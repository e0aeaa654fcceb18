// The command line, parsed and checked: flags in, a validated options struct out. Nothing here
// reads the environment or a file.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <ta/api_version.hpp>
#include <ta/client.hpp>

#include "input.hpp"
#include "renderer.hpp"

namespace ta::cli {

/// Which analyzer scores: the service when an endpoint is configured, else the built-in engine.
enum class engine_choice { automatic, builtin, remote };

/// Whether a progress line goes to standard error.
enum class progress_choice { automatic, always, never };

struct options {
    bool show_help = false;
    bool show_version = false;

    std::vector<std::string> texts; ///< positional arguments, one document each
    std::vector<std::string> files; ///< -f/--file, "-" = standard input
    input_format input = input_format::text;
    output_format format = output_format::text;

    engine_choice engine = engine_choice::automatic;
    std::string endpoint; ///< empty: TA_ENDPOINT / AZURE_LANGUAGE_ENDPOINT
    std::string key_file; ///< empty: TA_KEY / AZURE_LANGUAGE_KEY
    std::string ca_file;  ///< --cacert; empty: the system's CA certificates
    /// --allow-insecure-http: a key may go over plain http:// to a host that is not loopback.
    bool allow_insecure_http = false;
    ta::api_version api = ta::api_version::automatic;
    bool api_given = false; ///< --api named a version (not auto)
    std::string language = "en";
    std::string model_version;
    bool opinion_mining = false;
    bool show_stats = false;
    bool logging_opt_out = false;
    std::optional<ta::string_index_type> string_index;
    int concurrency = 4;
    int retries = 3;
    double rate = 0; ///< requests per second at most; 0 = no cap
    std::chrono::milliseconds timeout{100'000};
    progress_choice progress = progress_choice::automatic;
    bool verbose = false;
};

/// `args` without the program name. Throws command_line_error with a message for people.
options parse_command_line(const std::vector<std::string>& args);

/// What --help prints.
std::string help_text();

} // namespace ta::cli
