// The built-in analyzer: VADER per sentence, in the service's shape.
#include <ta/builtin.hpp>

#include <string>
#include <utility>

#include "detail/sentences.hpp"
#include "detail/sentiment_mapping.hpp"
#include "detail/strings.hpp"
#include "detail/text_elements.hpp"

namespace ta {
namespace {

bool is_english(std::string_view language) noexcept {
    return detail::equals_ignoring_case(language, "en") ||
           (language.size() > 3 && detail::equals_ignoring_case(language.substr(0, 3), "en-"));
}

document_error invalid_document(std::string message) {
    return {"InvalidDocument", std::move(message)};
}

} // namespace

builtin_analyzer::builtin_analyzer(builtin_options options) : options_(std::move(options)) {}

result builtin_analyzer::analyze_one(const document& doc) const {
    result r;
    r.id = doc.id;
    const std::string_view text = doc.text;
    const std::string& language = doc.language.empty() ? options_.default_language : doc.language;
    if (!detail::is_valid_utf8(text)) {
        r.error = invalid_document("Document text is not valid UTF-8.");
        return r;
    }
    if (detail::is_blank(text)) {
        r.error = invalid_document("Document text is empty.");
        return r;
    }
    if (!is_english(language)) {
        r.error = document_error{"UnsupportedLanguageCode",
                                 "Invalid language code '" + language +
                                     "'. The built-in engine scores English (en) only."};
        return r;
    }

    const std::vector<detail::sentence_span> spans = detail::split_sentences(text);
    std::vector<std::size_t> positions;
    positions.reserve(spans.size() * 2 + 1);
    for (const auto& span : spans) {
        positions.push_back(span.begin);
        positions.push_back(span.end);
    }
    positions.push_back(text.size());
    const std::vector<std::int64_t> offsets = detail::measure_offsets(
        text, positions, options_.string_index.value_or(string_index_type::text_element));

    r.sentences.reserve(spans.size());
    for (std::size_t i = 0; i < spans.size(); ++i) {
        sentence s;
        s.text = std::string(text.substr(spans[i].begin, spans[i].end - spans[i].begin));
        const vader_scores v = vader_polarity_scores(s.text);
        s.sentiment = detail::label_of(v.compound);
        s.confidence = detail::sentence_confidence(v);
        s.offset = offsets[2 * i];
        s.length = offsets[2 * i + 1] - offsets[2 * i];
        r.sentences.push_back(std::move(s));
    }
    r.sentiment = detail::document_label(r.sentences);
    r.confidence = detail::document_confidence(*r.sentiment, r.sentences);
    r.vader = vader_polarity_scores(text);
    r.score = (r.vader->compound + 1) / 2;
    r.model_version = builtin_model_version;
    if (options_.show_stats) {
        const auto characters = detail::count_text_elements(text);
        r.statistics = document_statistics{static_cast<std::int64_t>(characters),
                                           static_cast<std::int64_t>((characters + 999) / 1000)};
    }
    return r;
}

std::vector<result> builtin_analyzer::analyze(const std::vector<document>& documents) {
    std::vector<result> results;
    results.reserve(documents.size());
    for (const document& doc : documents) {
        results.push_back(analyze_one(doc));
    }
    return results;
}

std::string builtin_analyzer::description() const {
    return "the built-in engine (VADER 3.3.2)";
}

} // namespace ta
