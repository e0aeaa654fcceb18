// The built-in analyzer: VADER 3.3.2 in the service's shape (sentences, labels, confidence
// scores), with no network and no account.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <ta/analyzer.hpp>
#include <ta/string_index.hpp>

namespace ta {

struct builtin_options {
    /// For documents whose language is empty. The engine scores English: a document in another
    /// language is a per-document UnsupportedLanguageCode error.
    std::string default_language = "en";
    /// The unit of sentence offsets and lengths; nullopt = text elements, as the service.
    std::optional<string_index_type> string_index;
    /// Sentences get assessments: the words that carry sentiment (VADER has no targets).
    bool opinion_mining = false;
    /// Each result gets statistics (characters and transactions).
    bool show_stats = false;
    /// Threads for one analyze() call of many documents (hundreds per thread); 0 = one per core.
    int threads = 0;
};

/// The model version the built-in analyzer reports.
inline constexpr const char* builtin_model_version = "vader-3.3.2";

/// Stateless and thread-safe: one instance may serve many threads at once.
class builtin_analyzer final : public analyzer {
  public:
    explicit builtin_analyzer(builtin_options options = {});

    /// One result per document, in order. Each scored result has `vader` (the whole text's
    /// polarity_scores), `sentences` (each scored alone), the document label by the service's
    /// rule and confidence scores from the mapping in the README. Empty, blank or invalid UTF-8
    /// text is a per-document InvalidDocument error, as the service gives.
    std::vector<result> analyze(const std::vector<document>& documents) override;
    /// Batches are scored on `threads` threads at once while the input is read and the results
    /// are handed over.
    void analyze_stream(const stream_source& source, const stream_sink& sink,
                        const stream_options& options) override;
    using analyzer::analyze_stream;
    std::string description() const override;

    /// One document, the same as analyze({doc}).front().
    result analyze_one(const document& doc) const;
    const builtin_options& options() const noexcept { return options_; }

  private:
    builtin_options options_;
};

} // namespace ta
