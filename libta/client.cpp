#include <ta/client.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <exception>
#include <mutex>
#include <optional>
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
// More connections than this would only trip the service's rate limits.
constexpr int max_concurrency = 64;
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

/// Lends transports to the workers: one each, so that each keeps its connection; or the
/// caller's one transport to all.
class transport_pool {
  public:
    transport_pool(std::shared_ptr<transport> given, curl_transport_options options)
        : given_(std::move(given)), options_(std::move(options)) {}

    std::shared_ptr<transport> borrow() {
        if (given_) {
            return given_;
        }
        {
            const std::lock_guard lock(mutex_);
            if (!idle_.empty()) {
                std::shared_ptr<transport> t = std::move(idle_.back());
                idle_.pop_back();
                return t;
            }
        }
        return make_curl_transport(options_);
    }

    void give_back(std::shared_ptr<transport> t) {
        if (!given_) {
            const std::lock_guard lock(mutex_);
            idle_.push_back(std::move(t));
        }
    }

  private:
    std::shared_ptr<transport> given_;
    curl_transport_options options_;
    std::mutex mutex_;
    std::vector<std::shared_ptr<transport>> idle_;
};

/// A transport borrowed for the length of a scope.
class borrowed_transport {
  public:
    explicit borrowed_transport(transport_pool& pool) : pool_(pool), transport_(pool.borrow()) {}
    ~borrowed_transport() { pool_.give_back(std::move(transport_)); }
    borrowed_transport(const borrowed_transport&) = delete;
    borrowed_transport& operator=(const borrowed_transport&) = delete;
    transport& operator*() const { return *transport_; }

  private:
    transport_pool& pool_;
    std::shared_ptr<transport> transport_;
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
    transport_pool transports;
    std::mutex retry_mutex; // the policy's random generator is shared by the workers
    detail::retry_policy retry;
    detail::request_gate gate;
    std::mutex log_mutex;    // so that the exchanges of two workers do not interleave
    std::mutex settle_mutex; // one worker finds the API version while the others wait
    std::atomic<api_version> resolved;

    impl(client_options o, std::shared_ptr<transport> t, std::shared_ptr<clock> c)
        : options(std::move(o)), endpoint(detail::normalize_endpoint(options.endpoint)),
          time(c ? std::move(c) : steady_clock()),
          transports(std::move(t), transport_options_from(options)),
          retry(detail::retry_policy::settings{std::max(0, options.retries)}),
          gate(detail::request_gate::settings{options.concurrency, options.rate}, *time),
          resolved(options.api) {
        check_key(options.key);
        if (options.retries < 0) {
            throw usage_error("the number of retries cannot be negative");
        }
        if (options.concurrency < 1 || options.concurrency > max_concurrency) {
            throw usage_error("the concurrency must be between 1 and " +
                              std::to_string(max_concurrency) + ", not " +
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

    /// One request with retries: the 2xx or 404 answer, or an exception.
    http_response send(const http_request& request) {
        const borrowed_transport http(transports);
        for (int attempt = 0;; ++attempt) {
            std::optional<std::chrono::milliseconds> server_delay;
            std::string reason;
            const detail::request_gate::ticket ticket = gate.enter();
            try {
                log_request(request);
                const auto started = std::chrono::steady_clock::now();
                http_response response = (*http).send(request);
                log_response(response, std::chrono::steady_clock::now() - started);
                const bool throttled = response.status == 429;
                if (throttled || detail::is_retryable_status(response.status)) {
                    server_delay =
                        detail::server_retry_delay(response, std::chrono::system_clock::now());
                }
                gate.leave(ticket,
                           throttled ? detail::request_gate::outcome::throttled
                                     : detail::request_gate::outcome::answered,
                           server_delay);
                const bool success = response.status >= 200 && response.status < 300;
                if (success || response.status == 404) {
                    return response;
                }
                if (!detail::is_retryable_status(response.status) ||
                    attempt >= retry.max_retries()) {
                    throw_http_error(response, request.url);
                }
                if (server_delay && *server_delay > detail::longest_server_delay) {
                    // Waiting less than asked would only earn another refusal; waiting that
                    // long is not what anyone running a command wants.
                    throw_http_error(response, request.url);
                }
                reason = "HTTP " + std::to_string(response.status);
                if (throttled) {
                    const int limit = gate.limit();
                    reason += "; " + std::to_string(limit) +
                              (limit == 1 ? " request" : " requests") + " in flight at most now";
                }
            } catch (const transport_error& e) {
                gate.leave(ticket, detail::request_gate::outcome::failed);
                if (attempt >= retry.max_retries()) {
                    throw;
                }
                reason = e.what();
            }
            std::chrono::milliseconds wait{};
            {
                const std::lock_guard lock(retry_mutex);
                wait = retry.delay(attempt + 1, server_delay);
            }
            log("retrying in " + std::to_string(wait.count()) + " ms (" + reason + "), retry " +
                std::to_string(attempt + 1) + " of " + std::to_string(retry.max_retries()));
            time->sleep_for(wait);
        }
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
            const std::size_t bytes = detail::wire_size(wire_id(index), documents[index].text,
                                                        language_of(documents[index]));
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

    /// `automatic`, not settled yet: sends the first batch to each candidate until one answers.
    /// Returns where the next batch starts.
    std::size_t settle_version(const std::vector<document>& documents,
                               const std::vector<std::size_t>& pending,
                               std::vector<result>& results) {
        const std::vector<api_version> versions = automatic_candidates();
        http_response last_404;
        std::vector<std::string> tried;
        for (const api_version version : versions) {
            const batch_range range =
                next_batch(documents, pending, 0, generation_of(version), results);
            if (range.first == range.end) {
                return range.end; // nothing left that can be sent
            }
            const http_request request = request_for(version, documents, pending, range);
            http_response response = send(request);
            if (response.status == 404) {
                log("API " + std::string(to_string(version)) + " answered 404; trying the next");
                tried.emplace_back(to_string(version));
                last_404 = std::move(response);
                continue;
            }
            take_results(version, documents, pending, range, response, results);
            // Only an answer that could be read settles the version.
            resolved = version;
            log("using API " + std::string(to_string(version)));
            return range.end;
        }
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
        throw api_not_found_error(404, service ? service->code : "404", message,
                                  request_id_of(last_404), endpoint);
    }

    void send_batch(api_version version, const std::vector<document>& documents,
                    const std::vector<std::size_t>& pending, batch_range range,
                    std::vector<result>& results) {
        const http_request request = request_for(version, documents, pending, range);
        const http_response response = send(request);
        if (response.status == 404) {
            throw_http_error(response, request.url);
        }
        take_results(version, documents, pending, range, response, results);
    }

    /// Sends the pending documents, as many requests as the API's limits need, one after
    /// another (the stream runs batches at once). The first call of a run with `automatic`
    /// finds the version while the others wait for it.
    void score(const std::vector<document>& documents, const std::vector<std::size_t>& pending,
               std::vector<result>& results) {
        std::size_t next = 0;
        if (resolved == api_version::automatic && !pending.empty()) {
            const std::lock_guard lock(settle_mutex);
            if (resolved == api_version::automatic) {
                next = settle_version(documents, pending, results);
            }
        }
        const api_version version = resolved;
        while (next < pending.size()) {
            const batch_range range =
                next_batch(documents, pending, next, generation_of(version), results);
            if (range.first < range.end) {
                send_batch(version, documents, pending, range, results);
            }
            next = range.end;
        }
    }

    /// One batch: what the service would refuse is refused here, without a round trip and
    /// without holding back the other documents; the rest is sent.
    std::vector<result> score_batch(const std::vector<document>& documents) {
        std::vector<result> results(documents.size());
        std::vector<std::size_t> pending;
        pending.reserve(documents.size());
        for (std::size_t i = 0; i < documents.size(); ++i) {
            results[i].id = documents[i].id;
            const std::string& text = documents[i].text;
            if (!detail::is_valid_utf8(text)) {
                results[i].error = invalid_document("Document text is not valid UTF-8.");
            } else if (detail::is_blank(text)) {
                results[i].error = invalid_document("Document text is empty.");
            } else if (const auto elements =
                           detail::count_text_elements(text, detail::max_text_elements);
                       elements > detail::max_text_elements) {
                results[i].error = invalid_document(
                    "A document within the request was too large to be processed. Limit "
                    "document size to: " +
                    std::to_string(detail::max_text_elements) + " text elements.");
            } else {
                pending.push_back(i);
            }
        }
        score(documents, pending, results);
        return results;
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

    void run(const stream_source& source, const stream_sink& sink, const stream_options& stream) {
        detail::stream_driver_settings settings;
        settings.batch_size = [this] { return batch_size(); };
        settings.concurrency = static_cast<std::size_t>(options.concurrency);
        settings.score = [this](const std::vector<document>& documents) {
            return score_batch(documents);
        };
        settings.batch_failure = [this](const std::exception_ptr& failure) {
            return batch_failure(failure);
        };
        settings.options = stream;
        detail::run_stream(settings, source, sink);
    }

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
            const auto& id = r.id;
            const bool numeric = !id.empty() && id.size() < 19 &&
                                 std::all_of(id.begin(), id.end(),
                                             [](unsigned char c) { return std::isdigit(c) != 0; });
            const std::size_t position = numeric ? std::stoull(id) : 0;
            if (position == 0 || id != wire_id(position - 1)) {
                continue; // not an id this client sent ("01" is not "1")
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
