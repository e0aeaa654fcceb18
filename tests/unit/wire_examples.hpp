// The service's documented answers (reference section E), as test vectors for the parsers.
#pragma once

#include <string>

namespace ta::test {

// E.1: v3.0, document 1 of the spec example.
inline const std::string e1_v3_0_response =
    R"({"documents":[{"id":"1","sentiment":"positive","confidenceScores":{"positive":0.98,"neutral":0.01,"negative":0.01},
  "sentences":[{"text":"Hello world.","sentiment":"neutral","confidenceScores":{"positive":0.07,"neutral":0.91,"negative":0.02},"offset":0,"length":12},
               {"text":"This is some input text that I love.","sentiment":"positive","confidenceScores":{"positive":0.98,"neutral":0.01,"negative":0.01},"offset":13,"length":36}],
  "warnings":[]}],"errors":[],"modelVersion":"2020-04-01"})";

// E.2: the document of the v3.1 opinion-mining example (sentence 2 trimmed).
inline const std::string e2_document =
    R"({"id":"1","sentiment":"positive","confidenceScores":{"negative":0,"neutral":0,"positive":1},"warnings":[],
  "sentences":[{"text":"Great atmosphere.","sentiment":"positive","confidenceScores":{"negative":0,"neutral":0,"positive":1},"offset":0,"length":17,
     "targets":[{"text":"atmosphere","sentiment":"positive","confidenceScores":{"negative":0,"positive":1},"offset":6,"length":10,
                 "relations":[{"ref":"#/documents/0/sentences/0/assessments/0","relationType":"assessment"}]}],
     "assessments":[{"text":"great","sentiment":"positive","confidenceScores":{"negative":0,"positive":1},"offset":0,"length":5,"isNegated":false}]},
   {"text":"Close to plenty of restaurants, hotels, and transit!","sentiment":"neutral","confidenceScores":{"negative":0.01,"neutral":0.86,"positive":0.13},"offset":18,"length":52,
     "targets":[{"text":"restaurants","sentiment":"positive","confidenceScores":{"negative":0.01,"positive":0.99},"offset":37,"length":11,
                 "relations":[{"ref":"#/documents/0/sentences/1/assessments/0","relationType":"assessment"}]}],
     "assessments":[{"text":"Close to plenty","sentiment":"positive","confidenceScores":{"negative":0.01,"positive":0.99},"offset":18,"length":15,"isNegated":false}]}]})";

inline const std::string e2_v3_1_response =
    R"({"documents":[)" + e2_document + R"(],"errors":[],"modelVersion":"2020-04-01"})";

// E.3: the Language API wraps the same document.
inline const std::string e3_language_response =
    R"({"kind":"SentimentAnalysisResults","results":{"documents":[)" + e2_document +
    R"(],"errors":[],"modelVersion":"2020-04-01"}})";

// E.4: per-document errors (HTTP 200).
inline const std::string e4_errors =
    R"([
 {"id":"1","error":{"code":"InvalidArgument","message":"Invalid document in request.","innererror":{"code":"InvalidDocument","message":"Document text is empty."}}},
 {"id":"2","error":{"code":"InvalidArgument","message":"Invalid Language Code.","innererror":{"code":"UnsupportedLanguageCode","message":"Invalid language code. Supported languages: en. For additional details see https://aka.ms/text-analytics/language-support"}}},
 {"id":"3","error":{"code":"InvalidArgument","message":"Invalid document in request.","innererror":{"code":"InvalidDocument","message":"A document within the request was too large to be processed. Limit document size to: 5120 text elements. For additional details on the data limitations see https://aka.ms/text-analytics-data-limits"}}}])";

inline const std::string e4_errors_response =
    R"({"documents":[],"errors":)" + e4_errors + R"(,"modelVersion":"2021-05-15"})";

inline const std::string e4_errors_language_response =
    R"({"kind":"SentimentAnalysisResults","results":{"documents":[],"errors":)" + e4_errors +
    R"(,"modelVersion":"2021-05-15"}})";

// E.9: v2 answers out of input order (the spec example's first two documents, then 2 and 4).
inline const std::string e9_v2_response =
    R"({"documents":[{"score":0.0065730810165405273,"id":"1"},{"score":0.97333031892776489,"id":"3"},
                     {"score":0.5,"id":"2"},{"score":0.25,"id":"4"}],"errors":[]})";

} // namespace ta::test
