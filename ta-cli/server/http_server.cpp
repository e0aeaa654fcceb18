#include "http_server.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <functional>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <thread>
#include <utility>

#include <httplib.h>
#include <netdb.h>
#include <sys/socket.h>

#include "httplib_server.hpp"
#include "idle_connections.hpp"
#include "request_log.hpp"
#include "service_errors.hpp"
#include "slow_clients.hpp"

namespace ta::server {
namespace {

constexpr const char* json_content_type = "application/json; charset=utf-8";
constexpr std::size_t max_body_bytes = 1'048'576; // the service's 1 MB

/// A random (version 4) UUID, as the service's request ids are.
std::string make_request_id() {
    thread_local std::mt19937_64 random{std::random_device{}()};
    static constexpr std::string_view hex = "0123456789abcdef";
    const std::uint64_t high = random();
    const std::uint64_t low = random();
    std::string id;
    id.reserve(36);
    for (int i = 0; i < 32; ++i) {
        const std::uint64_t word = i < 16 ? high : low;
        auto nibble = static_cast<unsigned>((word >> (4 * (15 - i % 16))) & 0xF);
        if (i == 12) {
            nibble = 4; // the version
        } else if (i == 16) {
            nibble = 8 | (nibble & 3); // the variant
        }
        if (i == 8 || i == 12 || i == 16 || i == 20) {
            id += '-';
        }
        id += hex[nibble];
    }
    return id;
}

/// What the log line needs that httplib's logger is not given: when the request began and how
/// many documents it had. A connection's requests are served one after another on one thread.
struct request_timing {
    std::optional<std::chrono::steady_clock::time_point> started;
    std::size_t documents = 0;
};
thread_local request_timing current_request;

incoming_request incoming(const httplib::Request& request, bool body_too_large) {
    incoming_request in;
    in.method = request.method;
    in.path = request.path;
    in.query = [&request](std::string_view name) -> std::optional<std::string> {
        const std::string key(name);
        if (!request.has_param(key.c_str())) {
            return std::nullopt;
        }
        return request.get_param_value(key.c_str());
    };
    if (request.has_header("Ocp-Apim-Subscription-Key")) {
        in.key = request.get_header_value("Ocp-Apim-Subscription-Key");
    }
    in.body = request.body;
    in.body_too_large = body_too_large;
    return in;
}

void respond(httplib::Response& response, int status, const std::string& body) {
    response.status = status;
    response.set_header("apim-request-id", make_request_id());
    response.set_header("x-content-type-options", "nosniff");
    response.set_content(body, json_content_type);
}

/// The body of an error httplib raised itself, before any route (a request it could not read).
std::string plumbing_error_body(int status) {
    switch (status) {
    case 400:
        return wrapped_error_body("InvalidRequest", "Invalid Request.");
    case 414:
        return wrapped_error_body("414", "URI Too Long");
    case 500:
        return internal_error().body;
    default:
        return wrapped_error_body(std::to_string(status), "Request failed");
    }
}

/// httplib's thread pool, counting the connections accepted that wait for a thread.
class counted_thread_pool final : public httplib::TaskQueue {
  public:
    counted_thread_pool(std::size_t threads, std::atomic<std::size_t>& waiting)
        : pool_(threads), waiting_(waiting) {}

    void enqueue(std::function<void()> serve_connection) override {
        waiting_.fetch_add(1);
        pool_.enqueue([this, serve_connection = std::move(serve_connection)] {
            waiting_.fetch_sub(1);
            serve_connection();
        });
    }
    void shutdown() override { pool_.shutdown(); }

  private:
    httplib::ThreadPool pool_;
    std::atomic<std::size_t>& waiting_;
};

} // namespace

std::size_t default_thread_count() noexcept {
    const std::size_t cores = std::max(1U, std::thread::hardware_concurrency());
    return std::clamp<std::size_t>(4 * cores, 32, 256);
}

struct http_server::impl {
    impl(service_routes r, http_server_options o) : routes(std::move(r)), options(std::move(o)) {}

    service_routes routes;
    http_server_options options;
    httplib_server server;
    int port = 0;
    std::once_flag stopped;
    std::unique_ptr<slow_client_watch> slow_clients;
    std::atomic<std::size_t> waiting_connections{0}; ///< accepted, no thread free for them yet

    /// Every thread busy and connections queued: this answer closes its connection, so that
    /// its thread goes to the next one instead of waiting on the client's next request (a
    /// kept-alive connection holds its thread until it is closed or idle for keep_alive).
    void close_when_others_wait(httplib::Response& response) const {
        if (waiting_connections.load() > 0) {
            response.set_header("Connection", "close");
        }
    }

    void serve(const httplib::Request& request, httplib::Response& response, bool body_too_large) {
        if (slow_clients) {
            slow_clients->answering(request.remote_addr, request.remote_port);
        }
        const answer a = routes.handle(incoming(request, body_too_large));
        current_request.documents = a.documents;
        respond(response, a.status, a.body);
        close_when_others_wait(response);
    }
};

http_server::http_server(service_routes routes, http_server_options options)
    : impl_(std::make_unique<impl>(std::move(routes), std::move(options))) {
    auto& server = impl_->server;
    const std::size_t threads =
        impl_->options.threads == 0 ? default_thread_count() : impl_->options.threads;
    server.new_task_queue = [this, threads] {
        return new counted_thread_pool(threads, impl_->waiting_connections);
    };
    // Clients keep their connections; an idle one gives its thread back after keep_alive, and
    // while others wait for a thread, each answer closes its own (close_when_others_wait).
    server.set_keep_alive_max_count(10'000);
    server.set_keep_alive_timeout(std::max<time_t>(1, impl_->options.keep_alive.count()));
    // Headers and body go out in separate writes: without this, Nagle's algorithm and delayed
    // ACKs add 40 ms to every answer on a reused connection.
    server.set_tcp_nodelay(true);
    // httplib's default adds SO_REUSEPORT, with which a second server binds the same port and
    // shares its connections; a port in use must be an error instead.
    server.set_socket_options([](socket_t sock) {
        const int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    // A longer body is refused unread; the error handler gives it the service's 413.
    server.set_payload_max_length(max_body_bytes);

    server.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
        current_request = {std::chrono::steady_clock::now(), 0};
        return httplib::Server::HandlerResponse::Unhandled;
    });
    server.route_every_path([this](const httplib::Request& request, httplib::Response& response) {
        impl_->serve(request, response, false);
    });
    // Called for every answer of 400 or more, ours too: only those without a body are httplib's.
    const httplib::Server::HandlerWithResponse on_error = [this](const httplib::Request& request,
                                                                 httplib::Response& response) {
        if (!response.body.empty()) {
            return httplib::Server::HandlerResponse::Unhandled;
        }
        if (response.status == 413) {
            impl_->serve(request, response, true);
        } else {
            respond(response, response.status, plumbing_error_body(response.status));
            impl_->close_when_others_wait(response);
        }
        return httplib::Server::HandlerResponse::Handled;
    };
    server.set_error_handler(on_error);
    server.set_exception_handler(
        [](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
            respond(response, 500, internal_error().body);
        });
    // Installed with or without a log: httplib's one call after an answer went out. The slow
    // client watch forgets a peer whose connection closed without it too.
    server.set_logger([this](const httplib::Request& request, const httplib::Response& response) {
        if (impl_->slow_clients) {
            impl_->slow_clients->answered(request.remote_addr, request.remote_port);
        }
        const auto started = current_request.started;
        const std::size_t documents = current_request.documents;
        current_request = {};
        if (!impl_->options.log) {
            return;
        }
        const auto elapsed = started ? std::chrono::duration_cast<std::chrono::microseconds>(
                                           std::chrono::steady_clock::now() - *started)
                                     : std::chrono::microseconds{0};
        const std::string api_version = request.get_param_value("api-version");
        impl_->options.log(log_line(
            {request.method, request.path, api_version, response.status, documents, elapsed}));
    });

    const auto& host = impl_->options.host;
    errno = 0;
    if (impl_->options.port == 0) {
        impl_->port = server.bind_to_any_port(host);
    } else if (server.bind_to_port(host, impl_->options.port)) {
        impl_->port = impl_->options.port;
    }
    const int bind_error = errno; // bind()'s, when it failed: httplib keeps no other trace
    if (impl_->port > 0 && impl_->options.request_timeout.count() > 0) {
        impl_->slow_clients =
            std::make_unique<slow_client_watch>(impl_->port, impl_->options.request_timeout);
    }
    if (impl_->port <= 0 || !server.start()) {
        std::string why;
        if (impl_->port <= 0 && bind_error == EADDRINUSE) {
            why = ": the port is in use (--port 0 takes a free one)";
        } else if (impl_->port <= 0 && bind_error != 0) {
            why = std::string(": ") + std::strerror(bind_error);
        } else if (impl_->port <= 0) {
            // httplib gives up before bind() when the name does not resolve.
            addrinfo hints{};
            hints.ai_socktype = SOCK_STREAM;
            addrinfo* found = nullptr;
            if (const int error = ::getaddrinfo(host.c_str(), nullptr, &hints, &found);
                error != 0) {
                why = std::string(": ") + ::gai_strerror(error);
            } else {
                ::freeaddrinfo(found);
            }
        }
        throw std::runtime_error("cannot listen on " + host + " port " +
                                 std::to_string(impl_->options.port) + why);
    }
}

http_server::~http_server() {
    stop();
}

int http_server::port() const noexcept {
    return impl_->port;
}

std::string http_server::url() const {
    const auto& host = impl_->options.host;
    const bool v6 = host.find(':') != std::string::npos;
    return "http://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(impl_->port);
}

void http_server::stop() {
    std::call_once(impl_->stopped, [this] {
        impl_->server.stop();
        // Not accepting any more: the connections kept alive can end now, not when they time out.
        end_reading_connections(impl_->port);
        impl_->server.stop_and_join();
    });
}

} // namespace ta::server
