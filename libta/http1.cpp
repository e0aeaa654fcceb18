// The reader of an HTTP/1.1 answer (RFC 9112) and which URLs ta's own client may take.
#include "detail/http1.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include "detail/strings.hpp"

namespace ta::detail {
namespace {

// libcurl's limits, so that both clients refuse the same answers.
constexpr std::size_t max_head_bytes = std::size_t{100} * 1024; // CURL_MAX_HTTP_HEADER
constexpr std::size_t max_chunk_line_bytes = 4096;

/// Whether the comma-separated list `value` (a Connection header) has `token`.
bool has_token(std::string_view value, std::string_view token) {
    while (!value.empty()) {
        const auto comma = value.find(',');
        if (equals_ignoring_case(trim(value.substr(0, comma)), token)) {
            return true;
        }
        if (comma == std::string_view::npos) {
            break;
        }
        value.remove_prefix(comma + 1);
    }
    return false;
}

bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    const char lower = ascii_lower(c);
    return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
}

/// A line of `head` from `begin` to the next LF, without the LF and a CR before it.
std::string_view line_at(std::string_view head, std::size_t begin, std::size_t& next) {
    const auto end = head.find('\n', begin);
    next = end == std::string_view::npos ? head.size() : end + 1;
    std::string_view line = head.substr(begin, next - begin);
    if (!line.empty() && line.back() == '\n') {
        line.remove_suffix(1);
    }
    if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
    }
    return line;
}

} // namespace

void http1_reader::reset(bool no_body, std::size_t max_body_bytes) {
    state_ = state::incomplete;
    phase_ = phase::head;
    no_body_ = no_body;
    started_ = false;
    too_large_ = false;
    keep_alive_ = false;
    max_body_ = max_body_bytes;
    remaining_ = 0;
    scanned_ = 0;
    head_.clear();
    failure_.clear();
    response_ = http_response{};
}

std::size_t http1_reader::feed(const char* data, std::size_t size) {
    std::size_t used = 0;
    if (size != 0) {
        started_ = true;
    }
    while (used < size && state_ == state::incomplete) {
        const char* const at = data + used;
        const std::size_t left = size - used;
        switch (phase_) {
        case phase::head:
            used += read_head(at, left);
            break;
        case phase::body_length:
        case phase::chunk_data: {
            const std::size_t n = std::min(remaining_, left);
            if (!append_body(at, n)) {
                return used + n;
            }
            used += n;
            remaining_ -= n;
            if (remaining_ == 0) {
                if (phase_ == phase::body_length) {
                    complete();
                } else {
                    phase_ = phase::chunk_end;
                }
            }
            break;
        }
        case phase::chunk_size:
        case phase::chunk_end:
        case phase::trailer:
            used += read_chunk_line(at, left);
            break;
        case phase::until_close:
            if (!append_body(at, left)) {
                return size;
            }
            used = size;
            break;
        }
    }
    return used;
}

void http1_reader::end_of_stream() {
    if (state_ != state::incomplete) {
        return;
    }
    switch (phase_) {
    case phase::until_close:
        complete();
        return;
    case phase::head:
        fail(started_ ? "the connection closed in the middle of the answer's headers"
                      : "the connection closed before an answer");
        return;
    case phase::body_length:
        // libcurl's words for it.
        fail("transfer closed with " + std::to_string(remaining_) + " bytes remaining to read");
        return;
    default:
        fail("transfer closed with outstanding read data remaining");
        return;
    }
}

http_response http1_reader::take() {
    http_response out = std::move(response_);
    response_ = http_response{};
    return out;
}

std::size_t http1_reader::read_head(const char* data, std::size_t size) {
    std::size_t used = 0;
    while (used < size) {
        const void* const found = std::memchr(data + used, '\n', size - used);
        const std::size_t take =
            found == nullptr
                ? size - used
                : static_cast<std::size_t>(static_cast<const char*>(found) - data) + 1 - used;
        if (head_.size() + take > max_head_bytes) {
            fail("the answer's headers are longer than 100 KiB");
            return used + take;
        }
        head_.append(data + used, take);
        used += take;
        if (found == nullptr) {
            break;
        }
        // A line ended: an empty one ends the header section.
        const std::size_t line_begin = scanned_;
        const std::size_t line_size = head_.size() - line_begin;
        scanned_ = head_.size();
        if (line_size == 1 || (line_size == 2 && head_[line_begin] == '\r')) {
            if (line_begin == 0) { // blank lines before the status line are let pass
                head_.clear();
                scanned_ = 0;
                continue;
            }
            if (parse_head() || state_ != state::incomplete) {
                return used;
            }
            // An interim answer was skipped: the next header section follows.
        }
    }
    return used;
}

bool http1_reader::parse_head() {
    const std::string_view head(head_);
    std::size_t next = 0;
    const std::string_view status_line = line_at(head, 0, next);
    // "HTTP/1.1 200 OK": the version, a space, three digits, then a space and a reason (or not).
    if (status_line.size() < 12 || status_line.substr(0, 7) != "HTTP/1." ||
        !is_digit(status_line[7]) || status_line[8] != ' ' || !is_digit(status_line[9]) ||
        !is_digit(status_line[10]) || !is_digit(status_line[11]) ||
        (status_line.size() > 12 && status_line[12] != ' ')) {
        fail("the answer is not HTTP/1.x (it begins \"" + std::string(status_line.substr(0, 40)) +
             "\")");
        return false;
    }
    const bool http_1_0 = status_line[7] == '0';
    const int status =
        (status_line[9] - '0') * 100 + (status_line[10] - '0') * 10 + (status_line[11] - '0');
    if (status < 100) {
        fail("the answer's status " + std::to_string(status) + " is not an HTTP status");
        return false;
    }

    http_headers& headers = response_.headers;
    headers.clear();
    headers.reserve(8); // a service's answer has five or six: one allocation, not four
    std::string_view connection;
    std::string_view transfer_encoding;
    std::string_view content_encoding;
    std::optional<std::size_t> content_length;
    bool bad_length = false;
    while (next < head.size()) {
        const std::string_view line = line_at(head, next, next);
        if (line.empty()) {
            break;
        }
        if (line.front() == ' ' || line.front() == '\t') {
            if (!headers.empty()) { // obsolete line folding: continues the previous value
                auto& value = headers.back().second;
                value += ' ';
                value += trim(line);
            }
            continue;
        }
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) {
            continue; // not a header: passed over, as libcurl does
        }
        headers.emplace_back(std::string(trim(line.substr(0, colon))),
                             std::string(trim(line.substr(colon + 1))));
    }
    // The framing headers, read once the values are whole (a folded value may continue one).
    for (const auto& [name, value] : headers) {
        if (equals_ignoring_case(name, "Content-Length")) {
            std::size_t length = 0;
            const char* const end = value.data() + value.size();
            const auto [stop, error] = std::from_chars(value.data(), end, length);
            if (value.empty() || error != std::errc() || stop != end ||
                (content_length && *content_length != length)) {
                bad_length = true;
            }
            content_length = length;
        } else if (equals_ignoring_case(name, "Transfer-Encoding")) {
            transfer_encoding = value;
        } else if (equals_ignoring_case(name, "Connection")) {
            connection = value;
        } else if (equals_ignoring_case(name, "Content-Encoding")) {
            content_encoding = value;
        }
    }

    if (status < 200 && status != 101) { // 100 Continue, 103 Early Hints: the answer follows
        head_.clear();
        scanned_ = 0;
        headers.clear();
        return false;
    }
    if (status == 101) {
        fail("the server switched protocols, which ta did not ask for");
        return false;
    }
    response_.status = status;
    keep_alive_ = http_1_0 ? has_token(connection, "keep-alive") : !has_token(connection, "close");
    head_.clear();
    scanned_ = 0;

    if (no_body_ || status == 204 || status == 304) {
        complete();
        return true;
    }
    if (!content_encoding.empty() && !equals_ignoring_case(content_encoding, "identity")) {
        fail("the answer is encoded as \"" + std::string(content_encoding) +
             "\", which ta did not ask for");
        return false;
    }
    if (!transfer_encoding.empty()) {
        if (!equals_ignoring_case(transfer_encoding, "chunked")) {
            fail("the answer's transfer coding \"" + std::string(transfer_encoding) +
                 "\" is not supported");
            return false;
        }
        phase_ = phase::chunk_size;
        return true;
    }
    if (content_length) {
        if (bad_length) {
            fail("the answer's Content-Length is not one number");
            return false;
        }
        if (*content_length > max_body_) {
            too_large_ = true;
            fail("the answer is larger than allowed");
            return false;
        }
        if (*content_length == 0) {
            complete();
            return true;
        }
        response_.body.reserve(*content_length);
        remaining_ = *content_length;
        phase_ = phase::body_length;
        return true;
    }
    keep_alive_ = false; // the body runs until the connection closes
    phase_ = phase::until_close;
    return true;
}

std::size_t http1_reader::read_chunk_line(const char* data, std::size_t size) {
    const void* const found = std::memchr(data, '\n', size);
    const std::size_t take =
        found == nullptr ? size
                         : static_cast<std::size_t>(static_cast<const char*>(found) - data) + 1;
    if (head_.size() + take > max_chunk_line_bytes) {
        fail("a line of the chunked answer is longer than 4 KiB");
        return take;
    }
    head_.append(data, take);
    if (found == nullptr) {
        return take;
    }
    std::size_t next = 0;
    const std::string_view line = line_at(head_, 0, next);
    switch (phase_) {
    case phase::chunk_size: {
        std::size_t chunk = 0;
        std::size_t digits = 0;
        for (; digits < line.size() && hex_value(line[digits]) >= 0; ++digits) {
            if (chunk > (SIZE_MAX >> 4)) {
                fail("a chunk of the answer is too large");
                return take;
            }
            chunk = chunk * 16 + static_cast<std::size_t>(hex_value(line[digits]));
        }
        const std::string_view rest = trim(line.substr(digits));
        if (digits == 0 || (!rest.empty() && rest.front() != ';')) {
            fail("a chunk size of the answer is not a hexadecimal number");
            return take;
        }
        if (chunk == 0) {
            phase_ = phase::trailer;
        } else if (chunk > max_body_ - response_.body.size()) {
            too_large_ = true;
            fail("the answer is larger than allowed");
            return take;
        } else {
            remaining_ = chunk;
            phase_ = phase::chunk_data;
        }
        break;
    }
    case phase::chunk_end:
        if (!line.empty()) {
            fail("a chunk of the answer is longer than its size");
            return take;
        }
        phase_ = phase::chunk_size;
        break;
    default: // trailer: fields passed over, an empty line ends the answer
        if (line.empty()) {
            complete();
        }
        break;
    }
    head_.clear();
    return take;
}

bool http1_reader::append_body(const char* data, std::size_t size) {
    if (size > max_body_ - response_.body.size()) {
        too_large_ = true;
        fail("the answer is larger than allowed");
        return false;
    }
    response_.body.append(data, size);
    return true;
}

void http1_reader::fail(std::string why) {
    state_ = state::failed;
    failure_ = std::move(why);
}

void http1_reader::complete() {
    state_ = state::complete;
}

// ---------------------------------------------------------------------------------------------

namespace {

std::string environment(const char* name) {
    const char* value = std::getenv(name);
    return value == nullptr ? std::string() : std::string(value);
}

/// Whether no_proxy (or NO_PROXY) surely sends `host` past any proxy: "*", or an entry that is
/// the host itself (an IPv6 address without brackets, a leading dot ignored). libcurl also
/// matches domains and networks; a URL that needs those to go direct goes through libcurl.
bool no_proxy_names(std::string host) {
    std::string list = environment("no_proxy");
    if (list.empty()) {
        list = environment("NO_PROXY");
    }
    if (host.size() > 2 && host.front() == '[') {
        host = host.substr(1, host.size() - 2);
    }
    std::size_t start = 0;
    while (start < list.size()) {
        start = list.find_first_not_of(", \t", start);
        if (start == std::string::npos) {
            break;
        }
        const auto end = std::min(list.find_first_of(", \t", start), list.size());
        std::string_view entry = std::string_view(list).substr(start, end - start);
        start = end;
        if (entry == "*") {
            return true;
        }
        if (entry.front() == '.') {
            entry.remove_prefix(1);
        }
        if (equals_ignoring_case(entry, host)) {
            return true;
        }
    }
    return false;
}

} // namespace

namespace {

/// Whether a URL's path or query can go on the request line as it is: printable ASCII, no
/// space. libcurl would encode, or refuse, anything else; such a URL is left to it.
bool is_plain(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c > ' ' && c < 0x7f; });
}

/// Whether `path` has a "." or ".." segment, which libcurl removes before sending.
bool has_dot_segment(std::string_view path) {
    std::size_t start = 0;
    while (start <= path.size()) {
        const auto end = std::min(path.find('/', start), path.size());
        const std::string_view segment = path.substr(start, end - start);
        if (segment == "." || segment == "..") {
            return true;
        }
        start = end + 1;
    }
    return false;
}

} // namespace

std::optional<http1_target> http1_target_for(const std::string& url) {
    // Only the plainest form is read here: http://HOST[:PORT][/PATH][?QUERY][#FRAGMENT] with
    // HOST an IPv4 address, a bracketed IPv6 address or localhost. Anything else (a user name,
    // a name to resolve, a zone, odd characters, dot segments) is libcurl's to read, as before.
    constexpr std::string_view scheme = "http://";
    if (url.size() < scheme.size() ||
        !equals_ignoring_case(std::string_view(url).substr(0, scheme.size()), scheme)) {
        return std::nullopt;
    }
    std::string_view rest = std::string_view(url).substr(scheme.size());
    const auto authority_end = std::min(rest.find_first_of("/?#"), rest.size());
    const std::string_view authority = rest.substr(0, authority_end);
    rest.remove_prefix(authority_end);
    if (authority.find('@') != std::string_view::npos) {
        return std::nullopt;
    }
    std::string_view host;
    std::string_view port_text;
    unsigned char address[16];
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) {
            return std::nullopt;
        }
        host = authority.substr(0, close + 1);
        const std::string inside(authority.substr(1, close - 1));
        if (inside.find('%') != std::string::npos ||
            inet_pton(AF_INET6, inside.c_str(), address) != 1) {
            return std::nullopt;
        }
        const std::string_view after = authority.substr(close + 1);
        if (!after.empty() && after.front() != ':') {
            return std::nullopt;
        }
        port_text = after.empty() ? after : after.substr(1);
        if (!after.empty() && port_text.empty()) {
            return std::nullopt;
        }
    } else {
        const auto colon = authority.find(':');
        host = authority.substr(0, colon);
        if (colon != std::string_view::npos) {
            port_text = authority.substr(colon + 1);
            if (port_text.empty()) {
                return std::nullopt;
            }
        }
        if (!equals_ignoring_case(host, "localhost") &&
            inet_pton(AF_INET, std::string(host).c_str(), address) != 1) {
            return std::nullopt; // a name to resolve: libcurl resolves it without blocking the loop
        }
    }
    unsigned port = 80;
    if (!port_text.empty()) {
        const auto [end, error] =
            std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
        if (error != std::errc() || end != port_text.data() + port_text.size() || port == 0 ||
            port > 65535 || port_text.size() > 5) {
            return std::nullopt;
        }
    }
    // The request target: the path and the query; the fragment is never sent.
    const std::string_view target = rest.substr(0, std::min(rest.find('#'), rest.size()));
    const std::string_view path = target.substr(0, std::min(target.find('?'), target.size()));
    if (!is_plain(target) || has_dot_segment(path)) {
        return std::nullopt;
    }
    // The proxy libcurl would use for an http:// URL (http_proxy only in lower case: HTTP_PROXY
    // may come from a CGI request's Proxy header).
    for (const char* name : {"http_proxy", "all_proxy", "ALL_PROXY"}) {
        if (!environment(name).empty()) {
            if (!no_proxy_names(std::string(host))) {
                return std::nullopt;
            }
            break;
        }
    }
    http1_target out;
    out.port = static_cast<std::uint16_t>(port);
    out.host = std::string(host);
    out.shown = out.host + ":" + std::to_string(port);
    out.host_header = port == 80 ? out.host : out.shown;
    out.path =
        target.empty() || target.front() == '?' ? "/" + std::string(target) : std::string(target);
    return out;
}

} // namespace ta::detail
