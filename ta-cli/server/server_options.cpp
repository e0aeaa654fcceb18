#include "server_options.hpp"

#include <cmath>

#include <CLI/CLI.hpp>

#include "errors.hpp"
#include "key_file.hpp"

namespace ta::server {
namespace {

constexpr const char* description =
    "Serves ta's built-in sentiment engine behind the Azure AI Language / Text Analytics\n"
    "sentiment API: /text/analytics/v2.0|v2.1|v3.0|v3.1/sentiment,\n"
    "/language/:analyze-text?api-version=2022-05-01|2023-04-01|2024-11-01|2025-11-01,\n"
    "GET /status and GET /ready. Prints \"listening on http://HOST:PORT\" first; logs one line\n"
    "per request on stderr; stops on SIGINT or SIGTERM.\n";

constexpr const char* footer = "Examples:\n"
                               "  ta-server --port 0 --key-file ~/.config/ta/key\n"
                               "  TA_ENDPOINT=http://127.0.0.1:5000 ta \"I love it\"\n"
                               "  ta-server --latency 50 --threads 64   # a benchmark's service\n";

void add_options(CLI::App& app, server_options& o) {
    app.description(description);
    app.footer(footer);
    app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    app.add_option("--host", o.host,
                   "The address to listen on (default 127.0.0.1; 0.0.0.0 for "
                   "every interface)")
        ->type_name("HOST");
    app.add_option("--port", o.port, "The port (default 5000; 0 picks a free one)")
        ->type_name("PORT")
        ->check(CLI::Range(0, 65535));
    app.add_option("--key-file", o.key_file,
                   "Require the key in this file in Ocp-Apim-Subscription-Key (default: no key)")
        ->type_name("PATH");
    app.add_option("--threads", o.threads,
                   "Connections served at once (default: 4 per core, 32 to 256); while more "
                   "wait, each answer closes its connection")
        ->type_name("N")
        ->check(CLI::Range(1, 1024));
    // A minute at most: beyond that a client's timeout, not the latency, is what gets measured.
    app.add_option_function<int>(
           "--latency",
           [&o](int milliseconds) { o.latency = std::chrono::milliseconds(milliseconds); },
           "Answer each sentiment request MS milliseconds late, as a distant service would "
           "(default 0); only its own connection waits, so give --threads at least the "
           "clients' connections")
        ->type_name("MS")
        ->check(CLI::Range(0, 60'000));
    app.add_option_function<double>(
           "--request-timeout",
           [&o](double seconds) {
               o.request_timeout = std::chrono::milliseconds(std::llround(seconds * 1000));
           },
           "Close a connection that has not sent a whole request (headers and body) within "
           "SECONDS of its opening or of its previous answer (default 10): a slow or stalled "
           "client cannot hold a thread")
        ->type_name("SECONDS")
        ->check(CLI::Range(0.01, 3600.0));
    app.add_flag("--version", o.show_version, "Print ta-server's version");
}

} // namespace

server_options parse_server_command_line(const std::vector<std::string>& args) {
    server_options o;
    CLI::App app("", "ta-server");
    add_options(app, o);
    // CLI11 takes the arguments last first.
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    try {
        app.parse(reversed);
    } catch (const CLI::CallForHelp&) {
        server_options help;
        help.show_help = true;
        return help;
    } catch (const CLI::ExtrasError& e) {
        // CLI11 lists the extras last first (it was given them reversed): name the first.
        for (const auto& arg : args) {
            const std::string name = arg.substr(0, arg.find('='));
            if (name.starts_with("-") && app.get_option_no_throw(name) == nullptr) {
                throw usage_error("unknown option '" + name + "'");
            }
        }
        throw usage_error(e.what());
    } catch (const CLI::ParseError& e) {
        throw usage_error(e.what());
    }
    if (o.host.empty()) {
        throw usage_error("--host: an address is needed (127.0.0.1, 0.0.0.0, ::1, a name)");
    }
    if (app.count("--key-file") != 0 && o.key_file.empty()) {
        throw usage_error("--key-file: a path is needed");
    }
    return o;
}

std::string server_help_text() {
    server_options o;
    CLI::App app("", "ta-server");
    add_options(app, o);
    return app.help();
}

std::string read_server_key_file(const std::string& path,
                                 const std::function<void(const std::string&)>& warn) {
    try {
        return ta::cli::read_key_file(path, warn);
    } catch (const ta::cli::input_error& e) {
        throw usage_error(e.what());
    }
}

} // namespace ta::server
