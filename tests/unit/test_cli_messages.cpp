#include <stdexcept>
#include <string>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <ta/error.hpp>

#include "errors.hpp"
#include "messages.hpp"

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

constexpr const char* access_denied_message =
    "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a "
    "valid key for an active subscription and use a correct regional API endpoint for your "
    "resource.";

} // namespace

BOOST_AUTO_TEST_SUITE(cli_messages)

BOOST_DATA_TEST_CASE(access_denied_points_at_the_key_and_endpoint,
                     boost::unit_test::data::make({401, 403}), status) {
    const ta::http_error error(status, std::to_string(status), access_denied_message, "req-123",
                               "https://x.cognitiveservices.azure.com/language/:analyze-text");
    const auto f = ta::cli::describe_failure(error);
    BOOST_TEST(f.exit_code == 3);
    BOOST_TEST(f.message.rfind("ta: access denied (HTTP " + std::to_string(status) +
                                   "): check the key (TA_KEY or --key-file) and that the endpoint "
                                   "is the resource's own",
                               0) == 0U);
    BOOST_TEST(contains(f.message, access_denied_message));
    BOOST_TEST(contains(f.message, "request id: req-123"));
}

BOOST_AUTO_TEST_CASE(access_denied_without_a_key_says_to_give_one) {
    const ta::http_error error(
        401, "401", access_denied_message, "req-9",
        "https://x.cognitiveservices.azure.com/text/analytics/v3.1/sentiment");
    const auto f = ta::cli::describe_failure(error, {.key_given = false});
    BOOST_TEST(f.exit_code == 3);
    BOOST_TEST(contains(f.message, "no key was given; set TA_KEY (or use --key-file)"));
    BOOST_TEST(!contains(f.message, "check the key"));
}

BOOST_AUTO_TEST_CASE(exhausted_free_quota_says_wait_or_switch_tier) {
    const ta::http_error error(
        403, "403",
        "Out of call volume quota for TextAnalytics F0 pricing tier. Please "
        "retry after 15 days. To increase your call volume switch to a paid "
        "tier.",
        "", "https://x.cognitiveservices.azure.com/text/analytics/v3.1/sentiment");
    const auto f = ta::cli::describe_failure(error);
    BOOST_TEST(f.exit_code == 3);
    BOOST_TEST(contains(f.message, "free tier"));
    BOOST_TEST(contains(f.message, "quota is used up"));
    BOOST_TEST(contains(f.message, "paid tier"));
    BOOST_TEST(!contains(f.message, "check the key"));
}

BOOST_AUTO_TEST_CASE(no_api_at_the_endpoint_names_it_and_shows_the_usual_url) {
    const ta::api_not_found_error error(404, "404", "Resource not found", "",
                                        "https://example.com/base");
    const auto f = ta::cli::describe_failure(error);
    BOOST_TEST(f.exit_code == 3);
    BOOST_TEST(f.message ==
               "ta: no sentiment API at https://example.com/base: every API version answered 404; "
               "check the endpoint URL (e.g. https://<resource>.cognitiveservices.azure.com)");
}

BOOST_AUTO_TEST_CASE(an_unreachable_service_names_its_host) {
    const ta::transport_error error(
        "Couldn't connect to server",
        "http://127.0.0.1:9/language/:analyze-text?api-version=2023-04-01");
    const auto f = ta::cli::describe_failure(error);
    BOOST_TEST(f.exit_code == 3);
    BOOST_TEST(f.message == "ta: cannot reach http://127.0.0.1:9, also after 3 retries: "
                            "Couldn't connect to server; check --endpoint / TA_ENDPOINT and that "
                            "the service (or the container) is running");
    ta::cli::failure_context once;
    once.retries = 1;
    BOOST_TEST(contains(ta::cli::describe_failure(error, once).message,
                        "http://127.0.0.1:9, also after 1 retry: "));
    ta::cli::failure_context none;
    none.retries = 0;
    BOOST_TEST(contains(ta::cli::describe_failure(error, none).message,
                        "cannot reach http://127.0.0.1:9 (not retried: --retries 0): Couldn't"));
}

BOOST_AUTO_TEST_CASE(a_timeout_suggests_a_longer_timeout) {
    const ta::transport_error error("Operation timed out after 100 ms",
                                    "http://127.0.0.1:9/text/analytics/v3.1/sentiment", true);
    const auto f = ta::cli::describe_failure(error);
    BOOST_TEST(f.exit_code == 3);
    BOOST_TEST(contains(f.message, "no answer from http://127.0.0.1:9 in time, also after 3 "
                                   "retries (Operation timed out after 100 ms)"));
    BOOST_TEST(contains(f.message, "--timeout"));
}

BOOST_AUTO_TEST_CASE(an_unreadable_answer_shows_what_status_and_excerpt) {
    const ta::bad_response_error error("expected a JSON object", 200, "<html>oops</html>", "r-9");
    const auto f = ta::cli::describe_failure(error);
    BOOST_TEST(f.exit_code == 3);
    BOOST_TEST(f.message == "ta: the service's answer could not be read: expected a JSON object "
                            "(HTTP 200): <html>oops</html>\n  request id: r-9");
}

BOOST_AUTO_TEST_CASE(a_redirect_to_the_same_api_names_the_endpoint_to_use) {
    // http:// to a resource that answers https only: the endpoint to give is the target's base.
    const ta::http_error error(
        308, "Redirect",
        "the endpoint redirects to https://x.example.com/base/language/:analyze-text?"
        "api-version=2023-04-01; ta does not follow redirects (the key would go along): use the "
        "final URL as the endpoint",
        "", "http://x.example.com/language/:analyze-text?api-version=2023-04-01");
    const auto f = ta::cli::describe_failure(error);
    BOOST_TEST(contains(f.message, "; use https://x.example.com/base as --endpoint / TA_ENDPOINT"),
               f.message);
}

BOOST_AUTO_TEST_CASE(a_redirect_names_an_endpoint_only_where_it_can_tell_it) {
    const auto advice = [](const std::string& target, const std::string& url) {
        const ta::http_error error(
            301, "Redirect",
            "the endpoint redirects to " + target + "; ta does not follow redirects", "", url);
        return ta::cli::describe_failure(error).message;
    };
    // A base path that holds "/language/" itself, and a v3 path under it.
    BOOST_TEST(contains(advice("https://x/language/proxy/language/:analyze-text?api-version=1",
                               "http://x/language/proxy/language/:analyze-text?api-version=1"),
                        "use https://x/language/proxy as --endpoint"));
    BOOST_TEST(contains(advice("https://y/language/text/analytics/v3.1/sentiment",
                               "http://x/language/text/analytics/v3.1/sentiment"),
                        "use https://y/language as --endpoint"));
    // A relative Location, and one elsewhere on the server: the general advice.
    BOOST_TEST(contains(advice("/base/language/:analyze-text?api-version=1",
                               "http://x/language/:analyze-text?api-version=1"),
                        "use the final URL as --endpoint"));
    BOOST_TEST(contains(advice("https://x/login", "http://x/language/:analyze-text"),
                        "use the final URL as --endpoint"));
}

BOOST_AUTO_TEST_CASE(a_redirect_explains_why_it_is_not_followed) {
    const ta::http_error error(301, "Redirect",
                               "the endpoint redirects to https://new.example.com/language; ta "
                               "does not follow redirects (the key would go along): use the final "
                               "URL as the endpoint",
                               "", "http://old.example.com/language/:analyze-text");
    const auto f = ta::cli::describe_failure(error);
    BOOST_TEST(f.exit_code == 3);
    BOOST_TEST(contains(f.message, "redirect (HTTP 301) to https://new.example.com/language"));
    BOOST_TEST(contains(f.message, "the key would go along"));
    BOOST_TEST(contains(f.message, "final URL"));
}

BOOST_AUTO_TEST_CASE(throttling_after_the_retries_suggests_waiting) {
    const ta::http_error error(429, "429", "Requests have exceeded rate limit.", "id-429",
                               "https://x/text/analytics/v3.1/sentiment");
    const auto f = ta::cli::describe_failure(error);
    BOOST_TEST(f.exit_code == 3);
    BOOST_TEST(contains(f.message, "HTTP 429"));
    BOOST_TEST(contains(f.message, "--retries"));
    BOOST_TEST(contains(f.message, "Requests have exceeded rate limit."));
}

BOOST_AUTO_TEST_CASE(other_http_errors_show_status_code_message_and_request_id) {
    const ta::http_error error(400, "InvalidDocumentBatch",
                               "Batch request contains too many records. Max 10 records are "
                               "permitted.",
                               "abc-1", "https://x/text/analytics/v3.1/sentiment");
    const auto f = ta::cli::describe_failure(error);
    BOOST_TEST(f.exit_code == 3);
    BOOST_TEST(f.message == "ta: the service refused the request (HTTP 400 InvalidDocumentBatch) "
                            "at https://x/text/analytics/v3.1/sentiment\n"
                            "  the service said: Batch request contains too many records. Max 10 "
                            "records are permitted.\n"
                            "  request id: abc-1");
}

BOOST_AUTO_TEST_CASE(server_errors_exit_3_with_their_code) {
    const ta::http_error error(503, "ServiceUnavailable", "Try later.", "", "https://x/y");
    const auto f = ta::cli::describe_failure(error);
    BOOST_TEST(f.exit_code == 3);
    BOOST_TEST(contains(f.message, "HTTP 503 ServiceUnavailable"));
}

BOOST_DATA_TEST_CASE(server_errors_count_the_retries_there_were,
                     boost::unit_test::data::make({0, 1, 3}) ^
                         boost::unit_test::data::make(
                             {"ta: the service failed (HTTP 503 ServiceUnavailable); it was not "
                              "retried (--retries 0): try again later, or raise --retries",
                              "ta: the service failed (HTTP 503 ServiceUnavailable) and still did "
                              "after 1 retry: try again later, or raise --retries",
                              "ta: the service failed (HTTP 503 ServiceUnavailable) and still did "
                              "after 3 retries: try again later, or raise --retries"}),
                     retries, expected) {
    const ta::http_error error(503, "ServiceUnavailable", "", "", "https://x/y");
    const auto f = ta::cli::describe_failure(error, {.key_given = true, .retries = retries});
    BOOST_TEST(f.message == expected);
}

BOOST_AUTO_TEST_CASE(throttling_without_retries_says_there_were_none) {
    const ta::http_error error(429, "429", "", "", "https://x/y");
    const auto f = ta::cli::describe_failure(error, {.key_given = true, .retries = 0});
    BOOST_TEST(f.message == "ta: the service is throttling requests (HTTP 429); it was not "
                            "retried (--retries 0): try again later, or raise --retries");
}

BOOST_AUTO_TEST_CASE(the_services_words_are_shown_on_one_line) {
    const ta::http_error error(400, "InvalidRequest", "first\nsecond\r\n\x1b[31mred", "id\n2",
                               "https://x/y");
    const auto f = ta::cli::describe_failure(error);
    BOOST_TEST(f.message == "ta: the service refused the request (HTTP 400 InvalidRequest) at "
                            "https://x/y\n"
                            "  the service said: first second   [31mred\n"
                            "  request id: id 2");
}

BOOST_AUTO_TEST_CASE(an_unreadable_answer_excerpt_is_shown_on_one_line) {
    const ta::bad_response_error error("expected a JSON object", 200, "<html>\n<body>", "");
    BOOST_TEST(ta::cli::describe_failure(error).message ==
               "ta: the service's answer could not be read: expected a JSON object (HTTP 200): "
               "<html> <body>");
}

BOOST_AUTO_TEST_CASE(unwritable_output_exits_2) {
    const auto f = ta::cli::describe_failure(ta::cli::output_error("No space left on device"));
    BOOST_TEST(f.exit_code == 2);
    BOOST_TEST(f.message == "ta: cannot write the output: No space left on device");
}

BOOST_AUTO_TEST_CASE(a_usage_error_from_the_library_exits_2) {
    const ta::usage_error error("opinion mining needs API v3.1 or later");
    const auto f = ta::cli::describe_failure(error);
    BOOST_TEST(f.exit_code == 2);
    BOOST_TEST(f.message == "ta: opinion mining needs API v3.1 or later");
}

BOOST_AUTO_TEST_CASE(a_command_line_error_adds_the_help_hint) {
    const auto f = ta::cli::describe_failure(ta::cli::command_line_error("unknown --format 'xml'"));
    BOOST_TEST(f.exit_code == 2);
    BOOST_TEST(f.message == "ta: unknown --format 'xml'\nRun 'ta --help' for usage.");
}

BOOST_AUTO_TEST_CASE(an_input_error_exits_2) {
    const auto f = ta::cli::describe_failure(
        ta::cli::input_error("cannot read 'x': No such file or directory"));
    BOOST_TEST(f.exit_code == 2);
    BOOST_TEST(f.message == "ta: cannot read 'x': No such file or directory");
}

BOOST_AUTO_TEST_CASE(no_input_says_where_text_can_come_from) {
    const auto f = ta::cli::describe_failure(ta::cli::no_input_error());
    BOOST_TEST(f.exit_code == 2);
    BOOST_TEST(contains(f.message, "arguments"));
    BOOST_TEST(contains(f.message, "-f FILE"));
    BOOST_TEST(contains(f.message, "standard input"));
    BOOST_TEST(contains(f.message, "ta --help"));
}

BOOST_AUTO_TEST_CASE(no_endpoint_explains_how_to_configure_one) {
    const auto f = ta::cli::describe_failure(ta::cli::no_endpoint_error());
    BOOST_TEST(f.exit_code == 2);
    for (const char* part :
         {"TA_ENDPOINT", "--endpoint", "http://localhost:5000", "TA_KEY", "--key-file"}) {
        BOOST_TEST(contains(f.message, part), part);
    }
}

BOOST_AUTO_TEST_CASE(an_unexpected_exception_is_an_internal_error_and_exits_3) {
    const auto f = ta::cli::describe_failure(std::runtime_error("something odd"));
    BOOST_TEST(f.exit_code == 3);
    BOOST_TEST(f.message == "ta: internal error: something odd");
}

BOOST_AUTO_TEST_CASE(every_message_starts_with_the_program_name) {
    const std::runtime_error unexpected("something odd");
    BOOST_TEST(ta::cli::describe_failure(unexpected).message.rfind("ta: ", 0) == 0U);
    BOOST_TEST(ta::cli::describe_failure(ta::cli::no_endpoint_error()).message.rfind("ta: ", 0) ==
               0U);
}

BOOST_AUTO_TEST_SUITE_END()
