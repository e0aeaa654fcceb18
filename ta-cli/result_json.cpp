#include "result_json.hpp"

#include <cmath>
#include <cstdint>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

namespace ta::cli {
namespace {

// Keys in the service's order, not sorted.
using json = nlohmann::ordered_json;

json two_scores(double positive, double negative) {
    return json{{"positive", service_number(positive)}, {"negative", service_number(negative)}};
}

json three_scores(const ta::confidence_scores& scores) {
    return json{{"positive", service_number(scores.positive)},
                {"neutral", service_number(scores.neutral)},
                {"negative", service_number(scores.negative)}};
}

std::string relation_ref(std::size_t document_index, const ta::target_relation& relation) {
    const std::string kind = relation.relation_type == "target" ? "targets" : "assessments";
    return "#/documents/" + std::to_string(document_index) + "/sentences/" +
           std::to_string(relation.sentence) + "/" + kind + "/" + std::to_string(relation.index);
}

json sentence_json(const ta::sentence& sentence, std::size_t document_index,
                   const result_json_options& options) {
    json object{
        {"text", sentence.text},
        {"sentiment", ta::to_string(sentence.sentiment)},
        {"confidenceScores", three_scores(sentence.confidence)},
        {"offset", sentence.offset},
        {"length", sentence.length},
    };
    if (!options.opinion_mining && sentence.targets.empty() && sentence.assessments.empty()) {
        return object;
    }
    json targets = json::array();
    for (const auto& target : sentence.targets) {
        json relations = json::array();
        for (const auto& relation : target.relations) {
            relations.push_back({{"relationType", relation.relation_type},
                                 {"ref", relation_ref(document_index, relation)}});
        }
        targets.push_back({{"text", target.text},
                           {"sentiment", ta::to_string(target.sentiment)},
                           {"confidenceScores", two_scores(target.positive, target.negative)},
                           {"offset", target.offset},
                           {"length", target.length},
                           {"relations", std::move(relations)}});
    }
    json assessments = json::array();
    for (const auto& assessment : sentence.assessments) {
        assessments.push_back(
            {{"text", assessment.text},
             {"sentiment", ta::to_string(assessment.sentiment)},
             {"confidenceScores", two_scores(assessment.positive, assessment.negative)},
             {"offset", assessment.offset},
             {"length", assessment.length},
             {"isNegated", assessment.is_negated}});
    }
    object["targets"] = std::move(targets);
    object["assessments"] = std::move(assessments);
    return object;
}

} // namespace

json service_number(double value) {
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 9.0e15) {
        return static_cast<std::int64_t>(value);
    }
    return value;
}

json document_json(std::string_view id, const ta::result& result, std::size_t document_index,
                   const result_json_options& options) {
    json object{{"id", id}};
    if (result.score && !result.sentiment) {
        object["score"] = service_number(*result.score);
    } else {
        if (result.sentiment) {
            object["sentiment"] = ta::to_string(*result.sentiment);
        }
        if (result.confidence) {
            object["confidenceScores"] = three_scores(*result.confidence);
        }
        json sentences = json::array();
        for (const auto& sentence : result.sentences) {
            sentences.push_back(sentence_json(sentence, document_index, options));
        }
        object["sentences"] = std::move(sentences);
        json warnings = json::array();
        for (const auto& warning : result.warnings) {
            json item{{"code", warning.code}, {"message", warning.message}};
            if (!warning.target_ref.empty()) {
                item["targetRef"] = warning.target_ref;
            }
            warnings.push_back(std::move(item));
        }
        object["warnings"] = std::move(warnings);
    }
    if (result.statistics) {
        object["statistics"] = {{"charactersCount", result.statistics->characters_count},
                                {"transactionsCount", result.statistics->transactions_count}};
    }
    if (options.vader && result.vader) {
        object["vader"] = {{"compound", service_number(result.vader->compound)},
                           {"pos", service_number(result.vader->pos)},
                           {"neu", service_number(result.vader->neu)},
                           {"neg", service_number(result.vader->neg)}};
    }
    return object;
}

} // namespace ta::cli
