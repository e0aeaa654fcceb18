// Language API answers: `{"kind":"SentimentAnalysisResults","results":{...}}`, where `results`
// is the v3.1 answer.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "detail/wire.hpp"
#include "detail/wire_json.hpp"
#include "detail/wire_reader.hpp"

namespace ta::detail {

namespace {

constexpr std::string_view sentiment_kind = "SentimentAnalysisResults";

// The documented shape in one pass; nullopt for anything else (wire_reader.hpp).
std::optional<wire_response> read_language_answer(std::string_view body) {
    try {
        wire_reader reader(body);
        std::optional<wire_response> response;
        bool has_kind = false;
        std::string kind;
        reader.begin_object();
        std::string_view key;
        while (reader.member(key)) {
            if (key == "kind") {
                if (has_kind) {
                    return std::nullopt;
                }
                has_kind = true;
                if (!reader.null()) {
                    reader.string(kind);
                    if (kind != sentiment_kind) {
                        return std::nullopt;
                    }
                }
            } else if (key == "results") {
                if (response || reader.null()) {
                    return std::nullopt;
                }
                response = read_sentiment_results(reader);
            } else {
                reader.skip();
            }
        }
        reader.end();
        return response;
    } catch (const wire_reader::unusual&) {
        return std::nullopt;
    }
}

} // namespace

wire_response parse_response_language(std::string_view body) {
    if (std::optional<wire_response> response = read_language_answer(body)) {
        return std::move(*response);
    }
    // What is unusual is read again through the DOM, whose messages name the problem.
    return parse_response_language_dom(body);
}

wire_response parse_response_language_dom(std::string_view body) {
    const nlohmann::json root = parse_json_body(body);
    const json_fields fields(root, "", body);
    // Another task's results would parse into nonsense or fail obscurely: say what came instead.
    if (fields.has("kind")) {
        const std::string kind = fields.required_string("kind");
        if (kind != sentiment_kind) {
            fields.fail("is of kind \"" + excerpt(kind, 60) +
                        "\", not \"SentimentAnalysisResults\"");
        }
    }
    return parse_sentiment_results(fields.required_object("results"));
}

} // namespace ta::detail
