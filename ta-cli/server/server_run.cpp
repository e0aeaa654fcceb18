#include "server_run.hpp"

#include <chrono>
#include <csignal>
#include <ctime>
#include <exception>
#include <mutex>
#include <string_view>
#include <utility>

#include <pthread.h>

#include <ta/version.hpp>

#include "http_server.hpp"
#include "server_options.hpp"

namespace ta::server {
namespace {

constexpr int exit_ok = 0;
constexpr int exit_usage = 2;
constexpr int exit_cannot_serve = 3;

/// "2026-12-01T10:30:00.123Z"
std::string utc_now() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() %
        1000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    const std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
    std::snprintf(text + n, sizeof text - n, ".%03dZ", static_cast<int>(millis));
    return text;
}

} // namespace

int run_server(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
               engine_factory engine) {
    server_options options;
    routes_options routes;
    try {
        options = parse_server_command_line(args);
        if (options.show_help) {
            out << server_help_text() << std::flush;
            return exit_ok;
        }
        if (options.show_version) {
            out << "ta-server " << ta::version() << '\n' << std::flush;
            return exit_ok;
        }
        if (!options.key_file.empty()) {
            routes.key = read_server_key_file(options.key_file, [&err](const std::string& text) {
                err << "ta-server: warning: " << text << '\n' << std::flush;
            });
        }
    } catch (const usage_error& e) {
        err << "ta-server: " << e.what() << "\n(ta-server --help lists the options)\n"
            << std::flush;
        return exit_usage;
    }
    routes.engine = std::move(engine);
    routes.latency = options.latency;

    // Blocked before the server starts its threads, which inherit the mask: the signals then
    // reach only sigwait below, and stop the server from a normal thread.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    // A client that goes away must not kill the server; httplib's writes say so by failing.
    std::signal(SIGPIPE, SIG_IGN);

    std::mutex log_mutex;
    http_server_options http;
    http.host = options.host;
    http.port = options.port;
    http.threads = options.threads;
    http.request_timeout = options.request_timeout;
    http.log = [&err, &log_mutex](std::string_view line) {
        const std::string stamped = utc_now() + ' ' + std::string(line) + '\n';
        const std::lock_guard lock(log_mutex);
        err << stamped << std::flush;
    };
    try {
        http_server server(service_routes(std::move(routes)), std::move(http));
        out << "listening on " << server.url() << '\n' << std::flush;
        int received = 0;
        sigwait(&stop_signals, &received);
        server.stop();
        const std::lock_guard lock(log_mutex);
        err << utc_now() << " stopped (" << (received == SIGINT ? "SIGINT" : "SIGTERM") << ")\n"
            << std::flush;
    } catch (const std::exception& e) {
        const std::lock_guard lock(log_mutex);
        err << "ta-server: " << e.what() << '\n' << std::flush;
        return exit_cannot_serve;
    }
    return exit_ok;
}

} // namespace ta::server
