#include "fake_service.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <ta/document.hpp>
#include <ta/string_index.hpp>

#include "api_routes.hpp"
#include "httplib_server.hpp"
#include "sentiment_request.hpp"
#include "service_errors.hpp"
#include "text_units.hpp"

namespace ta::test {
namespace {

using json = nlohmann::ordered_json;

bool equal_ignoring_case(std::string_view a, std::string_view b) noexcept {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](unsigned char x, unsigned char y) {
        return std::tolower(x) == std::tolower(y);
    });
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool is_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// The length of `text` in `unit`: the server's own measure, so the two agree.
std::size_t measure(std::string_view text, ta::string_index_type unit) {
    return ta::server::count_units(text, unit);
}

// ---------------------------------------------------------------------------------------------
// The toy model (documented in fake_service.hpp).

enum class polarity { none, positive, negative };

struct scores {
    double positive = 0;
    double neutral = 0;
    double negative = 0;
};

constexpr scores positive_scores{0.90, 0.08, 0.02};
constexpr scores negative_scores{0.02, 0.08, 0.90};
constexpr scores neutral_scores{0.05, 0.90, 0.05};

struct word {
    std::size_t offset = 0; ///< bytes, in the document
    std::size_t length = 0;
    std::string folded;
};

polarity polarity_of(const word& w) {
    static const std::array<std::string_view, 4> positive_words{"good", "great", "love", "happy"};
    static const std::array<std::string_view, 4> negative_words{"bad", "awful", "hate", "sad"};
    if (std::find(positive_words.begin(), positive_words.end(), w.folded) != positive_words.end()) {
        return polarity::positive;
    }
    if (std::find(negative_words.begin(), negative_words.end(), w.folded) != negative_words.end()) {
        return polarity::negative;
    }
    return polarity::none;
}

bool is_target_word(const word& w) {
    return w.folded == "food" || w.folded == "service" || w.folded == "staff";
}

std::vector<word> words_in(std::string_view text, std::size_t begin, std::size_t end) {
    std::vector<word> words;
    const auto is_letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
    for (std::size_t i = begin; i < end;) {
        if (!is_letter(text[i])) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < end && is_letter(text[j])) {
            ++j;
        }
        words.push_back({i, j - i, lower(text.substr(i, j - i))});
        i = j;
    }
    return words;
}

struct sentence_span {
    std::size_t begin = 0; ///< bytes
    std::size_t end = 0;
};

std::vector<sentence_span> split_sentences(std::string_view text) {
    std::vector<sentence_span> sentences;
    std::size_t start = 0;
    const auto skip_space = [&](std::size_t from) {
        while (from < text.size() && is_space(text[from])) {
            ++from;
        }
        return from;
    };
    start = skip_space(0);
    for (std::size_t i = start; i < text.size(); ++i) {
        const char c = text[i];
        if ((c == '.' || c == '!' || c == '?') && (i + 1 == text.size() || is_space(text[i + 1]))) {
            sentences.push_back({start, i + 1});
            start = skip_space(i + 1);
            i = start - 1;
        }
    }
    if (start < text.size()) {
        std::size_t end = text.size();
        while (end > start && is_space(text[end - 1])) {
            --end;
        }
        sentences.push_back({start, end});
    }
    return sentences;
}

struct scored_sentence {
    sentence_span span;
    polarity label = polarity::none;
    scores confidence = neutral_scores;
    std::optional<word> assessment; ///< the first sentiment word
    std::vector<word> targets;
};

struct scored_document {
    std::string sentiment; ///< positive, neutral, negative, mixed
    scores confidence;
    double v2_score = 0.5;
    std::vector<scored_sentence> sentences;
};

double round2(double value) {
    return std::round(value * 100.0) / 100.0;
}

scored_document score_document(std::string_view text) {
    scored_document document;
    bool any_positive = false;
    bool any_negative = false;
    scores sum;
    for (const auto& span : split_sentences(text)) {
        scored_sentence sentence;
        sentence.span = span;
        for (const auto& w : words_in(text, span.begin, span.end)) {
            if (!sentence.assessment && polarity_of(w) != polarity::none) {
                sentence.assessment = w;
            }
            if (is_target_word(w)) {
                sentence.targets.push_back(w);
            }
        }
        if (sentence.assessment) {
            sentence.label = polarity_of(*sentence.assessment);
        }
        sentence.confidence = sentence.label == polarity::positive   ? positive_scores
                              : sentence.label == polarity::negative ? negative_scores
                                                                     : neutral_scores;
        any_positive = any_positive || sentence.label == polarity::positive;
        any_negative = any_negative || sentence.label == polarity::negative;
        sum.positive += sentence.confidence.positive;
        sum.neutral += sentence.confidence.neutral;
        sum.negative += sentence.confidence.negative;
        document.sentences.push_back(std::move(sentence));
    }
    const auto count = static_cast<double>(std::max<std::size_t>(document.sentences.size(), 1));
    document.confidence = {round2(sum.positive / count), round2(sum.neutral / count),
                           round2(sum.negative / count)};
    if (any_positive && any_negative) {
        document.sentiment = "mixed";
    } else if (any_positive) {
        document.sentiment = "positive";
        document.v2_score = 0.9;
    } else if (any_negative) {
        document.sentiment = "negative";
        document.v2_score = 0.1;
    } else {
        document.sentiment = "neutral";
    }
    return document;
}

std::string_view label_name(polarity label) {
    switch (label) {
    case polarity::positive:
        return "positive";
    case polarity::negative:
        return "negative";
    case polarity::none:
        break;
    }
    return "neutral";
}

// ---------------------------------------------------------------------------------------------
// One sentiment request, parsed.

struct request_options {
    bool show_stats = false;
    bool opinion_mining = false;
    ta::string_index_type unit = ta::string_index_type::text_element;
};

std::string join(const std::set<std::string>& items, std::string_view separator) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) {
            out += separator;
        }
        out += item;
    }
    return out;
}

std::string make_request_id(std::mt19937_64& random) {
    static constexpr std::string_view hex = "0123456789abcdef";
    std::string id;
    for (const int group : {8, 4, 4, 4, 12}) {
        if (!id.empty()) {
            id += '-';
        }
        for (int i = 0; i < group; ++i) {
            id += hex[random() % 16];
        }
    }
    return id;
}

} // namespace

// ---------------------------------------------------------------------------------------------

std::string recorded_request::header(std::string_view name) const {
    const auto found = std::find_if(headers.begin(), headers.end(), [name](const auto& header) {
        return equal_ignoring_case(header.first, name);
    });
    return found == headers.end() ? std::string() : found->second;
}

bool recorded_request::has_header(std::string_view name) const {
    return std::any_of(headers.begin(), headers.end(), [name](const auto& header) {
        return equal_ignoring_case(header.first, name);
    });
}

struct fake_service::impl {
    explicit impl(fake_service_options o) : options(std::move(o)) {}

    fake_service_options options;
    ta::server::httplib_server server;
    int port = 0;

    mutable std::mutex mutex;
    std::condition_variable stopping_changed;
    bool stopping = false;
    std::deque<scripted_response> script;
    std::vector<recorded_request> requests;
    std::mt19937_64 random{20240501};

    void handle(const httplib::Request& request, httplib::Response& response);
    void answer(httplib::Response& response, int status, const json& body);
    void answer(httplib::Response& response, const ta::server::rejection& rejected);
    void answer_sentiment(const ta::server::api_route& api, const httplib::Request& request,
                          httplib::Response& response);
    json sentiment_results(const ta::server::api_route& api, const request_options& parameters,
                           const std::vector<ta::document>& documents);
    std::optional<ta::server::document_failure> check_document(const ta::document& document) const;
    std::string next_request_id() {
        const std::lock_guard lock(mutex);
        return make_request_id(random);
    }
};

void fake_service::impl::answer(httplib::Response& response, int status, const json& body) {
    response.status = status;
    response.set_header("apim-request-id", next_request_id());
    response.set_content(body.dump(), "application/json; charset=utf-8");
}

void fake_service::impl::answer(httplib::Response& response,
                                const ta::server::rejection& rejected) {
    response.status = rejected.status;
    response.set_header("apim-request-id", next_request_id());
    response.set_content(rejected.body, "application/json; charset=utf-8");
}

void fake_service::impl::handle(const httplib::Request& request, httplib::Response& response) {
    recorded_request record;
    record.method = request.method;
    record.path = request.path;
    if (const auto question = request.target.find('?'); question != std::string::npos) {
        record.query = request.target.substr(question + 1);
    }
    for (const auto& [name, value] : request.headers) {
        // httplib adds these from the connection, they were not sent as headers
        if (name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" ||
            name == "LOCAL_PORT") {
            continue;
        }
        record.headers.emplace_back(name, value);
    }
    record.body = request.body;
    record.remote_port = request.remote_port;

    std::optional<scripted_response> scripted;
    {
        const std::lock_guard lock(mutex);
        requests.push_back(std::move(record));
        if (!script.empty()) {
            scripted = std::move(script.front());
            script.pop_front();
        }
    }

    if (scripted) {
        if (scripted->delay.count() > 0) {
            std::unique_lock lock(mutex);
            // Interrupted by the destructor so that a test never waits for the whole delay.
            stopping_changed.wait_for(lock, scripted->delay, [this] { return stopping; });
        }
        response.status = scripted->status;
        bool has_request_id = false;
        for (const auto& [name, value] : scripted->headers) {
            has_request_id = has_request_id || equal_ignoring_case(name, "apim-request-id");
            response.set_header(name, value);
        }
        if (!has_request_id) {
            response.set_header("apim-request-id", next_request_id());
        }
        response.set_content(scripted->body, scripted->content_type.c_str());
        return;
    }

    if (request.method == "GET" && request.path == "/ready") {
        response.status = 200;
        response.set_content("ready", "text/plain");
        return;
    }
    if (!options.key.empty() &&
        request.get_header_value("Ocp-Apim-Subscription-Key") != options.key) {
        answer(response, ta::server::unauthorized());
        return;
    }
    if (request.method == "GET" && request.path == "/status") {
        answer(response, 200, {{"service", "fake-sentiment"}, {"apiStatus", "Valid"}});
        return;
    }
    const ta::server::api_route* api =
        request.method == "POST"
            ? ta::server::find_api_route(request.path, request.get_param_value("api-version"))
            : nullptr;
    if (api == nullptr || std::find(options.versions.begin(), options.versions.end(),
                                    api->version) == options.versions.end()) {
        answer(response, ta::server::not_found());
        return;
    }
    answer_sentiment(*api, request, response);
}

std::optional<ta::server::document_failure>
fake_service::impl::check_document(const ta::document& document) const {
    if (std::all_of(document.text.begin(), document.text.end(), is_space)) {
        return ta::server::empty_text_failure();
    }
    std::string language = lower(document.language.empty() ? "en" : document.language);
    const bool supported = options.languages.count(language) != 0 ||
                           options.languages.count(language.substr(0, language.find('-'))) != 0;
    if (!supported) {
        return ta::server::unsupported_language_failure(join(options.languages, ","));
    }
    if (measure(document.text, ta::string_index_type::text_element) > 5'120) {
        return ta::server::too_long_failure();
    }
    return std::nullopt;
}

void fake_service::impl::answer_sentiment(const ta::server::api_route& api,
                                          const httplib::Request& request,
                                          httplib::Response& response) {
    // The server's own reading of the request: its limits, options and error bodies.
    const ta::server::query_lookup query = [&request](std::string_view name) {
        const std::string key(name);
        return request.has_param(key.c_str())
                   ? std::optional<std::string>(request.get_param_value(key.c_str()))
                   : std::nullopt;
    };
    auto parsed = ta::server::parse_sentiment_request(api, query, request.body);
    if (const auto* rejected = std::get_if<ta::server::rejection>(&parsed)) {
        answer(response, *rejected);
        return;
    }
    const auto& sentiment = std::get<ta::server::sentiment_request>(parsed);
    request_options parameters;
    parameters.show_stats = sentiment.show_stats;
    parameters.opinion_mining = sentiment.opinion_mining;
    parameters.unit = sentiment.string_index.value_or(ta::string_index_type::text_element);

    json results = sentiment_results(api, parameters, sentiment.documents);
    if (api.generation == ta::api_generation::language) {
        results = {{"kind", "SentimentAnalysisResults"}, {"results", std::move(results)}};
    }
    answer(response, 200, results);
}

json fake_service::impl::sentiment_results(const ta::server::api_route& api,
                                           const request_options& parameters,
                                           const std::vector<ta::document>& inputs) {
    const bool v2 = api.generation == ta::api_generation::v2;
    const bool opinions =
        parameters.opinion_mining &&
        (api.version == ta::api_version::v3_1 || api.generation == ta::api_generation::language);
    json documents = json::array();
    json errors = json::array();
    std::int64_t transactions = 0;

    for (const auto& input : inputs) {
        if (const auto failure = check_document(input)) {
            errors.push_back(ta::server::document_error_json(input.id, *failure, api.generation));
            continue;
        }
        const std::string_view text = input.text;
        const auto characters =
            static_cast<std::int64_t>(measure(text, ta::string_index_type::text_element));
        const std::int64_t document_transactions =
            std::max<std::int64_t>(1, (characters + 999) / 1000);
        transactions += document_transactions;
        const json statistics = {{"charactersCount", characters},
                                 {"transactionsCount", document_transactions}};
        const scored_document scored = score_document(text);

        if (v2) {
            json document = {{"id", input.id}, {"score", scored.v2_score}};
            if (parameters.show_stats) {
                document["statistics"] = statistics;
            }
            documents.push_back(std::move(document));
            continue;
        }

        const auto offset_of = [&](std::size_t byte_offset) {
            return measure(text.substr(0, byte_offset), parameters.unit);
        };
        const auto length_of = [&](std::size_t begin, std::size_t length) {
            return measure(text.substr(begin, length), parameters.unit);
        };
        const std::size_t document_index = documents.size();
        json sentences = json::array();
        for (std::size_t s = 0; s < scored.sentences.size(); ++s) {
            const auto& sentence = scored.sentences[s];
            const std::size_t length = sentence.span.end - sentence.span.begin;
            json item = {{"text", text.substr(sentence.span.begin, length)},
                         {"sentiment", label_name(sentence.label)},
                         {"confidenceScores",
                          {{"positive", sentence.confidence.positive},
                           {"neutral", sentence.confidence.neutral},
                           {"negative", sentence.confidence.negative}}},
                         {"offset", offset_of(sentence.span.begin)},
                         {"length", length_of(sentence.span.begin, length)}};
            if (opinions) {
                json targets = json::array();
                json assessments = json::array();
                if (sentence.assessment) {
                    const auto& a = *sentence.assessment;
                    const bool positive = sentence.label == polarity::positive;
                    const json opinion_scores = {{"positive", positive ? 0.99 : 0.01},
                                                 {"negative", positive ? 0.01 : 0.99}};
                    assessments.push_back({{"text", a.folded},
                                           {"sentiment", label_name(sentence.label)},
                                           {"confidenceScores", opinion_scores},
                                           {"offset", offset_of(a.offset)},
                                           {"length", length_of(a.offset, a.length)},
                                           {"isNegated", false}});
                    for (const auto& t : sentence.targets) {
                        const std::string ref = "#/documents/" + std::to_string(document_index) +
                                                "/sentences/" + std::to_string(s) +
                                                "/assessments/0";
                        targets.push_back(
                            {{"text", text.substr(t.offset, t.length)},
                             {"sentiment", label_name(sentence.label)},
                             {"confidenceScores", opinion_scores},
                             {"offset", offset_of(t.offset)},
                             {"length", length_of(t.offset, t.length)},
                             {"relations", {{{"ref", ref}, {"relationType", "assessment"}}}}});
                    }
                }
                item["targets"] = std::move(targets);
                item["assessments"] = std::move(assessments);
            }
            sentences.push_back(std::move(item));
        }
        json document = {{"id", input.id},
                         {"sentiment", scored.sentiment},
                         {"confidenceScores",
                          {{"positive", scored.confidence.positive},
                           {"neutral", scored.confidence.neutral},
                           {"negative", scored.confidence.negative}}},
                         {"sentences", std::move(sentences)},
                         {"warnings", json::array()}};
        if (parameters.show_stats) {
            document["statistics"] = statistics;
        }
        documents.push_back(std::move(document));
    }

    if (v2 && options.v2_reverse_order) {
        std::reverse(documents.begin(), documents.end());
    }
    json results;
    if (parameters.show_stats) {
        results["statistics"] = {{"documentsCount", inputs.size()},
                                 {"validDocumentsCount", documents.size()},
                                 {"erroneousDocumentsCount", errors.size()},
                                 {"transactionsCount", transactions}};
    }
    results["documents"] = std::move(documents);
    results["errors"] = std::move(errors);
    if (!v2) {
        results["modelVersion"] = options.model_version;
    }
    return results;
}

fake_service::fake_service(fake_service_options options)
    : impl_(std::make_unique<impl>(std::move(options))) {
    auto& server = impl_->server;
    // Enough workers for a client that keeps a few connections alive at once.
    server.new_task_queue = [] { return new httplib::ThreadPool(16); };
    server.set_keep_alive_max_count(1'000);
    server.set_keep_alive_timeout(2);
    // Headers and body go out in separate writes: without this, Nagle's algorithm and delayed
    // ACKs add 40 ms to every answer on a reused connection.
    server.set_tcp_nodelay(true);
    const auto handler = [this](const httplib::Request& request, httplib::Response& response) {
        try {
            impl_->handle(request, response);
        } catch (const std::exception& e) {
            impl_->answer(response, 500,
                          json::parse(ta::server::wrapped_error_body(
                              "InternalServerError", std::string("fake: ") + e.what())));
        }
    };
    server.route_every_path(handler);
    impl_->port = server.bind_to_any_port("127.0.0.1");
    if (impl_->port <= 0 || !server.start()) {
        throw std::runtime_error("fake_service: cannot listen on 127.0.0.1");
    }
}

fake_service::~fake_service() {
    {
        const std::lock_guard lock(impl_->mutex);
        impl_->stopping = true;
    }
    impl_->stopping_changed.notify_all();
    impl_->server.stop_and_join();
}

std::string fake_service::url() const {
    return "http://127.0.0.1:" + std::to_string(port());
}

int fake_service::port() const {
    return impl_->port;
}

void fake_service::script(scripted_response response) {
    const std::lock_guard lock(impl_->mutex);
    impl_->script.push_back(std::move(response));
}

std::vector<recorded_request> fake_service::requests() const {
    const std::lock_guard lock(impl_->mutex);
    return impl_->requests;
}

void fake_service::clear_requests() {
    const std::lock_guard lock(impl_->mutex);
    impl_->requests.clear();
}

} // namespace ta::test
