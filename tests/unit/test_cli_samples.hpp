// Documents and results for the CLI's renderer tests, from the service's documented examples.
#pragma once

#include <string>

#include <ta/document.hpp>
#include <ta/result.hpp>

namespace ta::cli::test {

/// The v3.0 spec example (SuccessfulSentimentRequest.json, document 1).
inline ta::document v3_document() {
    return {"1", "Hello world. This is some input text that I love.", "en"};
}

inline ta::result v3_result() {
    ta::result r;
    r.id = "1";
    r.sentiment = ta::sentiment_label::positive;
    r.confidence = ta::confidence_scores{0.98, 0.01, 0.01};
    r.sentences.push_back(ta::sentence{
        "Hello world.", ta::sentiment_label::neutral, {0.07, 0.91, 0.02}, 0, 12, {}, {}});
    r.sentences.push_back(ta::sentence{"This is some input text that I love.",
                                       ta::sentiment_label::positive,
                                       {0.98, 0.01, 0.01},
                                       13,
                                       36,
                                       {},
                                       {}});
    r.model_version = "2020-04-01";
    return r;
}

/// The v2 spec example's document 3.
inline ta::document v2_document() {
    return {"3", "I love it", ""};
}

inline ta::result v2_result() {
    ta::result r;
    r.id = "3";
    r.score = 0.97333031892776489;
    return r;
}

/// An empty document, as the service reports it.
inline ta::document error_document() {
    return {"2", "", ""};
}

inline ta::result error_result() {
    ta::result r;
    r.id = "2";
    r.error = ta::document_error{"InvalidDocument", "Document text is empty."};
    return r;
}

/// Text with everything a table format must escape.
inline ta::document odd_document() {
    return {"4", "say \"hi\",\tthen\nleave\\now", ""};
}

inline ta::result odd_result() {
    ta::result r;
    r.id = "4";
    r.sentiment = ta::sentiment_label::negative;
    r.confidence = ta::confidence_scores{0.01, 0.02, 0.97};
    r.sentences.push_back(ta::sentence{"say \"hi\",\tthen\nleave\\now",
                                       ta::sentiment_label::negative,
                                       {0.01, 0.02, 0.97},
                                       0,
                                       24,
                                       {},
                                       {}});
    r.model_version = "2020-04-01";
    return r;
}

/// The v3.1 opinion-mining example, its first sentence.
inline ta::document opinion_document() {
    return {"1", "Great atmosphere.", ""};
}

inline ta::result opinion_result() {
    ta::result r;
    r.id = "1";
    r.sentiment = ta::sentiment_label::positive;
    r.confidence = ta::confidence_scores{1, 0, 0};
    ta::sentence s{"Great atmosphere.", ta::sentiment_label::positive, {1, 0, 0}, 0, 17, {}, {}};
    s.targets.push_back(ta::sentence_target{
        "atmosphere", ta::sentiment_label::positive, 1, 0, 6, 10, {{"assessment", 0, 0}}});
    s.assessments.push_back(
        ta::sentence_assessment{"great", ta::sentiment_label::positive, 1, 0, 0, 5, false});
    r.sentences.push_back(s);
    r.model_version = "2020-04-01";
    return r;
}

} // namespace ta::cli::test
