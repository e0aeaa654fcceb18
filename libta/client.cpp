#include <ta/client.hpp>

#include <algorithm>
#include <cctype>
#include <thread>
#include <utility>

#include <ta/error.hpp>

#include "detail/batcher.hpp"
#include "detail/endpoint.hpp"
#include "detail/limits.hpp"
#include "detail/retry_policy.hpp"
#include "detail/text_elements.hpp"
#include "detail/wire.hpp"

namespace ta {
namespace {

constexpr std::string_view key_header = "Ocp-Apim-Subscription-Key";
// Bodies longer than this are cut in --verbose output: the point is to see the shape.
constexpr std::size_t logged_body_bytes = 4096;

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) ==
               std::tolower(static_cast<unsigned char>(y));
    });
}

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
    if (equals_ignoring_case(name, "TextElement") || equals_ignoring_case(name, "TextElement_v8") ||
        equals_ignoring_case(name, "TextElements_v8")) {
        return string_index_type::text_element;
    }
    if (equals_ignoring_case(name, "UnicodeCodePoint")) {
        return string_index_type::unicode_code_point;
    }
    if (equals_ignoring_case(name, "Utf16CodeUnit")) {
        return string_index_type::utf16_code_unit;
    }
    return std::nullopt;
}

struct client::impl {
    client_options options;
    std::string endpoint;
    std::shared_ptr<transport> http;
    sleep_function sleep;
    detail::retry_policy retry;
    api_version resolved;

    impl(client_options o, std::shared_ptr<transport> t, sleep_function s)
        : options(std::move(o)), endpoint(detail::normalize_endpoint(options.endpoint)),
          http(std::move(t)), sleep(std::move(s)),
          retry(detail::retry_policy::settings{std::max(0, options.retries)}),
          resolved(options.api) {
        check_key(options.key);
        if (options.retries < 0) {
            throw usage_error("the number of retries cannot be negative");
        }
        if (options.api != api_version::automatic) {
            detail::check_parameters(parameters_from(options, options.api));
        }
        if (!http) {
            curl_transport_options transport_options;
            transport_options.connect_timeout = options.connect_timeout;
            transport_options.timeout = options.timeout;
            transport_options.ca_file = options.ca_file;
            http = make_curl_transport(transport_options);
        }
        if (!sleep) {
            sleep = [](std::chrono::milliseconds ms) { std::this_thread::sleep_for(ms); };
        }
    }

    void log(const std::string& line) const {
        if (options.log) {
            options.log(line);
        }
    }

    void log_request(const http_request& request) const {
        if (!options.log) {
            return;
        }
        std::string text = "> " + request.method + " " + request.url + "\n";
        for (const auto& [name, value] : request.headers) {
            const bool secret = equals_ignoring_case(name, key_header);
            text += "> " + name + ": " + (secret ? std::string("[redacted]") : value) + "\n";
        }
        text += body_for_log(request.body);
        options.log(text);
    }

    void log_response(const http_response& response,
                      std::chrono::steady_clock::duration took) const {
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
        options.log(text);
    }

    static std::string body_for_log(const std::string& body) {
        if (body.size() <= logged_body_bytes) {
            return body;
        }
        return detail::excerpt(body, logged_body_bytes) + " [" + std::to_string(body.size()) +
               " bytes in all]";
    }

    [[noreturn]] void throw_http_error(const http_response& response,
                                       const std::string& url) const {
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
        for (int attempt = 0;; ++attempt) {
            std::optional<std::chrono::milliseconds> server_delay;
            std::string reason;
            try {
                log_request(request);
                const auto started = std::chrono::steady_clock::now();
                http_response response = http->send(request);
                log_response(response, std::chrono::steady_clock::now() - started);
                if (!detail::is_retryable_status(response.status) ||
                    attempt >= retry.max_retries()) {
                    if ((response.status >= 200 && response.status < 300) ||
                        response.status == 404) {
                        return response;
                    }
                    throw_http_error(response, request.url);
                }
                server_delay =
                    detail::server_retry_delay(response, std::chrono::system_clock::now());
                reason = "HTTP " + std::to_string(response.status);
            } catch (const transport_error& e) {
                if (attempt >= retry.max_retries()) {
                    throw;
                }
                reason = e.what();
            }
            const auto wait = retry.delay(attempt + 1, server_delay);
            log("retrying in " + std::to_string(wait.count()) + " ms (" + reason + "), retry " +
                std::to_string(attempt + 1) + " of " + std::to_string(retry.max_retries()));
            sleep(wait);
        }
    }

    http_request make_request(const detail::wire_request& wire) const {
        http_request request;
        request.url = endpoint + wire.target;
        request.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
        if (!options.key.empty()) {
            request.headers.emplace_back(key_header, options.key);
        }
        request.body = wire.body;
        return request;
    }

    /// Candidates in order: the resolved version, or the automatic fallbacks.
    std::vector<api_version> candidates() const {
        if (resolved != api_version::automatic) {
            return {resolved};
        }
        return automatic_fallback_order();
    }

    /// Sends documents[indices[first..]] in batches; fills `results`.
    void score(const std::vector<document>& documents, const std::vector<std::size_t>& pending,
               std::vector<result>& results) {
        std::size_t next = 0;
        while (next < pending.size()) {
            const auto versions = candidates();
            bool answered = false;
            http_response last_404;
            std::string last_url;
            for (const api_version version : versions) {
                const auto generation = generation_of(version);
                // Gather the batch for this generation's limits.
                detail::batcher batch(detail::max_documents(generation), detail::max_request_bytes);
                std::vector<detail::wire_document> wire;
                std::size_t end = next;
                while (end < pending.size()) {
                    const std::size_t index = pending[end];
                    const document& doc = documents[index];
                    const std::string& language =
                        doc.language.empty() ? options.default_language : doc.language;
                    const std::string wire_id = std::to_string(index + 1);
                    const std::size_t bytes = detail::wire_size(wire_id, doc.text, language);
                    if (batch.too_large(bytes)) {
                        if (batch.count() == 0) {
                            results[index].error = invalid_document(
                                "the document is too large for one request (" +
                                std::to_string(bytes) + " bytes; a request may have at most " +
                                std::to_string(detail::max_request_bytes) + ")");
                            ++end;
                            ++next;
                            continue;
                        }
                        break;
                    }
                    if (!batch.fits(bytes)) {
                        break;
                    }
                    batch.add(bytes);
                    wire.push_back({wire_id, doc.text, language});
                    ++end;
                }
                if (wire.empty()) {
                    answered = true;
                    break;
                }
                auto parameters = parameters_from(options, version);
                if (options.api == api_version::automatic) {
                    parameters = detail::supported_parameters(parameters);
                }
                const http_request request = make_request(detail::build_request(parameters, wire));
                http_response response = send(request);
                if (response.status == 404) {
                    if (options.api != api_version::automatic) {
                        throw_http_error(response, request.url);
                    }
                    log("API " + std::string(to_string(version)) +
                        " answered 404; trying the next");
                    last_404 = std::move(response);
                    last_url = request.url;
                    continue;
                }
                if (resolved == api_version::automatic) {
                    resolved = version;
                    log("using API " + std::string(to_string(version)));
                }
                take_results(documents, pending, next, end, response, results);
                next = end;
                answered = true;
                break;
            }
            if (!answered) {
                const auto service = detail::parse_service_error(last_404.body);
                throw api_not_found_error(404, service ? service->code : "404",
                                          "no sentiment API answered at " + endpoint +
                                              " (every API version gave 404)",
                                          request_id_of(last_404), endpoint);
            }
        }
    }

    void take_results(const std::vector<document>& documents,
                      const std::vector<std::size_t>& pending, std::size_t first, std::size_t end,
                      const http_response& response, std::vector<result>& results) const {
        detail::wire_response parsed;
        try {
            parsed = detail::parse_response(resolved, response.body);
        } catch (const bad_response_error& e) {
            throw bad_response_error(e.what(), response.status, e.excerpt(),
                                     request_id_of(response));
        }
        std::vector<bool> filled(end - first, false);
        for (result& r : parsed.results) {
            // The wire id is the document's position + 1: unique within the call, whatever
            // ids the caller chose, and the way back to it even when the answer is out of order.
            std::size_t position = 0;
            const auto& id = r.id;
            const bool numeric = !id.empty() && id.size() < 19 &&
                                 std::all_of(id.begin(), id.end(),
                                             [](unsigned char c) { return std::isdigit(c) != 0; });
            if (!numeric || (position = std::stoull(id)) == 0) {
                continue;
            }
            // pending is ascending, so the batch's slice is too.
            const auto batch_end = pending.begin() + static_cast<std::ptrdiff_t>(end);
            const auto slot = std::lower_bound(pending.begin() + static_cast<std::ptrdiff_t>(first),
                                               batch_end, position - 1);
            if (slot == batch_end || *slot != position - 1) {
                continue;
            }
            const auto k = static_cast<std::size_t>(slot - pending.begin()) - first;
            if (filled[k] || results[*slot].error) {
                continue;
            }
            filled[k] = true;
            r.id = documents[*slot].id;
            if (r.model_version.empty()) {
                r.model_version = parsed.model_version;
            }
            results[*slot] = std::move(r);
        }
        for (std::size_t k = 0; k < filled.size(); ++k) {
            const std::size_t index = pending[first + k];
            if (!filled[k] && !results[index].error) {
                results[index].error = document_error{
                    "MissingResult", "the service's answer had no result for this document"};
            }
        }
    }
};

client::client(client_options options, std::shared_ptr<transport> http, sleep_function sleep)
    : impl_(std::make_unique<impl>(std::move(options), std::move(http), std::move(sleep))) {}

client::~client() = default;

std::vector<result> client::analyze(const std::vector<document>& documents) {
    std::vector<result> results(documents.size());
    std::vector<std::size_t> pending;
    pending.reserve(documents.size());
    for (std::size_t i = 0; i < documents.size(); ++i) {
        results[i].id = documents[i].id;
        const std::string& text = documents[i].text;
        // What the service would refuse is refused here, without a round trip, and without
        // holding back the other documents.
        if (!detail::is_valid_utf8(text)) {
            results[i].error = invalid_document("Document text is not valid UTF-8.");
        } else if (detail::is_blank(text)) {
            results[i].error = invalid_document("Document text is empty.");
        } else if (const auto elements =
                       detail::count_text_elements(text, detail::max_text_elements);
                   elements > detail::max_text_elements) {
            results[i].error = invalid_document(
                "A document within the request was too large to be processed. Limit document "
                "size to: " +
                std::to_string(detail::max_text_elements) + " text elements.");
        } else {
            pending.push_back(i);
        }
    }
    impl_->score(documents, pending, results);
    return results;
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
