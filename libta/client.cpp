#include <ta/client.hpp>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <utility>

#include <ta/error.hpp>

#include "detail/batcher.hpp"
#include "detail/endpoint.hpp"
#include "detail/limits.hpp"
#include "detail/request_gate.hpp"
#include "detail/retry_policy.hpp"
#include "detail/stream_driver.hpp"
#include "detail/strings.hpp"
#include "detail/text_elements.hpp"
#include "detail/wire.hpp"

namespace ta {
namespace {

constexpr std::string_view key_header = "Ocp-Apim-Subscription-Key";
// The service's fastest tier allows 1000 requests per second.
constexpr double max_rate = 1000;
// Bodies longer than this are cut in --verbose output: the point is to see the shape.
constexpr std::size_t logged_body_bytes = 4096;

document_error invalid_document(std::string message) {
    return {"InvalidDocument", std::move(message)};
}

std::string request_id_of(const http_response& response) {
    std::string id = response.header("apim-request-id");
    return id.empty() ? response.header("x-ms-request-id") : id;
}

detail::request_parameters parameters_from(const client_options& options, api_version version) {
    detail::request_parameters parameters;
    parameters.api = version;
    parameters.model_version = options.model_version;
    parameters.opinion_mining = options.opinion_mining;
    parameters.show_stats = options.show_stats;
    parameters.logging_opt_out = options.logging_opt_out;
    parameters.string_index = options.string_index;
    return parameters;
}

void check_key(const std::string& key) {
    if (std::any_of(key.begin(), key.end(),
                    [](unsigned char c) { return c < 0x20 || c == 0x7f; })) {
        throw usage_error("the key contains a line break or another control character; "
                          "check the key file or TA_KEY");
    }
}

} // namespace

std::optional<string_index_type> parse_string_index_type(std::string_view name) noexcept {
    if (detail::equals_ignoring_case(name, "TextElement") ||
        detail::equals_ignoring_case(name, "TextElement_v8") ||
        detail::equals_ignoring_case(name, "TextElements_v8")) {
        return string_index_type::text_element;
    }
    if (detail::equals_ignoring_case(name, "UnicodeCodePoint")) {
        return string_index_type::unicode_code_point;
    }
    if (detail::equals_ignoring_case(name, "Utf16CodeUnit")) {
        return string_index_type::utf16_code_unit;
    }
    return std::nullopt;
}

namespace {

/// A run of consecutive pending documents that go in one request: pending[first, end).
struct batch_range {
    std::size_t first = 0;
    std::size_t end = 0;
};

/// Lends each run an asynchronous side of the transport (libcurl's multi interface, or the
/// threads of a blocking transport), kept with its connections for the next run.
class transport_pool {
  public:
    transport_pool(std::shared_ptr<transport> given, const curl_transport_options& options)
        : transport_(given ? std::move(given) : make_curl_transport(options)) {}

    std::unique_ptr<async_transport> borrow() {
        {
            const std::lock_guard lock(mutex_);
            if (!idle_.empty()) {
                std::unique_ptr<async_transport> t = std::move(idle_.back());
                idle_.pop_back();
                return t;
            }
        }
        return transport_->open_async();
    }

    void give_back(std::unique_ptr<async_transport> t) {
        const std::lock_guard lock(mutex_);
        idle_.push_back(std::move(t));
    }

  private:
    std::shared_ptr<transport> transport_; // outlives what it opened (declared first)
    std::mutex mutex_;
    std::vector<std::unique_ptr<async_transport>> idle_;
};

/// A clock whose waits go to a sleep function, for the constructor that takes one.
class sleeping_clock final : public clock {
  public:
    explicit sleeping_clock(sleep_function sleep) : sleep_(std::move(sleep)) {}
    time_point now() override {
        const std::lock_guard lock(mutex_);
        return std::chrono::steady_clock::now() + slept_;
    }
    void sleep_until(time_point when) override {
        // A wait of 0 is passed on too: the sleep function counts the waits.
        const auto wait = std::max(std::chrono::milliseconds(0),
                                   std::chrono::ceil<std::chrono::milliseconds>(when - now()));
        sleep_(wait);
        const std::lock_guard lock(mutex_);
        slept_ += wait;
    }

  private:
    sleep_function sleep_;
    std::mutex mutex_;
    duration slept_{};
};

curl_transport_options transport_options_from(const client_options& options) {
    curl_transport_options transport_options;
    transport_options.connect_timeout = options.connect_timeout;
    transport_options.timeout = options.timeout;
    transport_options.ca_file = options.ca_file;
    return transport_options;
}

std::shared_ptr<clock> clock_from(sleep_function sleep) {
    if (!sleep) {
        return steady_clock();
    }
    return std::make_shared<sleeping_clock>(std::move(sleep));
}

std::string retried_note(int retries) {
    return retries == 0 ? std::string(" (not retried: --retries 0)")
                        : " (after retries: up to " + std::to_string(retries) + ")";
}

} // namespace

struct client::impl {
    client_options options;
    std::string endpoint;
    std::shared_ptr<clock> time;
    const bool sleeps_each_wait; // the clock of a sleep function
    transport_pool transports;
    std::mutex retry_mutex; // the policy's random generator is shared by calls at once
    detail::retry_policy retry;
    detail::request_gate gate;
    std::mutex log_mutex; // so that the exchanges of two calls at once do not interleave
    std::atomic<api_version> resolved;
    // `automatic`: the one call (its event loop) that finds the version while others wait.
    std::mutex settle_mutex;
    std::condition_variable settled;
    const void* settling_call = nullptr;

    impl(client_options o, std::shared_ptr<transport> t, std::shared_ptr<clock> c)
        : options(std::move(o)), endpoint(detail::normalize_endpoint(options.endpoint)),
          time(c ? std::move(c) : steady_clock()),
          sleeps_each_wait(dynamic_cast<sleeping_clock*>(time.get()) != nullptr),
          transports(std::move(t), transport_options_from(options)),
          retry(detail::retry_policy::settings{std::max(0, options.retries)}),
          gate(detail::request_gate::settings{options.concurrency, options.rate}, *time),
          resolved(options.api) {
        check_key(options.key);
        if (options.retries < 0) {
            throw usage_error("the number of retries cannot be negative");
        }
        if (options.concurrency < 1 || options.concurrency > max_client_concurrency) {
            throw usage_error("the concurrency must be between 1 and " +
                              std::to_string(max_client_concurrency) + ", not " +
                              std::to_string(options.concurrency));
        }
        if (!(options.rate >= 0) || options.rate > max_rate) {
            throw usage_error("the rate must be between 0 (no cap) and " +
                              std::to_string(static_cast<int>(max_rate)) + " requests per second");
        }
        if (options.timeout.count() <= 0 || options.connect_timeout.count() <= 0) {
            // libcurl reads 0 as "wait for ever"; no one asks for that on purpose.
            throw usage_error("timeouts must be longer than 0");
        }
        if (options.api != api_version::automatic) {
            detail::check_parameters(parameters_from(options, options.api));
        }
    }

    void log(const std::string& text) {
        if (options.log) {
            const std::lock_guard lock(log_mutex);
            options.log(text);
        }
    }

    void log_request(const http_request& request) {
        if (!options.log) {
            return;
        }
        std::string text = "> " + request.method + " " + request.url + "\n";
        for (const auto& [name, value] : request.headers) {
            const bool secret = detail::equals_ignoring_case(name, key_header);
            text += "> " + name + ": " + (secret ? std::string("[redacted]") : value) + "\n";
        }
        text += body_for_log(request.body);
        log(text);
    }

    void log_response(const http_response& response, std::chrono::steady_clock::duration took) {
        if (!options.log) {
            return;
        }
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(took).count();
        std::string text =
            "< HTTP " + std::to_string(response.status) + " (" + std::to_string(ms) + " ms)\n";
        for (const auto& [name, value] : response.headers) {
            text += "< " + name + ": " + value + "\n";
        }
        text += body_for_log(response.body);
        log(text);
    }

    static std::string body_for_log(const std::string& body) {
        if (body.size() <= logged_body_bytes) {
            return body;
        }
        return detail::excerpt(body, logged_body_bytes) + " [" + std::to_string(body.size()) +
               " bytes in all]";
    }

    [[noreturn]] static void throw_http_error(const http_response& response,
                                              const std::string& url) {
        const std::string request_id = request_id_of(response);
        if (response.status >= 300 && response.status < 400) {
            const std::string location = response.header("location");
            throw http_error(response.status, "Redirect",
                             "the endpoint redirects" +
                                 (location.empty() ? std::string() : " to " + location) +
                                 "; ta does not follow redirects (the key would go along): use "
                                 "the final URL as the endpoint",
                             request_id, url);
        }
        if (const auto service = detail::parse_service_error(response.body)) {
            throw http_error(response.status, service->code, service->message, request_id, url);
        }
        throw http_error(response.status, "", detail::excerpt(response.body), request_id, url);
    }

    /// The next request's documents for a generation, from pending[next]. A document too large
    /// for any request becomes an error here and is skipped, so `first` may be past `next`.
    batch_range next_batch(const std::vector<document>& documents,
                           const std::vector<std::size_t>& pending, std::size_t next,
                           api_generation generation, std::vector<result>& results) const {
        detail::batcher batch(detail::max_documents(generation), detail::max_request_bytes);
        batch_range range{next, next};
        while (range.end < pending.size()) {
            const std::size_t index = pending[range.end];
            char id[24]; // wire_id(index), without a string
            const auto id_end = std::to_chars(id, id + sizeof id, index + 1).ptr;
            const std::size_t bytes =
                detail::wire_size(std::string_view(id, static_cast<std::size_t>(id_end - id)),
                                  documents[index].text, language_of(documents[index]));
            if (batch.too_large(bytes) && batch.count() == 0) {
                results[index].error =
                    invalid_document("the document is too large for one request (" +
                                     std::to_string(bytes) + " bytes; a request may have at most " +
                                     std::to_string(detail::max_request_bytes) + ")");
                range.first = ++range.end;
                continue;
            }
            if (!batch.fits(bytes)) {
                break;
            }
            batch.add(bytes);
            ++range.end;
        }
        return range;
    }

    const std::string& language_of(const document& doc) const {
        return doc.language.empty() ? options.default_language : doc.language;
    }

    /// The id a document has on the wire: its position + 1. Unique within the call, whatever
    /// ids the caller chose, and the way back to it even when the answer is out of order.
    static std::string wire_id(std::size_t index) { return std::to_string(index + 1); }

    http_request request_for(api_version version, const std::vector<document>& documents,
                             const std::vector<std::size_t>& pending, batch_range range) const {
        std::vector<detail::wire_document> wire;
        wire.reserve(range.end - range.first);
        for (std::size_t k = range.first; k < range.end; ++k) {
            const document& doc = documents[pending[k]];
            wire.push_back({wire_id(pending[k]), doc.text, language_of(doc)});
        }
        detail::wire_request built = detail::build_request(parameters_from(options, version), wire);
        http_request request;
        request.url.reserve(endpoint.size() + built.target.size());
        request.url = endpoint;
        request.url += built.target;
        request.headers.reserve(3);
        request.headers.emplace_back("Content-Type", "application/json");
        request.headers.emplace_back("Accept", "application/json");
        if (!options.key.empty()) {
            request.headers.emplace_back(key_header, options.key);
        }
        request.body = std::move(built.body); // a body is as large as its texts: never copied
        return request;
    }

    /// The versions `automatic` may settle on: those that have every option asked for.
    std::vector<api_version> automatic_candidates() const {
        std::vector<api_version> versions;
        for (const api_version version : automatic_fallback_order()) {
            try {
                detail::check_parameters(parameters_from(options, version));
                versions.push_back(version);
            } catch (const usage_error&) {
                // This version lacks an option asked for: sending without it would quietly
                // ignore the request (opinion mining missing, the texts logged).
            }
        }
        return versions;
    }

    /// What the service would refuse is refused here, without a round trip and without holding
    /// back the other documents: `results` gets the ids and those errors, `pending` the rest.
    static void validate(const std::vector<document>& documents, std::vector<result>& results,
                         std::vector<std::size_t>& pending) {
        results.resize(documents.size());
        pending.reserve(documents.size());
        for (std::size_t i = 0; i < documents.size(); ++i) {
            results[i].id = documents[i].id;
            const std::string& text = documents[i].text;
            const detail::text_measure measure =
                detail::measure_text(text, detail::max_text_elements);
            if (!measure.valid_utf8) {
                results[i].error = invalid_document("Document text is not valid UTF-8.");
            } else if (detail::is_blank(text)) {
                results[i].error = invalid_document("Document text is empty.");
            } else if (measure.elements > detail::max_text_elements) {
                results[i].error = invalid_document(
                    "A document within the request was too large to be processed. Limit "
                    "document size to: " +
                    std::to_string(detail::max_text_elements) + " text elements.");
            } else {
                pending.push_back(i);
            }
        }
    }

    /// The message when every candidate API answered 404.
    api_not_found_error not_found(const std::vector<api_version>& versions,
                                  const std::vector<std::string>& tried,
                                  const http_response& last_404) const {
        std::string message = "no sentiment API answered at " + endpoint + " (";
        if (versions.size() < automatic_fallback_order().size()) {
            message += "the API versions that have the options asked for (";
            for (std::size_t i = 0; i < tried.size(); ++i) {
                message += (i > 0 ? ", " : "") + tried[i];
            }
            message += ") gave 404)";
        } else {
            message += "every API version gave 404)";
        }
        const auto service = detail::parse_service_error(last_404.body);
        return api_not_found_error(404, service ? service->code : "404", message,
                                   request_id_of(last_404), endpoint);
    }

    /// Documents per batch: what one request of the version in use may carry (before the
    /// version is settled, the smallest limit, the Language API's).
    std::size_t batch_size() const {
        const api_version version = resolved;
        return detail::max_documents(generation_of(
            version == api_version::automatic ? automatic_fallback_order().front() : version));
    }

    /// The error records of a batch that failed, when the run may go on without it.
    std::optional<document_error> batch_failure(const std::exception_ptr& failure) const {
        try {
            std::rethrow_exception(failure);
        } catch (const api_not_found_error&) {
            return std::nullopt;
        } catch (const http_error& e) {
            const int status = e.status();
            if (status == 401 || status == 403 || status == 404 ||
                (status >= 300 && status < 400)) {
                return std::nullopt; // the same for every request
            }
            std::string message = "the request failed with HTTP " + std::to_string(status);
            if (!e.service_message().empty()) {
                message += ": " + e.service_message();
            }
            return document_error{e.service_code().empty() ? std::to_string(status)
                                                           : e.service_code(),
                                  message + retried_note(options.retries)};
        } catch (const transport_error& e) {
            return document_error{e.timed_out() ? "Timeout" : "ConnectionFailed",
                                  std::string("no answer from the service: ") + e.what() +
                                      retried_note(options.retries)};
        } catch (const bad_response_error& e) {
            return document_error{"InvalidResponse",
                                  std::string("the service's answer could not be read: ") +
                                      e.what()};
        } catch (...) {
            return std::nullopt;
        }
    }

    void run(const stream_source& source, const stream_sink& sink, const stream_options& stream);
    struct engine;

    void take_results(api_version version, const std::vector<document>& documents,
                      const std::vector<std::size_t>& pending, batch_range range,
                      const http_response& response, std::vector<result>& results) const {
        detail::wire_response parsed;
        try {
            parsed = detail::parse_response(version, response.body);
        } catch (const bad_response_error& e) {
            throw bad_response_error(e.what(), response.status, e.excerpt(),
                                     request_id_of(response));
        }
        const auto batch_begin = pending.begin() + static_cast<std::ptrdiff_t>(range.first);
        const auto batch_end = pending.begin() + static_cast<std::ptrdiff_t>(range.end);
        std::vector<bool> filled(range.end - range.first, false);
        for (result& r : parsed.results) {
            // An id this client sent is wire_id's decimal: digits, the first not 0 ("01" is not
            // "1"), fewer than 19.
            const auto& id = r.id;
            std::size_t position = 0;
            bool canonical = !id.empty() && id.size() < 19 && id.front() != '0';
            for (const char c : id) {
                canonical = canonical && c >= '0' && c <= '9';
                position = position * 10 + static_cast<std::size_t>(c - '0');
            }
            if (!canonical) {
                continue;
            }
            // pending is ascending, so the batch's slice is too.
            const auto slot = std::lower_bound(batch_begin, batch_end, position - 1);
            if (slot == batch_end || *slot != position - 1) {
                continue;
            }
            const auto k = static_cast<std::size_t>(slot - batch_begin);
            if (filled[k]) {
                continue; // the first answer for a document stands
            }
            filled[k] = true;
            r.id = documents[*slot].id;
            if (r.model_version.empty()) {
                r.model_version = parsed.model_version;
            }
            results[*slot] = std::move(r);
        }
        for (std::size_t k = 0; k < filled.size(); ++k) {
            if (!filled[k]) {
                results[pending[range.first + k]].error = document_error{
                    "MissingResult", "the service's answer had no result for this document"};
            }
        }
    }
};

/// The batches of one run as state machines, all on the caller's thread: each request goes
/// through the gate, out on the async transport, and back, retried on a timer when it failed;
/// one wait on the transport for whatever answers are ready.
struct client::impl::engine final : detail::batch_engine {
    struct job;
    struct request_state {
        std::uint64_t tag = 0;
        job* owner = nullptr;
        batch_range range;
        api_version version = api_version::automatic;
        http_request request;
        int attempt = 0;
        clock::time_point not_before{};
        detail::request_gate::ticket ticket{};
        std::chrono::steady_clock::time_point sent{};
        bool out = false; ///< on the transport, holding a place in the gate
    };
    /// A batch: its documents go out in one request or more, one after another.
    struct job {
        std::uint64_t tag = 0;
        std::vector<document> documents;
        std::vector<result> results;
        std::vector<std::size_t> pending;
        std::size_t next = 0; ///< pending[next] starts the next request
        // While it finds the API version for `automatic`:
        bool settling = false;
        std::vector<api_version> candidates;
        std::size_t candidate = 0;
        std::vector<std::string> tried;
        http_response last_404;
    };

    engine(impl& client, async_transport& transport)
        : c(client), http(transport), real_time(client.time.get() == steady_clock().get()) {}

    ~engine() override {
        release_settling();
        // A run that stopped early: what is still out is dropped, and gives its place back.
        http.cancel();
        for (auto& [tag, r] : requests) {
            if (r->out) {
                c.gate.leave(r->ticket, detail::request_gate::outcome::failed);
            }
        }
    }
    engine(const engine&) = delete;
    engine& operator=(const engine&) = delete;

    void start(std::uint64_t tag, std::vector<document> documents) override {
        auto owned = std::make_unique<job>();
        job& j = *owned;
        j.tag = tag;
        j.documents = std::move(documents);
        validate(j.documents, j.results, j.pending);
        jobs.emplace(tag, std::move(owned));
        advance(j);
    }

    void wake() override { http.wake(); }

    void wait(std::vector<done_batch>& done, std::optional<clock::time_point> until) override {
        // The caller's time, on the steady clock; a test's clock moves only when it is slept
        // on, and is not slept on for it.
        const clock::time_point caller_until =
            real_time && until ? *until : clock::time_point::max();
        for (;;) {
            if (!waiting_for_version.empty() && settler == nullptr) {
                wait_for_other_call();
            }
            const clock::time_point gate_time = admit();
            if (!finished.empty()) {
                for (done_batch& d : finished) {
                    done.push_back(std::move(d));
                }
                finished.clear();
                return;
            }
            if (caller_until != clock::time_point::max() && c.time->now() >= caller_until) {
                return;
            }
            clock::time_point deadline = std::min(caller_until, gate_time);
            for (const request_state* r : timers) {
                deadline = std::min(deadline, r->not_before);
            }
            const bool timed = deadline != clock::time_point::max();
            if (in_flight > 0 || (timed && real_time)) {
                auto timeout = std::chrono::milliseconds(1000);
                if (timed) {
                    timeout = std::clamp(
                        std::chrono::ceil<std::chrono::milliseconds>(deadline - c.time->now()),
                        std::chrono::milliseconds(0), timeout);
                }
                completions.clear();
                http.wait(timeout, completions);
                for (async_transport::completion& x : completions) {
                    on_completion(x);
                }
                if (completions.empty() && (!timed || c.time->now() < deadline)) {
                    return; // woken (new batches may start) or a while has passed
                }
                continue;
            }
            if (timed) {
                c.time->sleep_until(deadline); // a test's clock: moves on when all wait
                continue;
            }
            if (!ready.empty()) {
                c.gate.wait_for_room(); // another call's requests hold every place
                continue;
            }
            return;
        }
    }

  private:
    /// Starts what the gate lets through, retries that are due first. Returns when to ask the
    /// gate again (max: after an answer, or nothing waits).
    clock::time_point admit() {
        if (!timers.empty()) {
            const clock::time_point now = c.time->now();
            std::vector<request_state*> due;
            for (auto it = timers.begin(); it != timers.end();) {
                if ((*it)->not_before <= now) {
                    due.push_back(*it);
                    it = timers.erase(it);
                } else {
                    ++it;
                }
            }
            ready.insert(ready.begin(), due.begin(), due.end());
        }
        clock::time_point not_before = clock::time_point::max();
        while (!ready.empty()) {
            const std::optional<detail::request_gate::ticket> ticket = c.gate.try_enter(not_before);
            if (!ticket) {
                return not_before;
            }
            request_state& r = *ready.front();
            ready.pop_front();
            r.ticket = *ticket;
            c.log_request(r.request);
            r.sent = std::chrono::steady_clock::now();
            try {
                http.start(r.request, r.tag);
                r.out = true;
                ++in_flight;
            } catch (...) {
                c.gate.leave(r.ticket, detail::request_gate::outcome::failed);
                job& j = *r.owner;
                requests.erase(r.tag);
                finish(j, std::current_exception());
            }
        }
        return clock::time_point::max();
    }

    void advance(job& j) {
        try {
            if (c.resolved == api_version::automatic) {
                if (j.next >= j.pending.size()) {
                    finish(j, nullptr);
                    return;
                }
                if (settler != nullptr && settler != &j) {
                    waiting_for_version.push_back(&j); // one batch finds it, the rest wait
                    return;
                }
                if (settler == nullptr) {
                    const claim got = claim_settling();
                    if (got == claim::settled) {
                        advance(j);
                        return;
                    }
                    if (got == claim::busy) {
                        waiting_for_version.push_back(&j); // another call finds it
                        return;
                    }
                    settler = &j;
                    j.settling = true;
                    j.candidates = c.automatic_candidates();
                    j.candidate = 0;
                }
                try_candidate(j);
                return;
            }
            const api_version version = c.resolved;
            while (j.next < j.pending.size()) {
                const batch_range range =
                    c.next_batch(j.documents, j.pending, j.next, generation_of(version), j.results);
                j.next = range.end;
                if (range.first < range.end) {
                    send(j, version, range);
                    return;
                }
            }
            finish(j, nullptr);
        } catch (...) {
            finish(j, std::current_exception());
        }
    }

    /// `automatic`: the job's first documents to the next candidate version.
    void try_candidate(job& j) {
        if (j.candidate >= j.candidates.size()) {
            throw c.not_found(j.candidates, j.tried, j.last_404);
        }
        const api_version version = j.candidates[j.candidate];
        const batch_range range =
            c.next_batch(j.documents, j.pending, 0, generation_of(version), j.results);
        if (range.first == range.end) {
            j.next = range.end; // nothing left that can be sent
            finish(j, nullptr);
            return;
        }
        send(j, version, range);
    }

    void send(job& j, api_version version, batch_range range) {
        auto owned = std::make_unique<request_state>();
        request_state& r = *owned;
        r.tag = ++last_request;
        r.owner = &j;
        r.range = range;
        r.version = version;
        r.request = c.request_for(version, j.documents, j.pending, range);
        requests.emplace(r.tag, std::move(owned));
        ready.push_back(&r);
    }

    void on_completion(async_transport::completion& x) {
        const auto found = requests.find(x.tag);
        if (found == requests.end()) {
            return;
        }
        std::unique_ptr<request_state> r = std::move(found->second);
        requests.erase(found);
        r->out = false;
        --in_flight;
        job& j = *r->owner;
        try {
            if (x.failure) {
                c.gate.leave(r->ticket, detail::request_gate::outcome::failed);
                try {
                    std::rethrow_exception(x.failure);
                } catch (const transport_error& e) {
                    if (r->attempt >= c.retry.max_retries()) {
                        throw;
                    }
                    retry_later(std::move(r), e.what(), std::nullopt);
                    return;
                }
            }
            http_response& response = x.response;
            c.log_response(response, std::chrono::steady_clock::now() - r->sent);
            const bool throttled = response.status == 429;
            std::optional<std::chrono::milliseconds> server_delay;
            if (throttled || detail::is_retryable_status(response.status)) {
                server_delay =
                    detail::server_retry_delay(response, std::chrono::system_clock::now());
            }
            c.gate.leave(r->ticket,
                         throttled ? detail::request_gate::outcome::throttled
                                   : detail::request_gate::outcome::answered,
                         server_delay);
            const bool success = response.status >= 200 && response.status < 300;
            if (success || response.status == 404) {
                on_answer(*r, response);
                return;
            }
            if (!detail::is_retryable_status(response.status) ||
                r->attempt >= c.retry.max_retries()) {
                throw_http_error(response, r->request.url);
            }
            if (server_delay && *server_delay > detail::longest_server_delay) {
                // Waiting less than asked would only earn another refusal; waiting that long
                // is not what anyone running a command wants.
                throw_http_error(response, r->request.url);
            }
            std::string reason = "HTTP " + std::to_string(response.status);
            if (throttled) {
                const int limit = c.gate.limit();
                reason += "; " + std::to_string(limit) + (limit == 1 ? " request" : " requests") +
                          " in flight at most now";
            }
            retry_later(std::move(r), reason, server_delay);
        } catch (...) {
            finish(j, std::current_exception());
        }
    }

    void retry_later(std::unique_ptr<request_state> r, const std::string& reason,
                     std::optional<std::chrono::milliseconds> server_delay) {
        std::chrono::milliseconds wait{};
        {
            const std::lock_guard lock(c.retry_mutex);
            wait = c.retry.delay(r->attempt + 1, server_delay);
        }
        c.log("retrying in " + std::to_string(wait.count()) + " ms (" + reason + "), retry " +
              std::to_string(r->attempt + 1) + " of " + std::to_string(c.retry.max_retries()));
        ++r->attempt;
        if (c.sleeps_each_wait) {
            // A sleep function's contract: each retry's wait is one call, a wait of 0 too,
            // however the other requests are doing.
            c.time->sleep_for(wait);
            r->not_before = c.time->now();
        } else {
            r->not_before = c.time->now() + wait;
        }
        timers.push_back(r.get());
        requests.emplace(r->tag, std::move(r));
    }

    /// A 2xx or a 404.
    void on_answer(const request_state& r, http_response& response) {
        job& j = *r.owner;
        if (j.settling) {
            if (response.status == 404) {
                c.log("API " + std::string(to_string(r.version)) +
                      " answered 404; trying the next");
                j.tried.emplace_back(to_string(r.version));
                j.last_404 = std::move(response);
                ++j.candidate;
                try_candidate(j);
                return;
            }
            c.take_results(r.version, j.documents, j.pending, r.range, response, j.results);
            // Only an answer that could be read settles the version.
            c.resolved = r.version;
            c.log("using API " + std::string(to_string(r.version)));
            j.settling = false;
            j.next = r.range.end;
            settler = nullptr;
            release_settling();
            release_waiting();
            advance(j);
            return;
        }
        if (response.status == 404) {
            throw_http_error(response, r.request.url);
        }
        c.take_results(r.version, j.documents, j.pending, r.range, response, j.results);
        advance(j);
    }

    /// The jobs that waited for the version: all of them once it is found; the next one to
    /// find it when the one that tried is over without.
    void release_waiting() {
        if (settler != nullptr && c.resolved == api_version::automatic) {
            return;
        }
        // Each goes on, finds the version, or waits again (for a job of this call or another
        // call that took the search first).
        std::deque<job*> waiting;
        waiting.swap(waiting_for_version);
        for (job* const next : waiting) {
            advance(*next);
        }
    }

    enum class claim { claimed, busy, settled };

    /// `automatic`: whether this call may send the requests that find the version.
    claim claim_settling() {
        const std::lock_guard lock(c.settle_mutex);
        if (c.resolved != api_version::automatic) {
            return claim::settled;
        }
        if (c.settling_call == nullptr || c.settling_call == this) {
            c.settling_call = this;
            return claim::claimed;
        }
        if (!said_waiting) {
            said_waiting = true;
            c.log("another call is finding the API version; waiting for it");
        }
        return claim::busy;
    }

    void release_settling() {
        {
            const std::lock_guard lock(c.settle_mutex);
            if (c.settling_call != this) {
                return;
            }
            c.settling_call = nullptr;
        }
        c.settled.notify_all();
    }

    /// With only jobs waiting for another call to find the version: waits a while for it.
    void wait_for_other_call() {
        {
            std::unique_lock lock(c.settle_mutex);
            if (in_flight == 0 && timers.empty() && ready.empty() && finished.empty()) {
                // Not for ever: the run may have to stop (the reader failed, an interruption).
                c.settled.wait_for(lock, std::chrono::milliseconds(100), [this] {
                    return c.settling_call == nullptr || c.resolved != api_version::automatic;
                });
            }
        }
        release_waiting();
    }

    void finish(job& j, std::exception_ptr failure) {
        done_batch d;
        d.tag = j.tag;
        d.documents = std::move(j.documents);
        if (failure) {
            d.failure = std::move(failure);
        } else {
            d.results = std::move(j.results);
        }
        finished.push_back(std::move(d));
        const bool was_settler = settler == &j;
        jobs.erase(j.tag); // j is gone
        if (was_settler) {
            settler = nullptr;
            release_settling();
            release_waiting();
        }
    }

    impl& c;
    async_transport& http;
    const bool real_time; ///< the steady clock: timed waits can be woken
    std::unordered_map<std::uint64_t, std::unique_ptr<job>> jobs;
    std::unordered_map<std::uint64_t, std::unique_ptr<request_state>> requests;
    std::uint64_t last_request = 0;
    std::deque<request_state*> ready;   // to start, in order
    std::vector<request_state*> timers; // retries waiting for their time
    std::size_t in_flight = 0;
    job* settler = nullptr; // finding the version for `automatic`
    std::deque<job*> waiting_for_version;
    bool said_waiting = false;
    std::vector<done_batch> finished;
    std::vector<async_transport::completion> completions;
};

void client::impl::run(const stream_source& source, const stream_sink& sink,
                       const stream_options& stream) {
    std::unique_ptr<async_transport> http = transports.borrow();
    {
        engine e(*this, *http);
        detail::batch_engine_settings settings;
        settings.batch_size = [this] { return batch_size(); };
        settings.concurrency = static_cast<std::size_t>(options.concurrency);
        settings.engine = &e;
        settings.time = time.get();
        settings.batch_failure = [this](const std::exception_ptr& failure) {
            return batch_failure(failure);
        };
        settings.options = stream;
        // On a throw, the engine drops what is still out (its destructor) and the transport
        // goes with it.
        detail::run_batch_engine(settings, source, sink);
    }
    transports.give_back(std::move(http));
}

client::client(client_options options, std::shared_ptr<transport> http)
    : client(std::move(options), std::move(http), std::shared_ptr<clock>()) {}

client::client(client_options options, std::shared_ptr<transport> http, sleep_function sleep)
    : client(std::move(options), std::move(http), clock_from(std::move(sleep))) {}

client::client(client_options options, std::shared_ptr<transport> http, std::shared_ptr<clock> time)
    : impl_(std::make_unique<impl>(std::move(options), std::move(http), std::move(time))) {}

client::~client() = default;

std::vector<result> client::analyze(const std::vector<document>& documents) {
    std::vector<result> results;
    results.reserve(documents.size());
    std::size_t next = 0;
    const stream_source source = [&](std::vector<stream_entry>& out, std::size_t max) {
        for (; next < documents.size() && out.size() < max; ++next) {
            out.push_back({documents[next], std::nullopt});
        }
        return next < documents.size();
    };
    const stream_sink sink = [&results](document&&, result&& r) {
        results.push_back(std::move(r));
    };
    impl_->run(source, sink, stream_options{});
    return results;
}

void client::analyze_stream(const stream_source& source, const stream_sink& sink,
                            const stream_options& options) {
    impl_->run(source, sink, options);
}

std::string client::description() const {
    std::string text = "Azure AI Language at " + impl_->endpoint;
    if (impl_->resolved != api_version::automatic) {
        text += " (API " + std::string(to_string(impl_->resolved)) + ")";
    }
    return text;
}

api_version client::resolved_api() const noexcept {
    return impl_->resolved;
}

const client_options& client::options() const noexcept {
    return impl_->options;
}

} // namespace ta
