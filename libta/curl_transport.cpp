#include <ta/transport.hpp>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdlib>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <curl/curl.h>

#if defined(__linux__)
#define TA_CURL_EPOLL 1
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>
#else
#define TA_CURL_EPOLL 0
#endif

#include <ta/error.hpp>
#include <ta/version.hpp>

#include "detail/curl_api.hpp"
#include "detail/http1.hpp"
#include "detail/strings.hpp"
#include "detail/transport_messages.hpp"

namespace ta {
namespace {

std::string default_user_agent() {
    const curl_version_info_data* info = detail::curl().version_info(CURLVERSION_NOW);
    return std::string("ta/") + TA_VERSION_STRING + " libcurl/" +
           (info != nullptr && info->version != nullptr ? info->version : "unknown");
}

struct curl_easy_deleter {
    void operator()(CURL* handle) const noexcept { detail::curl().easy_cleanup(handle); }
};
struct curl_slist_deleter {
    void operator()(curl_slist* list) const noexcept { detail::curl().slist_free_all(list); }
};
struct curl_url_deleter {
    void operator()(CURLU* url) const noexcept { detail::curl().url_cleanup(url); }
};
struct curl_string_deleter {
    void operator()(char* text) const noexcept { detail::curl().free(text); }
};

/// "host:port" of a URL, for messages; the URL itself when it cannot be parsed.
std::string host_and_port(const std::string& url) {
    const std::unique_ptr<CURLU, curl_url_deleter> parsed(detail::curl().url());
    if (!parsed ||
        detail::curl().url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
        return url;
    }
    char* host = nullptr;
    char* port = nullptr;
    const bool has_host =
        detail::curl().url_get(parsed.get(), CURLUPART_HOST, &host, 0) == CURLUE_OK;
    const std::unique_ptr<char, curl_string_deleter> host_owner(host);
    if (!has_host) {
        return url;
    }
    const bool has_port = detail::curl().url_get(parsed.get(), CURLUPART_PORT, &port,
                                                 CURLU_DEFAULT_PORT) == CURLUE_OK;
    const std::unique_ptr<char, curl_string_deleter> port_owner(port);
    return has_port ? std::string(host) + ":" + port : std::string(host);
}

std::string just_host(const std::string& url) {
    const std::unique_ptr<CURLU, curl_url_deleter> parsed(detail::curl().url());
    char* host = nullptr;
    if (!parsed ||
        detail::curl().url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK ||
        detail::curl().url_get(parsed.get(), CURLUPART_HOST, &host, 0) != CURLUE_OK) {
        return url;
    }
    const std::unique_ptr<char, curl_string_deleter> owner(host);
    return host;
}

/// What one transfer collects; the callbacks write into it.
struct transfer {
    http_headers headers;
    std::string body;
    std::size_t max_body_bytes = 0;
    bool too_large = false; ///< the body passed max_body_bytes (after decoding)
};

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) noexcept {
    auto& out = *static_cast<transfer*>(user);
    const std::size_t bytes = size * count;
    try {
        const std::string_view line(data, bytes);
        if (line.rfind("HTTP/", 0) == 0) {
            // A new status line: an interim answer (100 Continue) or a proxy's CONNECT answer
            // came before; only the final response's headers describe the body.
            out.headers.clear();
        } else if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
            if (!out.headers.empty()) { // obsolete line folding: continues the previous value
                auto& value = out.headers.back().second;
                value += ' ';
                value += detail::trim(line);
            }
        } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
            const std::string_view name = detail::trim(line.substr(0, colon));
            const std::string_view value = detail::trim(line.substr(colon + 1));
            if (detail::equals_ignoring_case(name, "Content-Length")) {
                // Room for the whole body at once (a hint: an encoded body inflates past it).
                std::size_t length = 0;
                const auto [end, status] =
                    std::from_chars(value.data(), value.data() + value.size(), length);
                if (status == std::errc() && end == value.data() + value.size()) {
                    out.body.reserve(std::min(length, out.max_body_bytes));
                }
            }
            out.headers.emplace_back(std::string(name), std::string(value));
        }
        return bytes;
    } catch (...) {
        return 0; // makes libcurl fail the transfer rather than let an exception cross C code
    }
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) noexcept {
    auto& out = *static_cast<transfer*>(user);
    const std::size_t bytes = size * count;
    // The bound counts decoded bytes: a small gzip answer can inflate to gigabytes.
    if (bytes > out.max_body_bytes - out.body.size()) {
        out.too_large = true;
        return 0; // libcurl stops the transfer with CURLE_WRITE_ERROR
    }
    try {
        out.body.append(data, bytes);
        return bytes;
    } catch (...) {
        return 0;
    }
}

bool is_tls_error(CURLcode code) noexcept {
    switch (code) {
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CLIENTCERT:
    case CURLE_USE_SSL_FAILED:
        return true;
    default:
        return false;
    }
}

/// One libcurl easy handle and what it keeps between requests: the blocking transport has
/// one, the multi transport one per request in flight.
class easy_slot {
  public:
    explicit easy_slot(const curl_transport_options& options)
        : options_(options),
          user_agent_(options.user_agent.empty() ? default_user_agent() : options.user_agent) {
        handle_.reset(detail::curl().easy_init());
        if (!handle_) {
            throw error("libcurl could not create a handle");
        }
    }
    easy_slot(const easy_slot&) = delete;
    easy_slot& operator=(const easy_slot&) = delete;

    CURL* handle() const noexcept { return handle_.get(); }

    /// Sets the handle up for `request`, which must live until finish().
    void prepare(const http_request& request) {
        CURL* const curl = handle_.get();
        // A run sends POST after POST with the same headers: only the body changes, and setting
        // up the handle again each time was a good part of libcurl's cost. Any other method
        // starts from a reset handle, which forgets the previous request's options but keeps
        // live connections and caches.
        const bool post = request.method == "POST";
        if (!post || !last_was_post_) {
            detail::curl().easy_reset(curl);
            set_fixed_options(curl);
            header_lines_.clear();
            headers_.reset();
            url_text_.clear();
        }
        last_was_post_ = post;
        set_headers(curl, request.headers);

        out_.headers.clear();
        out_.body = std::string();
        out_.max_body_bytes = options_.max_response_bytes;
        out_.too_large = false;
        error_text_[0] = '\0';
        set_url(curl, request.url);

        if (post) {
            detail::curl().easy_setopt(curl, CURLOPT_POST, 1L);
        } else if (request.method == "GET") {
            detail::curl().easy_setopt(curl, CURLOPT_HTTPGET, 1L);
        } else if (request.method == "HEAD") {
            detail::curl().easy_setopt(curl, CURLOPT_NOBODY, 1L);
        } else {
            detail::curl().easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
        }
        if (request.method != "GET" && request.method != "HEAD" &&
            (post || !request.body.empty())) {
            detail::curl().easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                                       static_cast<curl_off_t>(request.body.size()));
            detail::curl().easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
        }
    }

    /// The answer of the transfer that ended with `code`, or the transport_error it is.
    http_response finish(CURLcode code, const http_request& request) {
        CURL* const curl = handle_.get();
        if (code == CURLE_WRITE_ERROR && out_.too_large) {
            throw detail::answer_too_large(host_and_port(request.url), options_.max_response_bytes,
                                           request.url);
        }
        if (code != CURLE_OK) {
            throw failure(curl, code, error_text_, request.url);
        }
        long status = 0;
        detail::curl().easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        return http_response{static_cast<int>(status), std::move(out_.headers),
                             std::move(out_.body)};
    }

  private:
    // What every request of this transport has in common.
    void set_fixed_options(CURL* curl) {
        detail::curl().easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text_);
        detail::curl().easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
#if LIBCURL_VERSION_NUM >= 0x075500 // 7.85.0
        detail::curl().easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
#else
        detail::curl().easy_setopt(curl, CURLOPT_PROTOCOLS, long{CURLPROTO_HTTP | CURLPROTO_HTTPS});
#endif
        // A redirect would carry the key to wherever Location points: the caller decides.
        detail::curl().easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
        detail::curl().easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
        detail::curl().easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
        if (!options_.ca_file.empty()) {
            detail::curl().easy_setopt(curl, CURLOPT_CAINFO, options_.ca_file.c_str());
        }
        detail::curl().easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                                   static_cast<long>(options_.connect_timeout.count()));
        detail::curl().easy_setopt(curl, CURLOPT_TIMEOUT_MS,
                                   static_cast<long>(options_.timeout.count()));
        detail::curl().easy_setopt(curl, CURLOPT_USERAGENT, user_agent_.c_str());
        detail::curl().easy_setopt(curl, CURLOPT_ACCEPT_ENCODING,
                                   ""); // every encoding this libcurl has
        detail::curl().easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
        detail::curl().easy_setopt(curl, CURLOPT_TCP_NODELAY, 1L);
        detail::curl().easy_setopt(curl, CURLOPT_HEADERFUNCTION, &on_header);
        detail::curl().easy_setopt(curl, CURLOPT_HEADERDATA, &out_);
        detail::curl().easy_setopt(curl, CURLOPT_WRITEFUNCTION, &on_body);
        detail::curl().easy_setopt(curl, CURLOPT_WRITEDATA, &out_);
        detail::curl().easy_setopt(curl, CURLOPT_PRIVATE, this);
    }

    // A run sends every request to the same URL (or a few): given as a string, libcurl would
    // parse it again for every transfer. Parsed once and handed over as a CURLU, it is not. A
    // URL that does not parse goes to libcurl as a string, which then fails with its own error.
    void set_url(CURL* curl, const std::string& url) {
        if (url == url_text_) {
            return;
        }
        url_text_ = url;
        if (!url_) {
            url_.reset(detail::curl().url());
        }
        // The flags libcurl itself parses CURLOPT_URL with.
        if (url_ &&
            detail::curl().url_set(url_.get(), CURLUPART_URL, url.c_str(),
                                   CURLU_GUESS_SCHEME | CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK) {
            detail::curl().easy_setopt(curl, CURLOPT_CURLU, url_.get());
        } else {
            detail::curl().easy_setopt(curl, CURLOPT_CURLU, static_cast<CURLU*>(nullptr));
            detail::curl().easy_setopt(curl, CURLOPT_URL, url.c_str());
            url_text_.clear();
        }
    }

    // The header list is built again only when the headers differ from the last request's.
    void set_headers(CURL* curl, const http_headers& headers) {
        if (headers_ && header_lines_ == headers) {
            return;
        }
        std::unique_ptr<curl_slist, curl_slist_deleter> list;
        bool expect_given = false;
        for (const auto& [name, value] : headers) {
            // "Name;" is libcurl's spelling of a header with an empty value ("Name:" removes it).
            append_header(list, value.empty() ? name + ";" : name + ": " + value);
            expect_given = expect_given || detail::equals_ignoring_case(name, "Expect");
        }
        // libcurl asks with "Expect: 100-continue" before a body over 1 KB and waits for the
        // server's go-ahead: a round trip (up to a second with a server that never says 100) on
        // nearly every request of 10 documents. "Expect:" removes it.
        if (!expect_given) {
            append_header(list, "Expect:");
        }
        detail::curl().easy_setopt(curl, CURLOPT_HTTPHEADER, list.get());
        headers_ = std::move(list);
        header_lines_ = headers;
    }

    static void append_header(std::unique_ptr<curl_slist, curl_slist_deleter>& list,
                              const std::string& line) {
        curl_slist* appended = detail::curl().slist_append(list.get(), line.c_str());
        if (appended == nullptr) {
            throw error("out of memory building request headers");
        }
        if (!list) { // later appends return the same head
            list.reset(appended);
        }
    }

    transport_error failure(CURL* curl, CURLcode code, const char* error_buffer,
                            const std::string& url) const {
        const char* detail =
            error_buffer[0] != '\0' ? error_buffer : detail::curl().easy_strerror(code);
        const std::string where = host_and_port(url);
        switch (code) {
        case CURLE_COULDNT_RESOLVE_HOST:
            return transport_error("could not resolve host " + just_host(url), url);
        case CURLE_COULDNT_RESOLVE_PROXY:
            return transport_error(std::string("could not resolve the proxy: ") + detail, url);
        case CURLE_COULDNT_CONNECT: {
            long os_errno = 0;
            detail::curl().easy_getinfo(curl, CURLINFO_OS_ERRNO, &os_errno);
            return detail::could_not_connect(
                where, detail::connect_reason(static_cast<int>(os_errno), detail), url);
        }
        case CURLE_OPERATION_TIMEDOUT: {
            // libcurl reports both deadlines with one code; the time spent tells them apart.
            curl_off_t elapsed_us = 0;
            detail::curl().easy_getinfo(curl, CURLINFO_TOTAL_TIME_T, &elapsed_us);
            const auto elapsed = std::chrono::milliseconds(elapsed_us / 1000);
            const bool whole_request =
                elapsed + std::chrono::milliseconds(100) >= options_.timeout ||
                options_.connect_timeout >= options_.timeout;
            if (whole_request) {
                return detail::answer_timed_out(where, options_.timeout, url);
            }
            return detail::connect_timed_out(where, options_.connect_timeout, url);
        }
        case CURLE_GOT_NOTHING:
            return detail::closed_without_answering(where, url);
        case CURLE_SEND_ERROR:
        case CURLE_RECV_ERROR:
            return transport_error("the connection to " + where + " failed: " + detail, url);
        case CURLE_UNSUPPORTED_PROTOCOL:
            return transport_error("only http and https URLs can be used, not " + url, url);
        case CURLE_URL_MALFORMAT:
            return transport_error("malformed URL " + url + ": " + detail, url);
        default:
            break;
        }
        if (code == CURLE_SSL_CACERT_BADFILE) {
            return transport_error("TLS problem: the CA file " + options_.ca_file +
                                       " could not be used (" + detail + ")",
                                   url);
        }
        if (is_tls_error(code)) {
            return transport_error("TLS problem with " + where + ": " + detail, url);
        }
        return transport_error("the request to " + where + " failed: " + detail, url);
    }

    const curl_transport_options& options_;
    std::string user_agent_;
    std::unique_ptr<CURL, curl_easy_deleter> handle_;
    char error_text_[CURL_ERROR_SIZE] = {};
    transfer out_;
    bool last_was_post_ = false; ///< the handle is set up, for a POST with header_lines_
    http_headers header_lines_;  ///< what headers_ holds
    std::unique_ptr<curl_slist, curl_slist_deleter> headers_;
    std::string url_text_; ///< what url_ holds and the handle is set to; empty = not set
    std::unique_ptr<CURLU, curl_url_deleter> url_;
};

// libcurl is not loaded here: only when a request needs it (detail/curl_api.hpp).
curl_transport_options completed(curl_transport_options options) {
    // The way back to libcurl for everything, should a server and ta's own client disagree.
    if (const char* native = std::getenv("TA_NATIVE_HTTP");
        native != nullptr && std::string_view(native) == "0") {
        options.native_http = false;
    }
    return options;
}

class curl_transport final : public transport {
  public:
    explicit curl_transport(const curl_transport_options& options) : options_(completed(options)) {}

    http_response send(const http_request& request) override {
        // One handle, so that its connection cache keeps connections alive between calls; a
        // handle must not be used by two threads at once.
        const std::lock_guard lock(mutex_);
        if (!slot_) {
            slot_ = std::make_unique<easy_slot>(options_);
        }
        slot_->prepare(request);
        return slot_->finish(detail::curl().easy_perform(slot_->handle()), request);
    }

    std::unique_ptr<async_transport> open_async() override;

  private:
    curl_transport_options options_;
    std::mutex mutex_;
    std::unique_ptr<easy_slot> slot_; ///< made by the first send()
};

struct curl_multi_deleter {
    void operator()(CURLM* multi) const noexcept { detail::curl().multi_cleanup(multi); }
};

/// Every transfer in flight on one multi handle, driven by the thread that waits: one wake for
/// whatever is ready, connections (and HTTP/2 streams, where offered) kept in the multi
/// handle's cache for the next transfer.
class curl_async_transport final : public async_transport {
  public:
    explicit curl_async_transport(const curl_transport_options& options)
        : options_(completed(options)) {
#if TA_CURL_EPOLL
        epoll_.reset(epoll_create1(EPOLL_CLOEXEC));
        wakeup_.reset(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
        if (!epoll_ || !wakeup_) {
            throw error("could not create an epoll instance or an eventfd");
        }
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.fd = wakeup_.get();
        epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, wakeup_.get(), &event);
        if (options_.native_http) {
            native_.emplace(epoll_.get(),
                            detail::http1_client::settings{
                                options_.connect_timeout, options_.timeout,
                                options_.user_agent.empty() ? std::string("ta/") + TA_VERSION_STRING
                                                            : options_.user_agent,
                                options_.max_response_bytes});
        }
#endif
    }

    ~curl_async_transport() override {
        if (!multi_) {
            return;
        }
        for (const auto& [slot, request] : busy_) {
            detail::curl().multi_remove_handle(multi_.get(), slot->handle());
        }
        busy_.clear();
        slots_.clear(); // the easy handles go before the multi handle
        multi_.reset(); // its connections close (and leave the epoll set) before the fds go
    }

    curl_async_transport(const curl_async_transport&) = delete;
    curl_async_transport& operator=(const curl_async_transport&) = delete;

    void start(const http_request& request, std::uint64_t tag) override {
#if TA_CURL_EPOLL
        if (native_ && detail::http1_client::can_send(request)) {
            if (const detail::http1_target* target = native_target(request.url)) {
                native_->start(request, *target, tag, std::chrono::steady_clock::now(), ready_);
                return;
            }
        }
#endif
        CURLM* const multi = this->multi();
        easy_slot* slot = nullptr;
        if (idle_.empty()) {
            slots_.push_back(std::make_unique<easy_slot>(options_));
            slot = slots_.back().get();
        } else {
            slot = idle_.back();
            idle_.pop_back();
        }
        try {
            slot->prepare(request);
            const CURLMcode added = detail::curl().multi_add_handle(multi, slot->handle());
            if (added != CURLM_OK) {
                throw error(std::string("libcurl could not start a transfer: ") +
                            detail::curl().multi_strerror(added));
            }
        } catch (...) {
            idle_.push_back(slot);
            throw;
        }
        busy_.emplace(slot, in_flight{&request, tag});
    }

#if TA_CURL_EPOLL
    void wait(std::chrono::milliseconds timeout, std::vector<completion>& done) override {
        using steady = std::chrono::steady_clock;
        const std::size_t before = done.size();
        const steady::time_point until = steady::now() + timeout;
        for (;;) {
            steady::time_point now = steady::now();
            if (timer_ && *timer_ <= now) {
                timer_.reset();
                act(CURL_SOCKET_TIMEOUT, 0);
            }
            collect(done);
            if (native_) {
                native_->expire(now, done);
            }
            if (!ready_.empty()) {
                std::move(ready_.begin(), ready_.end(), std::back_inserter(done));
                ready_.clear();
            }
            if (done.size() != before || now >= until) {
                return;
            }
            steady::time_point wake_at = until;
            if (timer_) {
                wake_at = std::min(wake_at, *timer_);
            }
            if (native_) {
                if (const auto deadline = native_->next_deadline()) {
                    wake_at = std::min(wake_at, *deadline);
                }
            }
            const auto ms = std::chrono::ceil<std::chrono::milliseconds>(wake_at - now).count();
            epoll_event events[64];
            const int ready = epoll_wait(epoll_.get(), events, 64,
                                         static_cast<int>(std::clamp<long long>(ms, 0, 1'000'000)));
            bool woken = false;
            const steady::time_point after = ready > 0 ? steady::now() : now;
            for (int i = 0; i < ready; ++i) {
                if ((events[i].data.u64 & detail::http1_client::epoll_tag) != 0) {
                    native_->on_event(events[i].data.u64, events[i].events, after, done);
                    continue;
                }
                const int fd = events[i].data.fd;
                if (fd == wakeup_.get()) {
                    std::uint64_t count = 0;
                    [[maybe_unused]] const auto got = read(fd, &count, sizeof count);
                    woken = true;
                    continue;
                }
                int mask = 0;
                mask |= (events[i].events & EPOLLIN) != 0 ? CURL_CSELECT_IN : 0;
                mask |= (events[i].events & EPOLLOUT) != 0 ? CURL_CSELECT_OUT : 0;
                mask |= (events[i].events & (EPOLLERR | EPOLLHUP)) != 0 ? CURL_CSELECT_ERR : 0;
                act(fd, mask);
            }
            if (woken) {
                collect(done);
                return;
            }
        }
    }

    void wake() override {
        const std::uint64_t one = 1;
        [[maybe_unused]] const auto put = write(wakeup_.get(), &one, sizeof one);
    }
#else
    void wait(std::chrono::milliseconds timeout, std::vector<completion>& done) override {
        const std::size_t before = done.size();
        int running = 0;
        detail::curl().multi_perform(multi(), &running);
        collect(done);
        if (done.size() != before) {
            return;
        }
        const int ms = static_cast<int>(
            std::clamp<std::chrono::milliseconds::rep>(timeout.count(), 0, 1'000'000));
        detail::curl().multi_poll(multi_.get(), nullptr, 0, ms, nullptr);
        detail::curl().multi_perform(multi_.get(), &running);
        collect(done);
    }

    void wake() override {
        detail::curl().multi_wakeup(multi());
    }
#endif

    void cancel() override {
#if TA_CURL_EPOLL
        if (native_) {
            native_->cancel();
        }
        ready_.clear();
#endif
        // Removing a transfer under way closes its connection: the next one opens another.
        for (const auto& [slot, request] : busy_) {
            detail::curl().multi_remove_handle(multi_.get(), slot->handle());
            idle_.push_back(slot);
        }
        busy_.clear();
    }

  private:
    struct in_flight {
        const http_request* request;
        std::uint64_t tag;
    };

    /// The multi handle, made (and libcurl loaded) for the first request libcurl sends.
    CURLM* multi() {
        if (multi_) {
            return multi_.get();
        }
        multi_.reset(detail::curl().multi_init());
        if (!multi_) {
            throw error("libcurl could not create a multi handle");
        }
        // By default the cache keeps 4 connections per handle added: between two bursts, with
        // few transfers added, it would close the connections the next burst wants.
        detail::curl().multi_setopt(multi_.get(), CURLMOPT_MAXCONNECTS, 64L);
#if TA_CURL_EPOLL
        // libcurl tells which sockets to watch and when its next timeout is; one epoll_wait
        // then waits for all, and only the transfers whose sockets are ready are moved on
        // (curl_multi_perform would look at every transfer, polling each).
        detail::curl().multi_setopt(multi_.get(), CURLMOPT_SOCKETFUNCTION, &on_socket);
        detail::curl().multi_setopt(multi_.get(), CURLMOPT_SOCKETDATA, this);
        detail::curl().multi_setopt(multi_.get(), CURLMOPT_TIMERFUNCTION, &on_timer);
        detail::curl().multi_setopt(multi_.get(), CURLMOPT_TIMERDATA, this);
#endif
        return multi_.get();
    }

#if TA_CURL_EPOLL
    void act(curl_socket_t socket, int mask) {
        int running = 0;
        detail::curl().multi_socket_action(multi_.get(), socket, mask, &running);
    }

    static int on_socket(CURL* /*easy*/, curl_socket_t socket, int what, void* self,
                         void* /*socket_data*/) {
        auto& transport = *static_cast<curl_async_transport*>(self);
        const int epoll = transport.epoll_.get();
        if (what == CURL_POLL_REMOVE) {
            if (transport.watched_.erase(socket) != 0) {
                epoll_ctl(epoll, EPOLL_CTL_DEL, socket, nullptr);
            }
            return 0;
        }
        epoll_event event{};
        event.events = ((what & CURL_POLL_IN) != 0 ? EPOLLIN : 0U) |
                       ((what & CURL_POLL_OUT) != 0 ? EPOLLOUT : 0U);
        event.data.fd = socket;
        const bool known = !transport.watched_.insert(socket).second;
        epoll_ctl(epoll, known ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, socket, &event);
        return 0;
    }

    /// Where the native client sends `url`, or null when libcurl must: worked out once a URL.
    const detail::http1_target* native_target(const std::string& url) {
        if (url != target_url_) {
            target_ = detail::http1_target_for(url);
            target_url_ = url;
        }
        return target_ ? &*target_ : nullptr;
    }

    static int on_timer(CURLM* /*multi*/, long timeout_ms, void* self) {
        auto& transport = *static_cast<curl_async_transport*>(self);
        if (timeout_ms < 0) {
            transport.timer_.reset();
        } else {
            transport.timer_ =
                std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
        }
        return 0;
    }
#endif

    void collect(std::vector<completion>& done) {
        if (!multi_) {
            return; // libcurl has sent nothing yet
        }
        int queued = 0;
        while (CURLMsg* message = detail::curl().multi_info_read(multi_.get(), &queued)) {
            if (message->msg != CURLMSG_DONE) {
                continue;
            }
            CURL* const handle = message->easy_handle;
            const CURLcode code = message->data.result;
            char* tagged = nullptr;
            detail::curl().easy_getinfo(handle, CURLINFO_PRIVATE, &tagged);
            auto* const slot = reinterpret_cast<easy_slot*>(tagged);
            detail::curl().multi_remove_handle(multi_.get(), handle);
            const auto found = busy_.find(slot);
            if (found == busy_.end()) {
                continue;
            }
            const in_flight what = found->second;
            busy_.erase(found);
            completion c;
            c.tag = what.tag;
            try {
                c.response = slot->finish(code, *what.request);
            } catch (...) {
                c.failure = std::current_exception();
            }
            idle_.push_back(slot);
            done.push_back(std::move(c));
        }
    }

    curl_transport_options options_;
    std::unique_ptr<CURLM, curl_multi_deleter> multi_;
    std::vector<std::unique_ptr<easy_slot>> slots_;
    std::vector<easy_slot*> idle_;
    std::unordered_map<easy_slot*, in_flight> busy_;
#if TA_CURL_EPOLL
    struct fd_closer {
        int fd = -1;
        fd_closer() = default;
        void reset(int f) noexcept {
            if (fd >= 0) {
                close(fd);
            }
            fd = f;
        }
        int get() const noexcept { return fd; }
        explicit operator bool() const noexcept { return fd >= 0; }
        ~fd_closer() { reset(-1); }
        fd_closer(const fd_closer&) = delete;
        fd_closer& operator=(const fd_closer&) = delete;
    };
    fd_closer epoll_;
    fd_closer wakeup_;
    std::optional<std::chrono::steady_clock::time_point> timer_; ///< libcurl's next timeout
    std::unordered_set<curl_socket_t> watched_;                  ///< in the epoll set
    std::optional<detail::http1_client> native_; ///< after epoll_: its sockets close first
    std::vector<completion> ready_;              ///< native completions known in start()
    std::string target_url_;                     ///< the last URL native_target() saw
    std::optional<detail::http1_target> target_; ///< and where it goes, when native
#endif
};

std::unique_ptr<async_transport> curl_transport::open_async() {
    return std::make_unique<curl_async_transport>(options_);
}

} // namespace

std::unique_ptr<transport> make_curl_transport(const curl_transport_options& options) {
    return std::make_unique<curl_transport>(options);
}

} // namespace ta
