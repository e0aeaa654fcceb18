#include "fault_proxy.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <deque>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "service_errors.hpp"

namespace ta::test {
namespace {

// Far above any request or answer of the service (1 MB requests); a peer past them is broken.
constexpr std::size_t max_head_bytes = 64 * 1024;
constexpr std::size_t max_body_bytes = 64 * 1024 * 1024;
// What the F0 quota's 403 asks for ("Please retry after 15 days").
constexpr long quota_retry_after_seconds = 15L * 24 * 60 * 60;

bool equal_ignoring_case(std::string_view a, std::string_view b) noexcept {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](unsigned char x, unsigned char y) {
        return std::tolower(x) == std::tolower(y);
    });
}

std::string_view trim(std::string_view text) noexcept {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
        text.remove_suffix(1);
    }
    return text;
}

std::optional<std::size_t> parse_size(std::string_view text, int base = 10) {
    text = trim(text);
    std::size_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

// ---------------------------------------------------------------------------------------------
// Sockets.

/// Owns a descriptor.
class socket_handle {
  public:
    socket_handle() = default;
    explicit socket_handle(int fd) noexcept : fd_(fd) {}
    ~socket_handle() { close(); }
    socket_handle(socket_handle&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    socket_handle& operator=(socket_handle&& other) noexcept {
        if (this != &other) {
            close();
            fd_ = std::exchange(other.fd_, -1);
        }
        return *this;
    }
    socket_handle(const socket_handle&) = delete;
    socket_handle& operator=(const socket_handle&) = delete;

    int get() const noexcept { return fd_; }
    bool valid() const noexcept { return fd_ >= 0; }
    void close() noexcept {
        if (fd_ >= 0) {
            ::close(fd_);
            fd_ = -1;
        }
    }
    /// Closes so that the peer gets RST rather than FIN: a lingering close with no time to linger.
    void reset() noexcept {
        if (fd_ >= 0) {
            const linger abort{1, 0};
            ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
            close();
        }
    }

  private:
    int fd_ = -1;
};

void set_no_delay(int fd) noexcept {
    // Heads and bodies may go out in separate writes: without this, Nagle's algorithm and
    // delayed ACKs add 40 ms to answers on reused connections, and "slow" means nothing.
    const int on = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

/// Readable for ever once fired: every wait of every thread polls it too, so that the
/// destructor ends them all, whatever they are waiting for.
class stop_signal {
  public:
    stop_signal() {
        if (::pipe2(fds_.data(), O_CLOEXEC) != 0) {
            throw std::system_error(errno, std::generic_category(), "fault_proxy: pipe");
        }
    }
    ~stop_signal() {
        ::close(fds_[0]);
        ::close(fds_[1]);
    }
    stop_signal(const stop_signal&) = delete;
    stop_signal& operator=(const stop_signal&) = delete;

    void fire() noexcept {
        if (!fired_.exchange(true)) {
            const char byte = 1;
            [[maybe_unused]] const auto written = ::write(fds_[1], &byte, 1);
        }
    }
    bool fired() const noexcept { return fired_; }
    int fd() const noexcept { return fds_[0]; }

  private:
    std::array<int, 2> fds_{-1, -1};
    std::atomic<bool> fired_{false};
};

enum class wait_result { ready, stopped, timed_out };

/// Waits until `fd` has `events` (errors and hang-ups count as ready: the next call reports
/// them), the proxy stops, or `timeout_ms` passes (-1: no limit).
wait_result wait_for(int fd, short events, const stop_signal& stop, int timeout_ms = -1) {
    for (;;) {
        std::array<pollfd, 2> fds{pollfd{fd, events, 0}, pollfd{stop.fd(), POLLIN, 0}};
        const int ready = ::poll(fds.data(), fds.size(), timeout_ms);
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready < 0 || fds[1].revents != 0) {
            return wait_result::stopped;
        }
        return ready == 0 ? wait_result::timed_out : wait_result::ready;
    }
}

/// Holds back for `duration` unless the proxy stops first; false when it stopped.
bool pause(std::chrono::milliseconds duration, const stop_signal& stop) {
    const auto until = std::chrono::steady_clock::now() + duration;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            until - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            return !stop.fired();
        }
        std::array<pollfd, 1> fds{pollfd{stop.fd(), POLLIN, 0}};
        const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(left.count()) + 1);
        if (ready > 0) {
            return false;
        }
    }
}

/// A connected socket with what has been read from it but not yet used (a client may send its
/// next request before the proxy has used up this one).
class stream {
  public:
    stream(socket_handle socket, const stop_signal& stop)
        : socket_(std::move(socket)), stop_(stop) {}

    socket_handle& socket() noexcept { return socket_; }
    std::string& buffered() noexcept { return buffer_; }

    /// Reads what has arrived into the buffer: false at the end of the stream, on an error, or
    /// when the proxy stops.
    bool fill() {
        if (wait_for(socket_.get(), POLLIN, stop_) != wait_result::ready) {
            return false;
        }
        std::array<char, 16 * 1024> chunk{};
        for (;;) {
            const ssize_t got = ::recv(socket_.get(), chunk.data(), chunk.size(), 0);
            if (got < 0 && errno == EINTR) {
                continue;
            }
            if (got <= 0) {
                return false;
            }
            buffer_.append(chunk.data(), static_cast<std::size_t>(got));
            return true;
        }
    }

    /// Everything, or false (the peer gone, the proxy stopped).
    bool write_all(std::string_view bytes) {
        while (!bytes.empty()) {
            if (wait_for(socket_.get(), POLLOUT, stop_) != wait_result::ready) {
                return false;
            }
            const ssize_t sent = ::send(socket_.get(), bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (sent < 0 && (errno == EINTR || errno == EAGAIN)) {
                continue;
            }
            if (sent <= 0) {
                return false;
            }
            bytes.remove_prefix(static_cast<std::size_t>(sent));
        }
        return true;
    }

    /// The next `count` bytes, or nullopt when the stream ends first.
    std::optional<std::string> take(std::size_t count) {
        while (buffer_.size() < count) {
            if (!fill()) {
                return std::nullopt;
            }
        }
        std::string out = buffer_.substr(0, count);
        buffer_.erase(0, count);
        return out;
    }

    /// Up to and including the next CRLF, or nullopt.
    std::optional<std::string> take_line() {
        std::size_t searched = 0;
        for (;;) {
            if (const auto end = buffer_.find("\r\n", searched); end != std::string::npos) {
                return take(end + 2);
            }
            if (buffer_.size() > max_head_bytes) {
                return std::nullopt;
            }
            searched = buffer_.empty() ? 0 : buffer_.size() - 1;
            if (!fill()) {
                return std::nullopt;
            }
        }
    }

  private:
    socket_handle socket_;
    const stop_signal& stop_;
    std::string buffer_;
};

// ---------------------------------------------------------------------------------------------
// HTTP/1.1 framing.

struct message_head {
    std::string start_line; ///< without its CRLF
    std::vector<std::pair<std::string, std::string>> headers;

    std::string header(std::string_view name) const {
        for (const auto& [n, value] : headers) {
            if (equal_ignoring_case(n, name)) {
                return value;
            }
        }
        return {};
    }
    bool says_close() const {
        // "Connection" is a list of tokens; "close" is the only one that matters here.
        std::string value = header("Connection");
        std::transform(value.begin(), value.end(), value.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return value.find("close") != std::string::npos;
    }
};

enum class read_status { ok, nothing, broken };

/// The head (through the empty line). `nothing`: the stream ended cleanly before a byte of it,
/// which is how a keep-alive connection ends; `broken`: it ended or went wrong midway.
read_status read_head(stream& in, message_head& head, std::string& raw) {
    std::size_t searched = 0;
    for (;;) {
        const std::string& buffer = in.buffered();
        if (const auto end = buffer.find("\r\n\r\n", searched); end != std::string::npos) {
            raw = *in.take(end + 4);
            break;
        }
        if (buffer.size() > max_head_bytes) {
            return read_status::broken;
        }
        searched = buffer.size() < 3 ? 0 : buffer.size() - 3;
        const bool was_empty = buffer.empty();
        if (!in.fill()) {
            return was_empty ? read_status::nothing : read_status::broken;
        }
    }
    std::string_view rest(raw);
    rest.remove_suffix(2); // the empty line's CRLF
    bool first = true;
    while (!rest.empty()) {
        const auto end = rest.find("\r\n");
        const std::string_view line = rest.substr(0, end);
        rest.remove_prefix(end + 2);
        if (first) {
            head.start_line = std::string(line);
            first = false;
        } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
            head.headers.emplace_back(std::string(trim(line.substr(0, colon))),
                                      std::string(trim(line.substr(colon + 1))));
        }
    }
    return head.start_line.empty() ? read_status::broken : read_status::ok;
}

struct request {
    message_head head;
    std::string body;
    std::string method;
};

/// One request from a client, its body read; "Expect: 100-continue" is answered here, since the
/// proxy wants the body whatever it does next.
read_status read_request(stream& client, request& out) {
    std::string raw;
    if (const read_status status = read_head(client, out.head, raw); status != read_status::ok) {
        return status;
    }
    out.method = out.head.start_line.substr(0, out.head.start_line.find(' '));
    if (!out.head.header("Transfer-Encoding").empty()) {
        return read_status::broken; // libcurl frames what it sends by Content-Length
    }
    const std::string length_text = out.head.header("Content-Length");
    const auto length =
        length_text.empty() ? std::optional<std::size_t>(0) : parse_size(length_text);
    if (!length || *length > max_body_bytes) {
        return read_status::broken;
    }
    if (*length > client.buffered().size() &&
        equal_ignoring_case(out.head.header("Expect"), "100-continue") &&
        !client.write_all("HTTP/1.1 100 Continue\r\n\r\n")) {
        return read_status::broken;
    }
    auto body = client.take(*length);
    if (!body) {
        return read_status::broken;
    }
    out.body = std::move(*body);
    return read_status::ok;
}

/// The request as it goes to the server: as received, less the Expect the proxy has answered.
std::string upstream_bytes(const request& r) {
    std::string out = r.head.start_line + "\r\n";
    for (const auto& [name, value] : r.head.headers) {
        if (!equal_ignoring_case(name, "Expect")) {
            out += name + ": " + value + "\r\n";
        }
    }
    out += "\r\n";
    out += r.body;
    return out;
}

int status_of(const message_head& head) {
    // "HTTP/1.1 200 OK"
    const auto space = head.start_line.find(' ');
    if (space == std::string::npos) {
        return 0;
    }
    const auto code = parse_size(std::string_view(head.start_line).substr(space + 1, 3));
    return code ? static_cast<int>(*code) : 0;
}

/// A server's answer as bytes: the head (interim answers included) and the body as framed on
/// the wire (chunks and all), so that relaying it is byte for byte.
struct answer {
    std::string head;
    std::string body;
    bool close_after = false; ///< the server closes the connection after it
};

/// The body of chunked encoding, raw: chunks, the last chunk and the trailer.
std::optional<std::string> read_chunked(stream& in) {
    std::string raw;
    for (;;) {
        auto line = in.take_line();
        if (!line) {
            return std::nullopt;
        }
        raw += *line;
        const std::string_view size_text =
            std::string_view(*line).substr(0, line->find_first_of(";\r"));
        const auto size = parse_size(size_text, 16);
        if (!size || *size > max_body_bytes - std::min(raw.size(), max_body_bytes)) {
            return std::nullopt;
        }
        if (*size == 0) {
            break;
        }
        auto data = in.take(*size + 2);
        if (!data) {
            return std::nullopt;
        }
        raw += *data;
    }
    for (;;) { // the trailer, up to its empty line
        auto line = in.take_line();
        if (!line) {
            return std::nullopt;
        }
        raw += *line;
        if (*line == "\r\n") {
            return raw;
        }
    }
}

enum class answer_status { ok, nothing, broken };

answer_status read_answer(stream& server, const std::string& method, answer& out) {
    message_head head;
    for (bool first = true;; first = false) {
        head = {};
        std::string raw;
        const read_status status = read_head(server, head, raw);
        if (status != read_status::ok) {
            return first && status == read_status::nothing ? answer_status::nothing
                                                           : answer_status::broken;
        }
        out.head += raw;
        const int code = status_of(head);
        if (code < 100 || code >= 200) {
            break; // the final answer; 1xx ones come before it
        }
    }
    out.close_after = head.says_close();
    const int code = status_of(head);
    if (method == "HEAD" || code == 204 || code == 304) {
        return answer_status::ok;
    }
    if (equal_ignoring_case(head.header("Transfer-Encoding"), "chunked")) {
        auto body = read_chunked(server);
        if (!body) {
            return answer_status::broken;
        }
        out.body = std::move(*body);
        return answer_status::ok;
    }
    if (const std::string length_text = head.header("Content-Length"); !length_text.empty()) {
        const auto length = parse_size(length_text);
        if (!length || *length > max_body_bytes) {
            return answer_status::broken;
        }
        auto body = server.take(*length);
        if (!body) {
            return answer_status::broken;
        }
        out.body = std::move(*body);
        return answer_status::ok;
    }
    // Neither: the body runs to the end of the connection.
    while (server.fill()) {
        if (server.buffered().size() > max_body_bytes) {
            return answer_status::broken;
        }
    }
    out.body = std::move(server.buffered());
    server.buffered().clear();
    out.close_after = true;
    return answer_status::ok;
}

// ---------------------------------------------------------------------------------------------
// The answers the proxy makes up.

const char* reason_phrase(int status) {
    switch (status) {
    case 403:
        return "Forbidden";
    case 408:
        return "Request Timeout";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Error";
    }
}

std::string seconds_phrase(long long seconds) {
    return std::to_string(seconds) + (seconds == 1 ? " second" : " seconds");
}

/// The gateway's 429 (reference E.7), naming the wait it asks for.
std::string throttle_body(std::chrono::milliseconds wait) {
    const long long seconds = std::max<long long>(1, (wait.count() + 999) / 1000);
    return ta::server::wrapped_error_body(
        "429", "Requests to the Sentiment Operation under Text Analytics API have exceeded rate "
               "limit of your current TextAnalytics S pricing tier. Please retry after " +
                   seconds_phrase(seconds) +
                   ". Please contact Azure support service if you would like to further "
                   "increase the default rate limit.");
}

/// Outages in the service's words where it has them (reference A.6: InternalServerError,
/// ServiceUnavailable); the gateway, in front of it, words its own with the bare status, as it
/// does 401, 404 and 429.
std::string outage_body(int status) {
    switch (status) {
    case 408:
        return ta::server::wrapped_error_body("408", "The request timed out.");
    case 500:
        return ta::server::wrapped_error_body("InternalServerError", "Internal Server Error");
    case 502:
        return ta::server::wrapped_error_body("502", "Bad gateway.");
    case 503:
        return ta::server::wrapped_error_body("ServiceUnavailable", "Service Unavailable");
    default:
        return ta::server::wrapped_error_body("504", "Gateway timeout.");
    }
}

std::string made_up_answer(const fault& f, std::size_t request_number) {
    int status = 429;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    const auto now = std::chrono::system_clock::now();
    switch (f.kind) {
    case fault_kind::retry_after_seconds:
        headers.emplace_back("Retry-After", std::to_string(f.duration.count() / 1000));
        body = throttle_body(f.duration);
        break;
    case fault_kind::retry_after_date:
        headers.emplace_back("Retry-After", http_date(now + f.duration));
        body = throttle_body(f.duration);
        break;
    case fault_kind::retry_after_ms:
        headers.emplace_back("retry-after-ms", std::to_string(f.duration.count()));
        body = throttle_body(f.duration);
        break;
    case fault_kind::x_ms_retry_after_ms:
        headers.emplace_back("x-ms-retry-after-ms", std::to_string(f.duration.count()));
        body = throttle_body(f.duration);
        break;
    case fault_kind::throttled:
        body = throttle_body(std::chrono::seconds(1));
        break;
    case fault_kind::status:
        status = f.status_code;
        body = outage_body(status);
        break;
    case fault_kind::quota_exhausted:
        status = 403;
        headers.emplace_back("Retry-After", std::to_string(quota_retry_after_seconds));
        body = ta::server::wrapped_error_body(
            "403", "Out of call volume quota for TextAnalytics F0 pricing tier. Please retry "
                   "after 15 days. To increase your call volume switch to a paid tier.");
        break;
    default:
        break;
    }
    // A request id as the gateway gives one, so that a client's error can name it; the
    // request's number in it says which one the proxy failed.
    char request_id[40];
    std::snprintf(request_id, sizeof request_id, "00000000-0000-4000-8000-%012zu",
                  request_number % 1'000'000'000'000);
    std::string out = "HTTP/1.1 " + std::to_string(status) + " " + reason_phrase(status) + "\r\n";
    out += "Content-Type: application/json; charset=utf-8\r\n";
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    out += "Date: " + http_date(now) + "\r\n";
    out += std::string("apim-request-id: ") + request_id + "\r\n";
    for (const auto& [name, value] : headers) {
        out += name + ": " + value + "\r\n";
    }
    out += "\r\n";
    out += body;
    return out;
}

// ---------------------------------------------------------------------------------------------
// The plan's random share: a pure function of (seed, request number).

std::uint64_t mix_bits(std::uint64_t x) noexcept {
    // splitmix64's finaliser: every input bit moves every output bit.
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

std::optional<fault> random_pick(const random_faults& plan, std::size_t number) {
    if (plan.mix.empty() || plan.share <= 0) {
        return std::nullopt;
    }
    const std::uint64_t draw = mix_bits(plan.seed ^ mix_bits(number));
    const double unit = static_cast<double>(draw >> 11) * 0x1.0p-53;
    if (unit >= plan.share) {
        return std::nullopt;
    }
    return plan.mix[mix_bits(draw) % plan.mix.size()];
}

bool is_forwarded(fault_kind kind) noexcept {
    return kind == fault_kind::forward || kind == fault_kind::truncate || kind == fault_kind::slow;
}

struct upstream_address {
    std::string host;
    std::string port;
};

upstream_address parse_upstream(const std::string& url) {
    constexpr std::string_view scheme = "http://";
    if (url.rfind(scheme, 0) != 0) {
        throw std::runtime_error("fault_proxy: the server's URL must start with http://: " + url);
    }
    std::string_view rest = std::string_view(url).substr(scheme.size());
    rest = rest.substr(0, rest.find('/'));
    const auto colon = rest.rfind(':');
    if (colon == std::string_view::npos || colon + 1 == rest.size()) {
        return {std::string(rest), "80"};
    }
    return {std::string(rest.substr(0, colon)), std::string(rest.substr(colon + 1))};
}

} // namespace

// ---------------------------------------------------------------------------------------------

const std::vector<fault_kind>& all_fault_kinds() {
    static const std::vector<fault_kind> kinds{fault_kind::forward,
                                               fault_kind::retry_after_seconds,
                                               fault_kind::retry_after_date,
                                               fault_kind::retry_after_ms,
                                               fault_kind::x_ms_retry_after_ms,
                                               fault_kind::throttled,
                                               fault_kind::status,
                                               fault_kind::quota_exhausted,
                                               fault_kind::drop,
                                               fault_kind::reset,
                                               fault_kind::truncate,
                                               fault_kind::slow,
                                               fault_kind::stall};
    return kinds;
}

const char* to_string(fault_kind kind) noexcept {
    switch (kind) {
    case fault_kind::forward:
        return "forward";
    case fault_kind::retry_after_seconds:
        return "retry_after_seconds";
    case fault_kind::retry_after_date:
        return "retry_after_date";
    case fault_kind::retry_after_ms:
        return "retry_after_ms";
    case fault_kind::x_ms_retry_after_ms:
        return "x_ms_retry_after_ms";
    case fault_kind::throttled:
        return "throttled";
    case fault_kind::status:
        return "status";
    case fault_kind::quota_exhausted:
        return "quota_exhausted";
    case fault_kind::drop:
        return "drop";
    case fault_kind::reset:
        return "reset";
    case fault_kind::truncate:
        return "truncate";
    case fault_kind::slow:
        return "slow";
    case fault_kind::stall:
        return "stall";
    }
    return "unknown";
}

std::ostream& operator<<(std::ostream& out, fault_kind kind) {
    return out << to_string(kind);
}

namespace {

fault make_fault(fault_kind kind, std::chrono::milliseconds duration = {}) {
    fault f;
    f.kind = kind;
    f.duration = duration;
    return f;
}

} // namespace

fault fault::forward() {
    return {};
}

fault fault::retry_after_seconds(std::chrono::seconds wait) {
    return make_fault(fault_kind::retry_after_seconds, wait);
}

fault fault::retry_after_date(std::chrono::seconds ahead) {
    return make_fault(fault_kind::retry_after_date, ahead);
}

fault fault::retry_after_ms(std::chrono::milliseconds wait) {
    return make_fault(fault_kind::retry_after_ms, wait);
}

fault fault::x_ms_retry_after_ms(std::chrono::milliseconds wait) {
    return make_fault(fault_kind::x_ms_retry_after_ms, wait);
}

fault fault::throttled() {
    return make_fault(fault_kind::throttled);
}

fault fault::status(int code) {
    if (code != 408 && code != 500 && code != 502 && code != 503 && code != 504) {
        throw std::invalid_argument("fault::status: " + std::to_string(code) +
                                    " is not 408, 500, 502, 503 or 504");
    }
    fault f = make_fault(fault_kind::status);
    f.status_code = code;
    return f;
}

fault fault::quota_exhausted() {
    return make_fault(fault_kind::quota_exhausted);
}

fault fault::drop() {
    return make_fault(fault_kind::drop);
}

fault fault::reset() {
    return make_fault(fault_kind::reset);
}

fault fault::truncate(std::size_t kept_body_bytes) {
    fault f = make_fault(fault_kind::truncate);
    f.kept_body_bytes = kept_body_bytes;
    return f;
}

fault fault::slow(std::chrono::milliseconds delay) {
    return make_fault(fault_kind::slow, delay);
}

fault fault::stall() {
    return make_fault(fault_kind::stall);
}

std::string http_date(std::chrono::system_clock::time_point when) {
    // Spelled out rather than strftime'd: %a and %b follow the locale, the format does not.
    static constexpr std::array<const char*, 7> days{"Sun", "Mon", "Tue", "Wed",
                                                     "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::time_t seconds =
        std::chrono::system_clock::to_time_t(std::chrono::floor<std::chrono::seconds>(when));
    std::tm tm{};
    ::gmtime_r(&seconds, &tm);
    char text[40];
    std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[tm.tm_wday],
                  tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                  tm.tm_sec);
    return text;
}

struct fault_proxy::impl {
    upstream_address upstream;
    socket_handle listener;
    int port = 0;
    stop_signal stop;
    std::thread acceptor;

    struct worker {
        std::thread thread;
        std::shared_ptr<std::atomic<bool>> finished;
    };
    std::mutex workers_mutex;
    std::list<worker> workers;

    mutable std::mutex plan_mutex;
    std::deque<fault> queue;
    std::size_t every_k = 0;
    fault every_fault;
    random_faults random;
    std::size_t seen = 0;
    std::size_t connections = 0;
    std::vector<fault_kind> decisions;

    /// The treatment of the request just read, and its number (from 1).
    std::pair<fault, std::size_t> decide() {
        const std::lock_guard lock(plan_mutex);
        const std::size_t number = ++seen;
        fault chosen;
        if (!queue.empty()) {
            chosen = queue.front();
            queue.pop_front();
        } else if (every_k != 0 && number % every_k == 0) {
            chosen = every_fault;
        } else if (auto picked = random_pick(random, number)) {
            chosen = *picked;
        }
        decisions.push_back(chosen.kind);
        return {chosen, number};
    }

    socket_handle connect_upstream() const {
        addrinfo hints{};
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        addrinfo* found = nullptr;
        if (::getaddrinfo(upstream.host.c_str(), upstream.port.c_str(), &hints, &found) != 0) {
            return {};
        }
        const std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> owner(found, &::freeaddrinfo);
        for (const addrinfo* a = found; a != nullptr; a = a->ai_next) {
            socket_handle s(
                ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
            if (!s.valid()) {
                continue;
            }
            // Non-blocking, so that a server that never accepts cannot hold up the destructor.
            if (::connect(s.get(), a->ai_addr, a->ai_addrlen) != 0) {
                if (errno != EINPROGRESS ||
                    wait_for(s.get(), POLLOUT, stop) != wait_result::ready) {
                    continue;
                }
                int error = 0;
                socklen_t length = sizeof error;
                if (::getsockopt(s.get(), SOL_SOCKET, SO_ERROR, &error, &length) != 0 ||
                    error != 0) {
                    continue;
                }
            }
            set_no_delay(s.get());
            return s;
        }
        return {};
    }

    /// Sends the request on the connection to the server (made, or made again when the server
    /// closed an idle one) and reads its answer; nullopt when the server cannot be had.
    std::optional<answer> exchange(std::optional<stream>& server, const request& r) {
        const std::string bytes = upstream_bytes(r);
        for (int attempt = 0; attempt < 2; ++attempt) {
            const bool reused = server.has_value();
            if (!server) {
                socket_handle s = connect_upstream();
                if (!s.valid()) {
                    return std::nullopt;
                }
                server.emplace(std::move(s), stop);
            }
            answer out;
            const bool sent = server->write_all(bytes);
            const answer_status status =
                sent ? read_answer(*server, r.method, out) : answer_status::nothing;
            if (status == answer_status::ok) {
                if (out.close_after) {
                    server.reset();
                }
                return out;
            }
            server.reset();
            // Only a kept-alive connection that the server had closed is worth a second try;
            // anything else is the server's own failure.
            if (!reused || status != answer_status::nothing || stop.fired()) {
                return std::nullopt;
            }
        }
        return std::nullopt;
    }

    void serve(socket_handle client_socket) {
        stream client(std::move(client_socket), stop);
        std::optional<stream> server;
        for (;;) {
            request r;
            if (read_request(client, r) != read_status::ok) {
                return;
            }
            const auto [f, number] = decide();
            const bool client_closes = r.head.says_close();
            if (!is_forwarded(f.kind)) {
                switch (f.kind) {
                case fault_kind::drop:
                    client.socket().close();
                    return;
                case fault_kind::reset:
                    client.socket().reset();
                    return;
                case fault_kind::stall:
                    stall(client);
                    return;
                default:
                    if (!client.write_all(made_up_answer(f, number)) || client_closes) {
                        return;
                    }
                    continue;
                }
            }
            const std::optional<answer> got = exchange(server, r);
            if (!got) {
                const std::string body = ta::server::wrapped_error_body(
                    "502", "fault_proxy: no answer from the server at " + upstream.host + ":" +
                               upstream.port);
                client.write_all("HTTP/1.1 502 Bad Gateway\r\nContent-Type: application/json; "
                                 "charset=utf-8\r\nConnection: close\r\nContent-Length: " +
                                 std::to_string(body.size()) + "\r\n\r\n" + body);
                return;
            }
            if (f.kind == fault_kind::slow && !pause(f.duration, stop)) {
                return;
            }
            if (f.kind == fault_kind::truncate) {
                const std::size_t kept =
                    std::min(f.kept_body_bytes, got->body.empty() ? 0 : got->body.size() - 1);
                client.write_all(got->head + got->body.substr(0, kept));
                // shutdown first: a FIN after the bytes, never an RST that could discard them.
                ::shutdown(client.socket().get(), SHUT_WR);
                return;
            }
            if (!client.write_all(got->head + got->body) || got->close_after || client_closes) {
                return;
            }
        }
    }

    /// Holds the connection open without answering until the client leaves or the proxy stops.
    void stall(stream& client) {
        for (;;) {
            if (!client.fill()) {
                return;
            }
            client.buffered().clear(); // whatever else it sends goes unanswered too
        }
    }

    void accept_loop() {
        for (;;) {
            if (wait_for(listener.get(), POLLIN, stop) != wait_result::ready) {
                return;
            }
            socket_handle client(::accept4(listener.get(), nullptr, nullptr, SOCK_CLOEXEC));
            if (!client.valid()) {
                continue; // the client gave up between poll and accept, or a transient error
            }
            set_no_delay(client.get());
            {
                const std::lock_guard lock(plan_mutex);
                ++connections;
            }
            const std::lock_guard lock(workers_mutex);
            // Joins the workers whose connections are over, so that a long test does not pile
            // up threads.
            for (auto it = workers.begin(); it != workers.end();) {
                if (*it->finished) {
                    it->thread.join();
                    it = workers.erase(it);
                } else {
                    ++it;
                }
            }
            auto finished = std::make_shared<std::atomic<bool>>(false);
            workers.push_back({std::thread([this, finished, c = std::move(client)]() mutable {
                                   serve(std::move(c));
                                   *finished = true;
                               }),
                               finished});
        }
    }
};

fault_proxy::fault_proxy(const std::string& upstream_url) : impl_(std::make_unique<impl>()) {
    impl_->upstream = parse_upstream(upstream_url);
    impl_->listener = socket_handle(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (!impl_->listener.valid() ||
        ::bind(impl_->listener.get(), reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        ::listen(impl_->listener.get(), SOMAXCONN) != 0 ||
        ::getsockname(impl_->listener.get(), reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        throw std::runtime_error("fault_proxy: cannot listen on 127.0.0.1");
    }
    impl_->port = ntohs(address.sin_port);
    impl_->acceptor = std::thread([this] { impl_->accept_loop(); });
}

fault_proxy::~fault_proxy() {
    impl_->stop.fire();
    impl_->acceptor.join();
    // The acceptor is gone: nothing adds workers any more.
    for (auto& w : impl_->workers) {
        w.thread.join();
    }
}

std::string fault_proxy::url() const {
    return "http://127.0.0.1:" + std::to_string(port());
}

int fault_proxy::port() const {
    return impl_->port;
}

void fault_proxy::script(const fault& f, std::size_t times) {
    const std::lock_guard lock(impl_->plan_mutex);
    impl_->queue.insert(impl_->queue.end(), times, f);
}

void fault_proxy::every(std::size_t k, const fault& f) {
    const std::lock_guard lock(impl_->plan_mutex);
    impl_->every_k = k;
    impl_->every_fault = f;
}

void fault_proxy::randomly(const random_faults& plan) {
    const std::lock_guard lock(impl_->plan_mutex);
    impl_->random = plan;
}

void fault_proxy::clear_plan() {
    const std::lock_guard lock(impl_->plan_mutex);
    impl_->queue.clear();
    impl_->every_k = 0;
    impl_->random = {};
}

std::size_t fault_proxy::requests_seen() const {
    const std::lock_guard lock(impl_->plan_mutex);
    return impl_->seen;
}

std::size_t fault_proxy::forwarded() const {
    const std::lock_guard lock(impl_->plan_mutex);
    return static_cast<std::size_t>(
        std::count_if(impl_->decisions.begin(), impl_->decisions.end(), is_forwarded));
}

std::size_t fault_proxy::count(fault_kind kind) const {
    const std::lock_guard lock(impl_->plan_mutex);
    return static_cast<std::size_t>(
        std::count(impl_->decisions.begin(), impl_->decisions.end(), kind));
}

std::size_t fault_proxy::faults_injected() const {
    const std::lock_guard lock(impl_->plan_mutex);
    return static_cast<std::size_t>(
        std::count_if(impl_->decisions.begin(), impl_->decisions.end(),
                      [](fault_kind kind) { return kind != fault_kind::forward; }));
}

std::vector<fault_kind> fault_proxy::history() const {
    const std::lock_guard lock(impl_->plan_mutex);
    return impl_->decisions;
}

std::size_t fault_proxy::connections_accepted() const {
    const std::lock_guard lock(impl_->plan_mutex);
    return impl_->connections;
}

} // namespace ta::test
