// The built-in analyzer: VADER per sentence, in the service's shape.
#include <ta/builtin.hpp>

#include <algorithm>
#include <exception>
#include <string>
#include <thread>
#include <utility>

#include "detail/assessments.hpp"
#include "detail/builtin.hpp"
#include "detail/python_text.hpp"
#include "detail/sentences.hpp"
#include "detail/sentiment_mapping.hpp"
#include "detail/strings.hpp"
#include "detail/text_elements.hpp"
#include "detail/vader.hpp"

namespace ta {
namespace {

bool is_english(std::string_view language) noexcept {
    return detail::equals_ignoring_case(language, "en") ||
           (language.size() > 3 && detail::equals_ignoring_case(language.substr(0, 3), "en-"));
}

document_error invalid_document(std::string message) {
    return {"InvalidDocument", std::move(message)};
}

/// The sentence's assessments, with offsets from the start of the document as the service gives
/// them (measured within the sentence: no text element spans a sentence's start).
void add_assessments(sentence& s, string_index_type unit) {
    const std::vector<detail::word_assessment> found = detail::find_assessments(s.text);
    std::vector<std::size_t> positions;
    positions.reserve(found.size() * 2);
    for (const auto& a : found) {
        positions.push_back(a.begin);
        positions.push_back(a.end);
    }
    std::vector<std::int64_t> offsets = detail::measure_offsets(s.text, positions, unit);
    for (auto& offset : offsets) {
        offset += s.offset;
    }
    for (std::size_t k = 0; k < found.size(); ++k) {
        sentence_assessment a;
        a.text = s.text.substr(found[k].begin, found[k].end - found[k].begin);
        a.sentiment = found[k].sentiment;
        a.positive = found[k].positive;
        a.negative = found[k].negative;
        a.offset = offsets[2 * k];
        a.length = offsets[2 * k + 1] - offsets[2 * k];
        a.is_negated = found[k].is_negated;
        s.assessments.push_back(std::move(a));
    }
}

/// What analyze_one needs besides the result, kept from document to document on each thread,
/// so that scoring a document allocates only the result's own memory.
struct analysis_scratch {
    std::vector<detail::sentence_span> spans;
    std::vector<std::size_t> positions;
    std::vector<std::int64_t> offsets;
    std::vector<vader_scores> scores;

    /// Gives back the memory of a document of very many sentences once it is scored.
    void trim() {
        constexpr std::size_t kept_sentences = 1 << 12;
        if (spans.capacity() > kept_sentences) {
            *this = analysis_scratch{};
        }
    }
};

/// Out of line, so that the thread_local's address is looked up once a document.
[[gnu::noinline]] analysis_scratch& thread_analysis_scratch() {
    thread_local analysis_scratch scratch;
    return scratch;
}

/// is_blank, answered at the first byte for most text: an ASCII byte that is not white space
/// (nor one of the separators 0x1C to 0x1F, which are not blank either) is no blank text.
bool is_blank_text(std::string_view text) noexcept {
    if (!text.empty()) {
        const auto first = static_cast<unsigned char>(text[0]);
        if (first > 0x20 && first < 0x80) {
            return false;
        }
    }
    return detail::is_blank(text);
}

} // namespace

builtin_analyzer::builtin_analyzer(builtin_options options) : options_(std::move(options)) {}

void detail::analyze_into(const builtin_options& options, const document& doc, result& r) {
    r.id = doc.id;
    const std::string_view text = doc.text;
    const std::string& language = doc.language.empty() ? options.default_language : doc.language;
    const bool ascii = detail::python_is_ascii(text);
    if (!ascii && !detail::is_valid_utf8(text)) {
        r.error = invalid_document("Document text is not valid UTF-8.");
        return;
    }
    if (is_blank_text(text)) {
        r.error = invalid_document("Document text is empty.");
        return;
    }
    if (!is_english(language)) {
        r.error = document_error{"UnsupportedLanguageCode",
                                 "Invalid language code '" + language +
                                     "'. The built-in engine scores English (en) only."};
        return;
    }

    analysis_scratch& scratch = thread_analysis_scratch();
    const std::vector<detail::sentence_span>& spans = scratch.spans;
    detail::split_sentences(text, scratch.spans);
    const string_index_type unit = options.string_index.value_or(string_index_type::text_element);
    // In ASCII without a CR (most text) every unit counts a byte as one: the offsets are the
    // byte positions.
    const bool bytes_are_units = ascii && text.find('\r') == std::string_view::npos;
    if (!bytes_are_units) {
        std::vector<std::size_t>& positions = scratch.positions;
        positions.clear();
        for (const auto& span : spans) {
            positions.push_back(span.begin);
            positions.push_back(span.end);
        }
        detail::measure_offsets(text, positions, unit, scratch.offsets);
    }
    const auto offset_of = [&](std::size_t i, bool end) {
        if (bytes_are_units) {
            return static_cast<std::int64_t>(end ? spans[i].end : spans[i].begin);
        }
        return scratch.offsets[2 * i + (end ? 1 : 0)];
    };

    // Each sentence and the whole text, splitting the text into words once.
    scratch.scores.resize(spans.size());
    r.vader = detail::vader_polarity_scores_of_sentences(text, spans, scratch.scores, ascii);
    r.sentences.reserve(spans.size());
    for (std::size_t i = 0; i < spans.size(); ++i) {
        sentence s;
        s.text.assign(text.substr(spans[i].begin, spans[i].end - spans[i].begin));
        const vader_scores& v = scratch.scores[i];
        s.sentiment = detail::label_of(v.compound);
        s.confidence = detail::sentence_confidence(v);
        s.offset = offset_of(i, false);
        s.length = offset_of(i, true) - s.offset;
        if (options.opinion_mining) {
            add_assessments(s, unit);
        }
        r.sentences.push_back(std::move(s));
    }
    scratch.trim();
    r.sentiment = detail::document_label(r.sentences);
    r.confidence = detail::document_confidence(*r.sentiment, r.sentences);
    r.score = (r.vader->compound + 1) / 2;
    r.model_version = builtin_model_version;
    if (options.show_stats) {
        const auto characters = detail::count_text_elements(text);
        r.statistics = document_statistics{static_cast<std::int64_t>(characters),
                                           static_cast<std::int64_t>((characters + 999) / 1000)};
    }
}

result builtin_analyzer::analyze_one(const document& doc) const {
    result r;
    detail::analyze_into(options_, doc, r);
    return r;
}

std::vector<result> builtin_analyzer::analyze(const std::vector<document>& documents) {
    std::vector<result> results(documents.size());
    const auto score_range = [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            results[i] = analyze_one(documents[i]);
        }
    };
    // Threads pay off only on enough work: a thread costs about as much to start as scoring a
    // few dozen short documents.
    constexpr std::size_t documents_per_thread = 256;
    std::size_t threads = options_.threads > 0 ? static_cast<std::size_t>(options_.threads)
                                               : std::thread::hardware_concurrency();
    threads =
        std::clamp<std::size_t>(std::min(threads, documents.size() / documents_per_thread), 1, 64);
    if (threads == 1) {
        score_range(0, documents.size());
        return results;
    }
    // Each thread fills its own slice of `results`: the order is the input's whatever finishes
    // first. The calling thread takes the first slice; a failure (out of memory) in any is
    // rethrown here.
    const std::size_t slice = (documents.size() + threads - 1) / threads;
    std::vector<std::exception_ptr> failures(threads);
    {
        std::vector<std::jthread> workers;
        workers.reserve(threads - 1);
        for (std::size_t t = 1; t < threads; ++t) {
            const std::size_t begin = std::min(documents.size(), t * slice);
            const std::size_t end = std::min(documents.size(), begin + slice);
            workers.emplace_back([&, t, begin, end] {
                try {
                    score_range(begin, end);
                } catch (...) {
                    failures[t] = std::current_exception();
                }
            });
        }
        try {
            score_range(0, std::min(documents.size(), slice));
        } catch (...) {
            failures[0] = std::current_exception();
        }
    } // joins the workers
    for (const auto& failure : failures) {
        if (failure) {
            std::rethrow_exception(failure);
        }
    }
    return results;
}

std::string builtin_analyzer::description() const {
    return "the built-in engine (VADER 3.3.2)";
}

} // namespace ta
