// ta's own HTTP/1.1 client: requests on kept-alive connections, driven by the transport's epoll
// loop. A request costs one sendmsg() and, most of the time, one recv(): no poll() before reuse,
// no change to the epoll set, no allocation once the connection's buffers have grown.
#include "detail/http1.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <exception>
#include <string>
#include <utility>

#include <ta/error.hpp>

#include "detail/strings.hpp"
#include "detail/transport_messages.hpp"

namespace ta::detail {
namespace {

/// Read in pieces of this size: an answer of ten documents is about 4 KB.
constexpr std::size_t read_size = 64 * 1024;

/// RFC 9110's tchar, as a table: a header name is checked for every request.
constexpr std::array<bool, 256> token_chars = [] {
    std::array<bool, 256> table{};
    for (int c = '0'; c <= '9'; ++c) {
        table[static_cast<unsigned char>(c)] = true;
    }
    for (int c = 'a'; c <= 'z'; ++c) {
        table[static_cast<unsigned char>(c)] = true;
        table[static_cast<unsigned char>(c - 'a' + 'A')] = true;
    }
    for (const char c : std::string_view("!#$%&'*+-.^_`|~")) {
        table[static_cast<unsigned char>(c)] = true;
    }
    return table;
}();

bool is_token(std::string_view text) noexcept {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return token_chars[static_cast<unsigned char>(c)];
    });
}

bool has_line_break(std::string_view text) noexcept {
    return std::any_of(text.begin(), text.end(),
                       [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

/// Headers that frame the message or the connection: libcurl's to write, when a caller gives them.
bool frames_the_message(std::string_view name) noexcept {
    switch (name.size()) { // one comparison at most, not seven
    case 2:
        return equals_ignoring_case(name, "TE");
    case 4:
        return equals_ignoring_case(name, "Host");
    case 6:
        return equals_ignoring_case(name, "Expect");
    case 7:
        return equals_ignoring_case(name, "Upgrade");
    case 10:
        return equals_ignoring_case(name, "Connection");
    case 14:
        return equals_ignoring_case(name, "Content-Length");
    case 17:
        return equals_ignoring_case(name, "Transfer-Encoding");
    default:
        return false;
    }
}

bool method_has_body(const http_request& request) {
    return request.method != "GET" && request.method != "HEAD" &&
           (request.method == "POST" || !request.body.empty());
}

std::string os_error_text(int error) {
    return std::strerror(error);
}

/// The addresses `host` (an address, or localhost) stands for, in the order to try them.
std::vector<sockaddr_storage> addresses_of(const http1_target& target) {
    std::vector<sockaddr_storage> out;
    const auto add_v4 = [&](const char* text) {
        sockaddr_storage storage{};
        auto& address = reinterpret_cast<sockaddr_in&>(storage);
        address.sin_family = AF_INET;
        address.sin_port = htons(target.port);
        if (inet_pton(AF_INET, text, &address.sin_addr) == 1) {
            out.push_back(storage);
        }
    };
    const auto add_v6 = [&](const std::string& text) {
        sockaddr_storage storage{};
        auto& address = reinterpret_cast<sockaddr_in6&>(storage);
        address.sin6_family = AF_INET6;
        address.sin6_port = htons(target.port);
        if (inet_pton(AF_INET6, text.c_str(), &address.sin6_addr) == 1) {
            out.push_back(storage);
        }
    };
    const std::string& host = target.host;
    if (equals_ignoring_case(host, "localhost")) {
        // Both loopbacks, IPv4 first: a service on one of them only is found on the other.
        add_v4("127.0.0.1");
        add_v6("::1");
    } else if (host.size() > 2 && host.front() == '[') {
        add_v6(host.substr(1, host.size() - 2));
    } else {
        add_v4(host.c_str());
    }
    return out;
}

} // namespace

struct http1_client::connection {
    enum class phase { closed, connecting, sending, receiving, idle };

    std::uint32_t number = 0;
    std::uint32_t generation = 0; ///< counts the sockets it had: an event names one of them
    bool in_use = false;          ///< taken by open(), not yet closed
    int fd = -1;
    phase now = phase::closed;
    bool watching_writable = false;
    bool reused = false; ///< answered a request before the one on it
    http1_target target;
    std::vector<sockaddr_storage> addresses;
    std::size_t address = 0; ///< the one being tried
    int connect_error = 0;   ///< why the last address failed

    // The request on it.
    const http_request* request = nullptr;
    std::uint64_t tag = 0;
    time_point deadline;
    time_point connect_deadline;
    bool retried = false; ///< already sent again after a reused connection failed
    std::string head;     ///< the request line and headers
    std::size_t sent = 0; ///< bytes of head and body written
    http1_reader reader;
};

http1_client::http1_client(int epoll_fd, settings s) : epoll_(epoll_fd), settings_(std::move(s)) {}

http1_client::~http1_client() {
    for (const auto& c : connections_) {
        if (c->fd >= 0) {
            ::close(c->fd);
        }
    }
}

bool http1_client::can_send(const http_request& request) {
    if (!is_token(request.method) || has_line_break(request.method)) {
        return false;
    }
    for (const auto& [name, value] : request.headers) {
        if (!is_token(name) || has_line_break(value) || frames_the_message(name)) {
            return false;
        }
    }
    return true;
}

void http1_client::start(const http_request& request, const http1_target& target, std::uint64_t tag,
                         time_point now, std::vector<completion>& done) {
    connection* c = nullptr;
    // An idle connection to that host, if there is one.
    for (auto it = connections_.rbegin(); it != connections_.rend(); ++it) {
        connection& candidate = **it;
        if (candidate.now == connection::phase::idle && candidate.target.shown == target.shown) {
            c = &candidate;
            break;
        }
    }
    if (c == nullptr) {
        c = &open(target, now);
    }
    c->request = &request;
    c->tag = tag;
    c->deadline = now + settings_.timeout;
    c->retried = false;
    ++busy_;

    // The request line and headers, as libcurl writes them.
    std::string& head = c->head;
    head.clear();
    head += request.method;
    head += ' ';
    head += target.path;
    head += " HTTP/1.1\r\nHost: ";
    head += target.host_header;
    head += "\r\n";
    bool user_agent = false;
    bool accept = false;
    bool content_type = false;
    for (const auto& [name, value] : request.headers) {
        user_agent = user_agent || equals_ignoring_case(name, "User-Agent");
        accept = accept || equals_ignoring_case(name, "Accept");
        content_type = content_type || equals_ignoring_case(name, "Content-Type");
    }
    if (!user_agent && !settings_.user_agent.empty()) {
        head += "User-Agent: ";
        head += settings_.user_agent;
        head += "\r\n";
    }
    if (!accept) {
        head += "Accept: */*\r\n";
    }
    for (const auto& [name, value] : request.headers) {
        head += name;
        head += value.empty() ? ":" : ": ";
        head += value;
        head += "\r\n";
    }
    if (method_has_body(request)) {
        if (!content_type && request.method == "POST") {
            head += "Content-Type: application/x-www-form-urlencoded\r\n";
        }
        head += "Content-Length: ";
        head += std::to_string(request.body.size());
        head += "\r\n";
    }
    head += "\r\n";
    c->sent = 0;
    c->reader.reset(request.method == "HEAD", settings_.max_response_bytes);

    if (c->now == connection::phase::idle) {
        c->reused = true;
        send_request(*c, now, done);
    } else if (c->now == connection::phase::closed) {
        fail(*c,
             could_not_connect(
                 target.shown,
                 c->connect_error != 0
                     ? connect_reason(c->connect_error, std::strerror(c->connect_error))
                     : "no address",
                 request.url)
                 .what(),
             false, done);
    } else if (c->now == connection::phase::sending) {
        send_request(*c, now, done);
    } // connecting: the request goes once the connection is up
}

http1_client::connection& http1_client::open(const http1_target& target, time_point now) {
    std::uint32_t number = 0;
    if (!free_.empty()) {
        number = free_.back();
        free_.pop_back();
    } else {
        number = static_cast<std::uint32_t>(connections_.size());
        connections_.push_back(std::make_unique<connection>());
    }
    connection& c = *connections_[number];
    c.number = number;
    c.in_use = true;
    c.reused = false;
    c.target = target;
    c.addresses = addresses_of(target);
    c.address = 0;
    c.connect_error = 0;
    begin_connect(c, now);
    return c;
}

void http1_client::begin_connect(connection& c, time_point now) {
    c.connect_deadline = now + settings_.connect_timeout;
    for (; c.address < c.addresses.size(); ++c.address) {
        const auto& address = c.addresses[c.address];
        const int fd = ::socket(address.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            c.connect_error = errno;
            continue;
        }
        const int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        // As libcurl's CURLOPT_TCP_KEEPALIVE: probes after 60 s idle, every 60 s.
        const int interval = 60;
        ::setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
        ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &interval, sizeof interval);
        ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval);
        const socklen_t size =
            address.ss_family == AF_INET6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in);
        const int connected = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), size);
        if (connected != 0 && errno != EINPROGRESS) {
            c.connect_error = errno;
            ::close(fd);
            continue;
        }
        c.fd = fd;
        ++c.generation;
        c.now = connected == 0 ? connection::phase::sending : connection::phase::connecting;
        epoll_event event{};
        event.events = EPOLLIN | (connected == 0 ? 0U : static_cast<std::uint32_t>(EPOLLOUT));
        event.data.u64 = event_data(c);
        c.watching_writable = connected != 0;
        if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &event) != 0) {
            c.connect_error = errno;
            ::close(fd);
            c.fd = -1;
            continue;
        }
        return;
    }
    c.now = connection::phase::closed;
}

void http1_client::send_request(connection& c, time_point now, std::vector<completion>& done) {
    c.now = connection::phase::sending;
    write_some(c, now, done);
}

void http1_client::write_some(connection& c, time_point now, std::vector<completion>& done) {
    const std::string& body = c.request->body;
    const bool with_body = method_has_body(*c.request);
    const std::size_t total = c.head.size() + (with_body ? body.size() : 0);
    while (c.sent < total) {
        iovec parts[2];
        int count = 0;
        if (c.sent < c.head.size()) {
            parts[count++] = {c.head.data() + c.sent, c.head.size() - c.sent};
        }
        if (with_body && !body.empty()) {
            const std::size_t from = c.sent > c.head.size() ? c.sent - c.head.size() : 0;
            parts[count++] = {const_cast<char*>(body.data()) + from, body.size() - from};
        }
        msghdr message{};
        message.msg_iov = parts;
        message.msg_iovlen = static_cast<decltype(message.msg_iovlen)>(count);
        const ssize_t wrote = ::sendmsg(c.fd, &message, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (wrote < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                watch(c, true);
                return;
            }
            const int error = errno;
            if (answered_already(c, done)) {
                return;
            }
            retry_or_fail(
                c, "the connection to " + c.target.shown + " failed: " + os_error_text(error), now,
                done);
            return;
        }
        c.sent += static_cast<std::size_t>(wrote);
    }
    c.now = connection::phase::receiving;
    watch(c, false);
}

std::uint64_t http1_client::event_data(const connection& c) noexcept {
    return epoll_tag | (std::uint64_t{c.generation} << 33) | c.number;
}

void http1_client::on_event(std::uint64_t data, std::uint32_t events, time_point now,
                            std::vector<completion>& done) {
    const auto number = static_cast<std::uint32_t>(data);
    if (number >= connections_.size() || event_data(*connections_[number]) != data) {
        return; // a socket closed since epoll_wait returned
    }
    connection& c = *connections_[number];
    switch (c.now) {
    case connection::phase::closed:
        return;
    case connection::phase::idle:
        // The server closed it (or wrote out of turn): it cannot carry another request.
        close_connection(c);
        return;
    case connection::phase::connecting: {
        int error = 0;
        socklen_t size = sizeof error;
        if (::getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &error, &size) != 0) {
            error = errno;
        }
        if (error == 0 && (events & EPOLLOUT) == 0 && (events & (EPOLLERR | EPOLLHUP)) == 0) {
            return; // not yet
        }
        if (error != 0 || (events & (EPOLLERR | EPOLLHUP)) != 0) {
            c.connect_error = error != 0 ? error : ECONNREFUSED;
            ::close(c.fd);
            c.fd = -1;
            ++c.address;
            const time_point deadline = c.connect_deadline;
            begin_connect(c, now);
            c.connect_deadline = deadline; // one connect timeout for every address
            if (c.now == connection::phase::closed) {
                const http_request& request = *c.request;
                fail(c,
                     could_not_connect(
                         c.target.shown,
                         connect_reason(c.connect_error, std::strerror(c.connect_error)),
                         request.url)
                         .what(),
                     false, done);
            } else if (c.now == connection::phase::sending) {
                send_request(c, now, done);
            }
            return;
        }
        send_request(c, now, done);
        return;
    }
    case connection::phase::sending:
        if ((events & (EPOLLIN | EPOLLERR | EPOLLHUP)) != 0) {
            read_some(c, now, done); // an early answer (413) or the end of the connection
            return;
        }
        write_some(c, now, done);
        return;
    case connection::phase::receiving:
        read_some(c, now, done);
        return;
    }
}

void http1_client::read_some(connection& c, time_point now, std::vector<completion>& done) {
    char buffer[read_size];
    for (;;) {
        const ssize_t got = ::recv(c.fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                return;
            }
            const int error = errno;
            const std::string message =
                "the connection to " + c.target.shown + " failed: " + os_error_text(error);
            if (!c.reader.started()) {
                retry_or_fail(c, message, now, done);
            } else {
                fail(c, message, false, done);
            }
            return;
        }
        if (got == 0) {
            if (!c.reader.started()) {
                retry_or_fail(c, closed_without_answering(c.target.shown, c.request->url).what(),
                              now, done);
                return;
            }
            c.reader.end_of_stream();
            if (c.reader.status() == http1_reader::state::complete) {
                finish(c, done);
            } else {
                fail(c, "the request to " + c.target.shown + " failed: " + c.reader.failure(),
                     false, done);
            }
            return;
        }
        const std::size_t size = static_cast<std::size_t>(got);
        const std::size_t used = c.reader.feed(buffer, size);
        switch (c.reader.status()) {
        case http1_reader::state::complete:
            if (used != size) {
                // Bytes after the answer, which nothing asked for: the connection is done.
                finish(c, done);
                if (c.now == connection::phase::idle) {
                    close_connection(c);
                }
            } else {
                finish(c, done);
            }
            return;
        case http1_reader::state::failed:
            if (c.reader.too_large()) {
                fail(c,
                     answer_too_large(c.target.shown, settings_.max_response_bytes, c.request->url)
                         .what(),
                     false, done);
            } else {
                fail(c,
                     "the answer from " + c.target.shown +
                         " is not valid HTTP: " + c.reader.failure(),
                     false, done);
            }
            return;
        case http1_reader::state::incomplete:
            if (size < sizeof buffer) {
                return; // the rest comes with the next event
            }
            break;
        }
    }
}

bool http1_client::answered_already(connection& c, std::vector<completion>& done) {
    char buffer[read_size];
    for (;;) {
        const ssize_t got = ::recv(c.fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            return false;
        }
        if (got == 0) {
            c.reader.end_of_stream();
        } else {
            c.reader.feed(buffer, static_cast<std::size_t>(got));
        }
        if (c.reader.status() == http1_reader::state::complete) {
            finish(c, done); // the connection closes: the request was not all sent
            return true;
        }
        if (c.reader.status() == http1_reader::state::failed || got == 0) {
            return false;
        }
    }
}

void http1_client::finish(connection& c, std::vector<completion>& done) {
    completion out;
    out.tag = c.tag;
    out.response = c.reader.take();
    const bool again = c.reader.keep_alive() && c.now == connection::phase::receiving;
    c.request = nullptr;
    --busy_;
    if (again) {
        c.now = connection::phase::idle;
    } else {
        close_connection(c);
    }
    done.push_back(std::move(out));
}

void http1_client::fail(connection& c, const std::string& message, bool timed_out,
                        std::vector<completion>& done) {
    completion out;
    out.tag = c.tag;
    out.failure = std::make_exception_ptr(transport_error(message, c.request->url, timed_out));
    c.request = nullptr;
    --busy_;
    close_connection(c);
    done.push_back(std::move(out));
}

void http1_client::retry_or_fail(connection& c, const std::string& message, time_point now,
                                 std::vector<completion>& done) {
    if (!c.reused || c.retried) {
        fail(c, message, false, done);
        return;
    }
    // As libcurl does: a reused connection that ends before any byte of the answer may have
    // been closed as idle by the server just then; the request goes once more on a new one.
    const http_request& request = *c.request;
    const std::uint64_t tag = c.tag;
    const time_point deadline = c.deadline;
    std::string head = std::move(c.head);
    const http1_target target = c.target;
    c.request = nullptr;
    --busy_;
    close_connection(c);

    connection& fresh = open(target, now);
    fresh.request = &request;
    fresh.tag = tag;
    fresh.deadline = deadline;
    fresh.retried = true;
    fresh.head = std::move(head);
    fresh.sent = 0;
    fresh.reader.reset(request.method == "HEAD", settings_.max_response_bytes);
    ++busy_;
    if (fresh.now == connection::phase::closed) {
        fail(fresh,
             could_not_connect(
                 target.shown,
                 connect_reason(fresh.connect_error, std::strerror(fresh.connect_error)),
                 request.url)
                 .what(),
             false, done);
    } else if (fresh.now == connection::phase::sending) {
        send_request(fresh, now, done);
    }
}

std::optional<http1_client::time_point> http1_client::next_deadline() const {
    std::optional<time_point> soonest;
    if (busy_ == 0) {
        return soonest;
    }
    for (const auto& c : connections_) {
        if (c->request == nullptr) {
            continue;
        }
        time_point at = c->deadline;
        if (c->now == connection::phase::connecting) {
            at = std::min(at, c->connect_deadline);
        }
        if (!soonest || at < *soonest) {
            soonest = at;
        }
    }
    return soonest;
}

void http1_client::expire(time_point now, std::vector<completion>& done) {
    if (busy_ == 0) {
        return;
    }
    for (const auto& owned : connections_) {
        connection& c = *owned;
        if (c.request == nullptr) {
            continue;
        }
        if (now >= c.deadline) {
            fail(c, answer_timed_out(c.target.shown, settings_.timeout, c.request->url).what(),
                 true, done);
        } else if (c.now == connection::phase::connecting && now >= c.connect_deadline) {
            fail(
                c,
                connect_timed_out(c.target.shown, settings_.connect_timeout, c.request->url).what(),
                true, done);
        }
    }
}

void http1_client::cancel() {
    for (const auto& owned : connections_) {
        connection& c = *owned;
        if (c.request != nullptr) {
            c.request = nullptr;
            close_connection(c);
        }
    }
    busy_ = 0;
}

void http1_client::watch(connection& c, bool writable) {
    if (c.watching_writable == writable || c.fd < 0) {
        return;
    }
    epoll_event event{};
    event.events = EPOLLIN | (writable ? static_cast<std::uint32_t>(EPOLLOUT) : 0U);
    event.data.u64 = event_data(c);
    ::epoll_ctl(epoll_, EPOLL_CTL_MOD, c.fd, &event);
    c.watching_writable = writable;
}

void http1_client::close_connection(connection& c) {
    if (c.fd >= 0) {
        ::close(c.fd); // leaves the epoll set with it
        c.fd = -1;
    }
    c.now = connection::phase::closed;
    if (c.in_use) {
        c.in_use = false;
        free_.push_back(c.number);
    }
    c.watching_writable = false;
}

} // namespace ta::detail
