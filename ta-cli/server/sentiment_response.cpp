#include "sentiment_response.hpp"

#include <cstdint>
#include <utility>

#include <nlohmann/json.hpp>

#include "result_json.hpp"

namespace ta::server {
namespace {

using json = nlohmann::ordered_json;

/// The result as v2 has it: the score, and statistics; no labels or sentences.
ta::result as_v2(const ta::result& result) {
    ta::result v2;
    v2.score = result.score ? *result.score : v2_score(result);
    v2.statistics = result.statistics;
    return v2;
}

} // namespace

double v2_score(const ta::result& result) {
    if (result.vader) {
        return (result.vader->compound + 1.0) / 2.0;
    }
    if (result.confidence) {
        return result.confidence->positive + result.confidence->neutral / 2.0;
    }
    return 0.5;
}

std::string sentiment_response_body(const sentiment_request& request,
                                    const std::vector<ta::result>& results,
                                    std::string_view model_version) {
    const auto generation = request.route->generation;
    const bool v2 = generation == ta::api_generation::v2;
    const ta::cli::result_json_options options{.opinion_mining = request.opinion_mining,
                                               .vader = false};
    json documents = json::array();
    json errors = json::array();
    std::int64_t transactions = 0;
    for (std::size_t i = 0; i < request.documents.size() && i < results.size(); ++i) {
        const std::string& id = request.documents[i].id;
        const ta::result& result = results[i];
        if (result.error) {
            errors.push_back(document_error_json(id, failure_from(*result.error), generation));
            continue;
        }
        if (result.statistics) {
            transactions += result.statistics->transactions_count;
        }
        ta::result shown = v2 ? as_v2(result) : result;
        if (!request.show_stats) {
            shown.statistics.reset();
        }
        documents.push_back(ta::cli::document_json(id, shown, documents.size(), options));
    }

    json answer;
    const std::size_t valid = documents.size();
    answer["documents"] = std::move(documents);
    if (request.show_stats) {
        answer["statistics"] = {{"documentsCount", request.documents.size()},
                                {"validDocumentsCount", valid},
                                {"erroneousDocumentsCount", errors.size()},
                                {"transactionsCount", transactions}};
    }
    answer["errors"] = std::move(errors);
    if (!v2) {
        answer["modelVersion"] = model_version;
    }
    if (generation == ta::api_generation::language) {
        answer = json{{"kind", "SentimentAnalysisResults"}, {"results", std::move(answer)}};
    }
    return answer.dump(-1, ' ', false, json::error_handler_t::replace);
}

} // namespace ta::server
