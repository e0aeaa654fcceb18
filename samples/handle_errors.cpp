// The two kinds of failure, and what to tell the user about each:
//  - one document that cannot be scored (empty, too long, a language the model lacks) is a value:
//    its result has `error` set, and the other documents are scored as usual;
//  - a call that cannot be made at all (no such host, a wrong key, no sentiment API at the
//    endpoint, a bad configuration) throws a ta::error subclass, with what the user needs to act.
//
//   ./handle_errors                                   # the built-in engine: English only
//   TA_ENDPOINT=http://localhost:5000 ./handle_errors # the container, or ta-server
//   TA_ENDPOINT=https://<resource>.cognitiveservices.azure.com TA_KEY=wrong ./handle_errors
//
// Exits as ta does: 0 all scored, 1 some documents failed, 2 bad configuration, 3 the service
// could not be used.
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <ta/ta.hpp>

namespace {

std::unique_ptr<ta::analyzer> make_analyzer() {
    const char* endpoint = std::getenv("TA_ENDPOINT");
    if (endpoint == nullptr || *endpoint == '\0') {
        return std::make_unique<ta::builtin_analyzer>();
    }
    ta::client_options options;
    options.endpoint = endpoint;
    if (const char* key = std::getenv("TA_KEY")) {
        options.key = key;
    }
    options.retries = 1; // a sample should fail fast when the service is down
    return std::make_unique<ta::client>(options);
}

/// What the user can do about a document's error, by its code.
std::string advice(const std::string& code) {
    if (code == "UnsupportedLanguageCode") {
        return "score it with a service that has this language, or correct its language";
    }
    if (code == "InvalidDocument") {
        return "give it some text, at most 5,120 characters";
    }
    return "see the message";
}

} // namespace

int main() {
    const std::vector<ta::document> documents{
        {"1", "The food was great.", "en"},
        {"2", "Le repas était excellent.", "fr"}, // the built-in engine scores English only
        {"3", "", "en"},                          // an empty document is always an error
    };
    try {
        const std::unique_ptr<ta::analyzer> analyzer = make_analyzer();
        int failed = 0;
        for (const ta::result& r : analyzer->analyze(documents)) {
            if (r.ok()) {
                std::cout << r.id << "\tscored\t"
                          << (r.sentiment ? std::string(ta::to_string(*r.sentiment))
                                          : "score " + std::to_string(r.score.value_or(0.5)))
                          << '\n';
                continue;
            }
            ++failed;
            std::cout << r.id << "\tnot scored\t" << r.error->code << ": " << r.error->message
                      << " (" << advice(r.error->code) << ")\n";
        }
        return failed > 0 ? 1 : 0;
    } catch (const ta::usage_error& e) {
        // Raised before any request: the configuration itself cannot work.
        std::cerr << "check the configuration: " << e.what() << '\n';
        return 2;
    } catch (const ta::api_not_found_error& e) {
        // Every API generation answered 404: the endpoint is not a Language resource.
        std::cerr << "no sentiment API at " << e.url() << ": check TA_ENDPOINT\n";
        return 3;
    } catch (const ta::http_error& e) {
        if (e.status() == 401 || e.status() == 403) {
            std::cerr << (e.is_quota_exhausted() ? "the resource's quota is used up"
                                                 : "access denied: check TA_KEY")
                      << " (HTTP " << e.status() << ": " << e.service_message() << ")\n";
        } else {
            std::cerr << "the service answered " << e.status() << ' ' << e.service_code() << ": "
                      << e.service_message() << '\n';
        }
        // The request id is what a support request needs.
        if (!e.request_id().empty()) {
            std::cerr << "request id: " << e.request_id() << '\n';
        }
        return 3;
    } catch (const ta::transport_error& e) {
        std::cerr << (e.timed_out() ? "no answer in time from " : "cannot reach ") << e.url()
                  << ": " << e.what() << "; check TA_ENDPOINT and the network\n";
        return 3;
    } catch (const ta::error& e) {
        // A malformed answer (ta::bad_response_error) or anything else libta reports.
        std::cerr << "the service could not be used: " << e.what() << '\n';
        return 3;
    }
}
