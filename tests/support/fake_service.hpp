// An in-process HTTP server on 127.0.0.1 (port 0) that behaves like the sentiment service: every
// API generation's paths and shapes, its documented limits and error bodies, an optional key. Its
// "model" is a toy (word lists), deterministic, so tests can predict labels.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <ta/api_version.hpp>

namespace ta::test {

struct recorded_request {
    std::string method;
    std::string path;  ///< without the query
    std::string query; ///< raw, without '?'; "" when none
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    int remote_port = 0; ///< the client's port: equal ports = a reused connection

    /// The first header of that name (case-insensitive), or "" when absent.
    std::string header(std::string_view name) const;
    bool has_header(std::string_view name) const;
};

/// An answer that replaces the normal one for the next request (queued, first in first out).
struct scripted_response {
    int status = 200;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string content_type = "application/json; charset=utf-8";
    /// The server waits this long before answering (for timeout tests; keep it short).
    std::chrono::milliseconds delay{0};
};

struct fake_service_options {
    /// The API versions this "service" has; the others answer 404 like the gateway.
    std::vector<ta::api_version> versions = ta::all_api_versions();
    /// When not empty, requests must carry it in Ocp-Apim-Subscription-Key, else 401.
    std::string key;
    /// v2 answers list documents in reverse order, as the real v2 did (out of order).
    bool v2_reverse_order = true;
    /// Languages accepted; others give a per-document UnsupportedLanguageCode error.
    std::set<std::string> languages = {"en", "es", "fr", "de", "it", "pt", "nl", "ja", "zh"};
    /// The modelVersion in answers.
    std::string model_version = "2022-11-01";
};

/// Scoring rule of the toy model, per sentence (sentences end at '.', '!' or '?' followed by a
/// space or the end): a sentence containing "good", "great", "love" or "happy" (any case) is
/// positive {0.90, 0.08, 0.02}; one containing "bad", "awful", "hate" or "sad" is negative
/// {0.02, 0.08, 0.90}; both: whichever word comes first; neither: neutral {0.05, 0.90, 0.05}.
/// The document label follows Azure's rule (mixed when it has positive and negative sentences);
/// its scores are the mean of its sentences'. v2 score: 0.9 positive, 0.1 negative, 0.5 otherwise
/// (mixed 0.5). Opinion mining (v3.1, Language API): for each sentence word "food", "service" or
/// "staff" a target, linked to one assessment: the sentence's first sentiment word.
class fake_service {
  public:
    explicit fake_service(fake_service_options options = {});
    ~fake_service(); ///< stops the server and joins its thread
    fake_service(const fake_service&) = delete;
    fake_service& operator=(const fake_service&) = delete;

    /// "http://127.0.0.1:<port>"
    std::string url() const;
    int port() const;

    /// Queues an answer for the next request (any path).
    void script(scripted_response response);
    /// Every request received so far, in arrival order.
    std::vector<recorded_request> requests() const;
    void clear_requests();

  private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace ta::test
