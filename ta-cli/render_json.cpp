#include "render_json.hpp"

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace ta::cli {
namespace {

// Keys in the service's order, not sorted.
using json = nlohmann::ordered_json;

constexpr auto replace_invalid_utf8 = json::error_handler_t::replace;

/// Whole numbers as integers, as the service writes them ("positive":1, not 1.0).
json number(double value) {
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 9.0e15) {
        return static_cast<std::int64_t>(value);
    }
    return value;
}

json two_scores(double positive, double negative) {
    return json{{"positive", number(positive)}, {"negative", number(negative)}};
}

std::string relation_ref(std::size_t document_index, const ta::target_relation& relation) {
    const std::string kind = relation.relation_type == "target" ? "targets" : "assessments";
    return "#/documents/" + std::to_string(document_index) + "/sentences/" +
           std::to_string(relation.sentence) + "/" + kind + "/" + std::to_string(relation.index);
}

json sentence_json(const ta::sentence& sentence, std::size_t document_index) {
    json object{
        {"text", sentence.text},
        {"sentiment", ta::to_string(sentence.sentiment)},
        {"confidenceScores",
         {{"positive", number(sentence.confidence.positive)},
          {"neutral", number(sentence.confidence.neutral)},
          {"negative", number(sentence.confidence.negative)}}},
        {"offset", sentence.offset},
        {"length", sentence.length},
    };
    // Present only with opinion mining; the model cannot tell "not asked" from "none found", so
    // both appear when either has something.
    if (!sentence.targets.empty() || !sentence.assessments.empty()) {
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
    }
    return object;
}

std::string id_of(const ta::document& document, const ta::result& result) {
    return result.id.empty() ? document.id : result.id;
}

/// The service's document object; `document_index` is its place in the answer's "documents".
json document_json(const ta::document& document, const ta::result& result,
                   std::size_t document_index) {
    json object{{"id", id_of(document, result)}};
    if (result.score && !result.sentiment) {
        object["score"] = number(*result.score);
    } else {
        if (result.sentiment) {
            object["sentiment"] = ta::to_string(*result.sentiment);
        }
        if (result.confidence) {
            object["confidenceScores"] = {{"positive", number(result.confidence->positive)},
                                          {"neutral", number(result.confidence->neutral)},
                                          {"negative", number(result.confidence->negative)}};
        }
        json sentences = json::array();
        for (const auto& sentence : result.sentences) {
            sentences.push_back(sentence_json(sentence, document_index));
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
    return object;
}

json error_json(const ta::document& document, const ta::result& result) {
    return {{"id", id_of(document, result)},
            {"error", {{"code", result.error->code}, {"message", result.error->message}}}};
}

class jsonl_renderer final : public renderer {
  public:
    explicit jsonl_renderer(std::ostream& out) : out_(out) {}

    void write(const ta::document& document, const ta::result& result) override {
        const json line =
            result.error ? error_json(document, result) : document_json(document, result, 0);
        out_ << line.dump(-1, ' ', false, replace_invalid_utf8) << '\n';
    }

  private:
    std::ostream& out_;
};

/// `value` pretty-printed as a member of the top-level object (its lines indented by `indent`).
std::string nested(const json& value, std::string_view indent) {
    const std::string text = value.dump(2, ' ', false, replace_invalid_utf8);
    std::string out(indent);
    for (const char c : text) {
        out += c;
        // Line breaks inside strings are escaped, so each one here is between tokens.
        if (c == '\n') {
            out += indent;
        }
    }
    return out;
}

class json_renderer final : public renderer {
  public:
    explicit json_renderer(std::ostream& out) : out_(out) {}

    void write(const ta::document& document, const ta::result& result) override {
        open();
        if (result.statistics) {
            has_statistics_ = true;
            transactions_ += result.statistics->transactions_count;
        }
        if (result.error) {
            ++error_count_;
            errors_.push_back(error_json(document, result));
            return;
        }
        if (model_version_.empty()) {
            model_version_ = result.model_version;
        }
        out_ << (documents_ == 0 ? "\n" : ",\n")
             << nested(document_json(document, result, documents_), "    ");
        ++documents_;
    }

    void end() override {
        open();
        out_ << (documents_ == 0 ? "]" : "\n  ]") << ",\n  \"errors\": ";
        out_ << (errors_.empty() ? "[]" : nested(errors_, "  ").substr(2));
        if (has_statistics_) {
            const json statistics{
                {"documentsCount", documents_ + error_count_},
                {"validDocumentsCount", documents_},
                {"erroneousDocumentsCount", error_count_},
                {"transactionsCount", transactions_},
            };
            out_ << ",\n  \"statistics\": " << nested(statistics, "  ").substr(2);
        }
        // The v2 APIs have no model version, and their answers no such member.
        if (!model_version_.empty()) {
            out_ << ",\n  \"modelVersion\": "
                 << json(model_version_).dump(-1, ' ', false, replace_invalid_utf8);
        }
        out_ << "\n}\n";
    }

  private:
    void open() {
        if (!opened_) {
            opened_ = true;
            out_ << "{\n  \"documents\": [";
        }
    }

    std::ostream& out_;
    bool opened_ = false;
    std::size_t documents_ = 0;
    std::size_t error_count_ = 0;
    // Per-document failures are few and small; they belong after the documents.
    json errors_ = json::array();
    bool has_statistics_ = false;
    std::int64_t transactions_ = 0;
    std::string model_version_;
};

} // namespace

std::unique_ptr<renderer> make_jsonl_renderer(std::ostream& out) {
    return std::make_unique<jsonl_renderer>(out);
}

std::unique_ptr<renderer> make_json_renderer(std::ostream& out) {
    return std::make_unique<json_renderer>(out);
}

} // namespace ta::cli
