#include "render_json.hpp"

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "json_text.hpp"
#include "result_json.hpp"

namespace ta::cli {
namespace {

// Keys in the service's order, not sorted.
using json = nlohmann::ordered_json;

constexpr auto replace_invalid_utf8 = json::error_handler_t::replace;

std::string_view id_of(const ta::document& document, const ta::result& result) {
    return result.id.empty() ? document.id : result.id;
}

/// The service's document object, with the built-in engine's "vader" scores when it has them.
json scored_json(const ta::document& document, const ta::result& result,
                 std::size_t document_index) {
    return document_json(id_of(document, result), result, document_index,
                         {.opinion_mining = false, .vader = true});
}

json error_json(const ta::document& document, const ta::result& result) {
    return {{"id", id_of(document, result)},
            {"error", {{"code", result.error->code}, {"message", result.error->message}}}};
}

/// One line per document, written straight into a reused buffer: no tree per document.
class jsonl_renderer final : public renderer {
  public:
    explicit jsonl_renderer(std::ostream& out) : out_(out) {}

    void write(const ta::document& document, const ta::result& result) override {
        // line_ keeps its size from line to line: each is written over the last, and only the
        // bytes it takes go out.
        std::size_t used = 0;
        if (result.error) {
            const std::string_view id = id_of(document, result);
            text_buffer line(line_, 0);
            line.room(json_string_bound(id.size()) + json_string_bound(result.error->code.size()) +
                      json_string_bound(result.error->message.size()) + 64);
            line.literal("{\"id\":");
            line.string(id);
            line.literal(",\"error\":{\"code\":");
            line.string(result.error->code);
            line.literal(",\"message\":");
            line.string(result.error->message);
            line.literal("}}");
            used = line.finish();
        } else {
            used = write_document_json(line_, 0, id_of(document, result), result, 0,
                                       {.opinion_mining = false, .vader = true});
        }
        if (used == line_.size()) {
            line_.resize(used + 1);
        }
        line_[used++] = '\n';
        out_.write(line_.data(), static_cast<std::streamsize>(used));
    }

  private:
    std::ostream& out_;
    std::string line_;
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
             << nested(scored_json(document, result, documents_), "    ");
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
