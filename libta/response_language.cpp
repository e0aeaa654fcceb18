// Language API answers: `{"kind":"SentimentAnalysisResults","results":{...}}`, where `results`
// is the v3.1 answer.
#include <string>

#include <nlohmann/json.hpp>

#include "detail/wire.hpp"
#include "detail/wire_json.hpp"

namespace ta::detail {

wire_response parse_response_language(std::string_view body) {
    const nlohmann::json root = parse_json_body(body);
    const json_fields fields(root, "", body);
    // Another task's results would parse into nonsense or fail obscurely: say what came instead.
    if (fields.has("kind")) {
        const std::string kind = fields.required_string("kind");
        if (kind != "SentimentAnalysisResults") {
            fields.fail("is of kind \"" + excerpt(kind, 60) +
                        "\", not \"SentimentAnalysisResults\"");
        }
    }
    return parse_sentiment_results(fields.required_object("results"));
}

} // namespace ta::detail
