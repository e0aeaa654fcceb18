#include "service_routes.hpp"

#include <stdexcept>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include <ta/document.hpp>
#include <ta/result.hpp>

#include "sentiment_response.hpp"
#include "text_units.hpp"

namespace ta::server {
namespace {

constexpr std::size_t max_text_elements = 5'120;

answer from(rejection r, std::size_t documents = 0) {
    return {r.status, std::move(r.body), documents};
}

/// Compares every byte whatever the first difference, so the time taken does not tell a
/// caller how much of a guessed key was right.
bool same_key(std::string_view given, std::string_view expected) noexcept {
    unsigned char difference = given.size() == expected.size() ? 0 : 1;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const char c = i < given.size() ? given[i] : '\0';
        difference |= static_cast<unsigned char>(c ^ expected[i]);
    }
    return difference == 0;
}

ta::builtin_options engine_options(const sentiment_request& request) {
    ta::builtin_options options;
    options.default_language = "en";
    options.string_index = request.string_index;
    options.opinion_mining = request.opinion_mining;
    options.show_stats = request.show_stats;
    return options;
}

ta::result too_long(const ta::document& document) {
    const document_failure failure = too_long_failure();
    ta::result result;
    result.id = document.id;
    result.error = ta::document_error{failure.code, failure.message};
    return result;
}

} // namespace

service_routes::service_routes(routes_options options) : options_(std::move(options)) {
    if (!options_.engine) {
        throw std::invalid_argument("service_routes: no engine");
    }
    if (!options_.wait) {
        options_.wait = [](std::chrono::milliseconds delay) { std::this_thread::sleep_for(delay); };
    }
}

bool service_routes::authorized(const incoming_request& request) const noexcept {
    return options_.key.empty() || (request.key && same_key(*request.key, options_.key));
}

answer service_routes::handle(const incoming_request& request) const {
    const bool get = request.method == "GET" || request.method == "HEAD";
    // A probe needs no key, so that an orchestrator can use it.
    if (get && request.path == "/ready") {
        return {200, R"({"status":"ready"})", 0};
    }
    // The gateway checks the key before it looks at the path.
    if (!authorized(request)) {
        return from(unauthorized());
    }
    if (get && request.path == "/status") {
        return {200,
                R"({"service":"ta-server","apiStatus":"Valid",)"
                R"("apiStatusMessage":"Api Key is valid, no action needed."})",
                0};
    }
    const auto api_version = request.query ? request.query("api-version") : std::nullopt;
    const api_route* route =
        request.method == "POST" ? find_api_route(request.path, api_version.value_or("")) : nullptr;
    if (route == nullptr) {
        return from(not_found());
    }
    if (options_.latency.count() > 0) {
        options_.wait(options_.latency);
    }
    if (request.body_too_large) {
        return from(payload_too_large(route->generation));
    }
    try {
        return sentiment(*route, request);
    } catch (const std::exception&) {
        return from(internal_error());
    }
}

answer service_routes::sentiment(const api_route& route, const incoming_request& request) const {
    const query_lookup no_query = [](std::string_view) { return std::optional<std::string>(); };
    auto parsed =
        parse_sentiment_request(route, request.query ? request.query : no_query, request.body);
    if (auto* r = std::get_if<rejection>(&parsed)) {
        return from(std::move(*r));
    }
    const sentiment_request& sentiment = std::get<sentiment_request>(parsed);
    const std::size_t count = sentiment.documents.size();
    const auto& model = sentiment.model_version;
    if (!model.empty() && model != "latest" && model != options_.model_version) {
        return from(invalid_request(route.generation, 400, "Invalid Request.",
                                    "ModelVersionIncorrect",
                                    "Invalid model version. Possible values are: latest," +
                                        options_.model_version +
                                        ". For additional details see "
                                        "https://aka.ms/text-analytics-model-versioning"),
                    count);
    }

    // The service measures documents itself; the engine scores the rest.
    std::vector<ta::result> results(count);
    std::vector<ta::document> to_score;
    std::vector<std::size_t> places;
    for (std::size_t i = 0; i < count; ++i) {
        const ta::document& document = sentiment.documents[i];
        if (count_units(document.text, ta::string_index_type::text_element) > max_text_elements) {
            results[i] = too_long(document);
        } else {
            to_score.push_back(document);
            places.push_back(i);
        }
    }
    if (!to_score.empty()) {
        const auto engine = options_.engine(engine_options(sentiment));
        std::vector<ta::result> scored = engine->analyze(to_score);
        if (scored.size() != to_score.size()) {
            return from(internal_error(), count);
        }
        for (std::size_t j = 0; j < scored.size(); ++j) {
            results[places[j]] = std::move(scored[j]);
        }
    }
    return {200, sentiment_response_body(sentiment, results, options_.model_version), count};
}

} // namespace ta::server
