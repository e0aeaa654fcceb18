#include "messages.hpp"

#include <algorithm>
#include <string>
#include <string_view>

#include <ta/error.hpp>

#include "errors.hpp"
#include "one_line.hpp"

namespace ta::cli {
namespace {

constexpr std::string_view usage_hint = "Run 'ta --help' for usage.";

/// "https://host:port" of a URL: what a person recognises as "the service".
std::string origin_of(std::string_view url) {
    const auto scheme_end = url.find("://");
    const auto host_begin = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
    const auto host_end = url.find_first_of("/?#", host_begin);
    return std::string(url.substr(0, host_end));
}

/// The service's own words and the request id, one per indented line, when there are any.
std::string details(std::string_view service_message, std::string_view request_id) {
    std::string text;
    // The service's words could hold line breaks or a terminal's escape sequences.
    if (!service_message.empty()) {
        text += "\n  the service said: ";
        text += one_line(service_message);
    }
    if (!request_id.empty()) {
        text += "\n  request id: ";
        text += one_line(request_id);
    }
    return text;
}

/// "1 retry", "3 retries".
std::string retry_count(int retries) {
    return std::to_string(retries) + (retries == 1 ? " retry" : " retries");
}

/// " and still did after 3 retries", or, with --retries 0, "; it was not retried (--retries 0)".
std::string after_retries(int retries, std::string_view verb) {
    if (retries <= 0) {
        return "; it was not retried (--retries 0)";
    }
    return " and still " + std::string(verb) + " after " + retry_count(retries);
}

std::string status_and_code(const ta::http_error& e) {
    std::string text = "HTTP " + std::to_string(e.status());
    // Gateway errors repeat the status as their code ("401"): no news.
    if (!e.service_code().empty() && e.service_code() != std::to_string(e.status())) {
        text += " " + e.service_code();
    }
    return text;
}

/// The endpoint a redirect points at: the absolute URL `target` without the API's path that
/// the request had (".../language/:analyze-text?api-version=...", ".../text/analytics/v3.1/
/// sentiment"), when it ends with it; empty otherwise.
std::string endpoint_in_redirect(std::string_view request_url, std::string_view target) {
    if (!target.starts_with("http://") && !target.starts_with("https://")) {
        return {}; // a relative Location: the origin would be a guess
    }
    std::size_t api = std::string_view::npos;
    for (const std::string_view root : {"/language/:analyze-text", "/text/analytics/v"}) {
        if (const auto at = request_url.rfind(root); at != std::string_view::npos) {
            api = at;
        }
    }
    if (api == std::string_view::npos) {
        return {};
    }
    // The query may differ (or be gone): compare the paths.
    std::string_view path = request_url.substr(api);
    path = path.substr(0, path.find('?'));
    std::string_view target_path = target.substr(0, target.find('?'));
    if (!target_path.ends_with(path)) {
        return {};
    }
    target_path.remove_suffix(path.size());
    if (target_path.find("://") + 3 >= target_path.size()) {
        return {}; // no host left
    }
    return std::string(target_path);
}

std::string redirect_message(const ta::http_error& e) {
    // The client says where the redirect goes, when the answer said.
    std::string target;
    constexpr std::string_view marker = "redirects to ";
    const std::string& said = e.service_message();
    if (const auto at = said.find(marker); at != std::string::npos) {
        const auto begin = at + marker.size();
        target = said.substr(begin, said.find(';', begin) - begin);
    }
    std::string advice = "use the final URL as --endpoint / TA_ENDPOINT";
    if (const std::string endpoint = endpoint_in_redirect(e.url(), target); !endpoint.empty()) {
        advice = "use " + one_line(endpoint) + " as --endpoint / TA_ENDPOINT";
    }
    return "ta: the endpoint answered with a redirect (HTTP " + std::to_string(e.status()) + ")" +
           (target.empty() ? std::string() : " to " + one_line(target)) +
           ": ta does not follow redirects, since the key would go along; " + advice +
           details({}, e.request_id());
}

std::string http_message(const ta::http_error& e, const failure_context& context) {
    const int status = e.status();
    if (status >= 300 && status < 400) {
        return redirect_message(e);
    }
    if (e.is_quota_exhausted()) {
        return "ta: the free tier's (F0) monthly call quota is used up (HTTP 403): wait until it "
               "renews, or switch the resource to a paid tier" +
               details(e.service_message(), e.request_id());
    }
    if ((status == 401 || status == 403) && !context.key_given) {
        return "ta: access denied (HTTP " + std::to_string(status) +
               "): no key was given; set TA_KEY (or use --key-file) to the key of the resource "
               "(Keys and Endpoint in the Azure portal)" +
               details(e.service_message(), e.request_id());
    }
    if (status == 401 || status == 403) {
        return "ta: access denied (HTTP " + std::to_string(status) +
               "): check the key (TA_KEY or --key-file) and that the endpoint is the resource's "
               "own" +
               details(e.service_message(), e.request_id());
    }
    if (status == 404) {
        return "ta: not found (HTTP 404) at " + e.url() +
               ": check the endpoint URL, and --api (--api auto tries every version)" +
               details(e.service_message(), e.request_id());
    }
    if (status == 429) {
        return "ta: the service is throttling requests (HTTP 429)" +
               after_retries(context.retries, "was") + ": try again later, or raise --retries" +
               details(e.service_message(), e.request_id());
    }
    if (status == 408 || status >= 500) {
        return "ta: the service failed (" + status_and_code(e) + ")" +
               after_retries(context.retries, "did") + ": try again later, or raise --retries" +
               details(e.service_message(), e.request_id());
    }
    return "ta: the service refused the request (" + status_and_code(e) + ") at " + e.url() +
           details(e.service_message(), e.request_id());
}

std::string transport_message(const ta::transport_error& e, const failure_context& context) {
    const std::string host = origin_of(e.url());
    // The run waited through the retries before it failed: say so, or the wait is a mystery.
    const std::string retried = context.retries > 0 ? ", also after " + retry_count(context.retries)
                                                    : " (not retried: --retries 0)";
    if (e.timed_out()) {
        return "ta: no answer from " + host + " in time" + retried + " (" + e.what() +
               "); raise --timeout, or check --endpoint / TA_ENDPOINT and that the service (or "
               "the container) is running";
    }
    const std::string_view what = e.what();
    if (what.starts_with("TLS problem with ")) {
        // A certificate that does not verify: a private CA, or someone in between.
        return "ta: cannot reach " + host + retried + ": " + e.what() +
               "; ta always verifies the certificate: if the endpoint's is from a private CA, "
               "trust that CA with --cacert PATH, and check that --endpoint / TA_ENDPOINT names "
               "the right host";
    }
    return "ta: cannot reach " + host + retried + ": " + e.what() +
           "; check --endpoint / TA_ENDPOINT and that the service (or the container) is running";
}

std::string bad_response_message(const ta::bad_response_error& e) {
    std::string text = "ta: the service's answer could not be read: " + std::string(e.what()) +
                       " (HTTP " + std::to_string(e.status()) + ")";
    if (!e.excerpt().empty()) {
        text += ": " + one_line(e.excerpt());
    }
    return text + details({}, e.request_id());
}

std::string no_endpoint_message() {
    return "ta: --engine remote needs the Azure AI Language service, and no endpoint is "
           "configured.\n"
           "  An Azure resource:   export "
           "TA_ENDPOINT=https://<resource>.cognitiveservices.azure.com\n"
           "                       export TA_KEY=<key>   (or --key-file PATH)\n"
           "  The container:       --endpoint http://localhost:5000   (no key needed)\n"
           "  --endpoint URL works instead of TA_ENDPOINT; AZURE_LANGUAGE_ENDPOINT and "
           "AZURE_LANGUAGE_KEY work too.\n"
           "  Without --engine remote, ta scores with its built-in engine when no endpoint is "
           "configured.";
}

} // namespace

failure describe_failure(const std::exception& error, const failure_context& context) {
    const std::string what = error.what();
    if (dynamic_cast<const command_line_error*>(&error) != nullptr) {
        return {exit_usage, "ta: " + what + "\n" + std::string(usage_hint)};
    }
    if (dynamic_cast<const no_input_error*>(&error) != nullptr) {
        return {exit_usage, "ta: no text to score: give it as arguments, with -f FILE, or on "
                            "standard input\n" +
                                std::string(usage_hint)};
    }
    if (dynamic_cast<const no_endpoint_error*>(&error) != nullptr) {
        return {exit_usage, no_endpoint_message()};
    }
    if (dynamic_cast<const input_error*>(&error) != nullptr ||
        dynamic_cast<const output_error*>(&error) != nullptr) {
        return {exit_usage, "ta: " + what};
    }
    if (const auto* e = dynamic_cast<const ta::api_not_found_error*>(&error)) {
        return {exit_unavailable,
                "ta: no sentiment API at " + e->url() +
                    ": every API version answered 404; check the endpoint URL (e.g. "
                    "https://<resource>.cognitiveservices.azure.com)" +
                    details({}, e->request_id())};
    }
    if (const auto* e = dynamic_cast<const ta::http_error*>(&error)) {
        return {exit_unavailable, http_message(*e, context)};
    }
    if (const auto* e = dynamic_cast<const ta::transport_error*>(&error)) {
        return {exit_unavailable, transport_message(*e, context)};
    }
    if (const auto* e = dynamic_cast<const ta::bad_response_error*>(&error)) {
        return {exit_unavailable, bad_response_message(*e)};
    }
    if (dynamic_cast<const ta::usage_error*>(&error) != nullptr) {
        return {exit_usage, "ta: " + what};
    }
    if (dynamic_cast<const ta::error*>(&error) != nullptr) {
        return {exit_unavailable, "ta: " + what};
    }
    // Not the user's doing (no usage advice helps), and the documents were not all scored.
    return {exit_unavailable, "ta: internal error: " + what};
}

} // namespace ta::cli
