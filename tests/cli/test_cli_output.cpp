// The built `ta` when its output cannot be written, and what it leaves on standard output when
// the service fails part-way.
#include <csignal>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "fake_service.hpp"
#include "test_cli_helpers.hpp"

using namespace ta::cli::test;

namespace {

/// Enough lines for 1000 requests of 10 documents: far more than a pipe holds, both ways.
std::string many_lines() {
    std::string input;
    for (int i = 1; i <= 10'000; ++i) {
        input += "I love line " + std::to_string(i) + " of a review\n";
    }
    return input;
}

constexpr std::size_t requests_for_many_lines = 1'000;

/// A v2 answer scoring documents "1" to "count" (the fake service's own would do, but a scripted
/// answer is the only way to make the next request fail).
std::string v2_answer(int count) {
    nlohmann::json documents = nlohmann::json::array();
    for (int i = 1; i <= count; ++i) {
        documents.push_back({{"id", std::to_string(i)}, {"score", 0.9}});
    }
    return nlohmann::json{{"documents", documents}, {"errors", nlohmann::json::array()}}.dump();
}

const std::string unavailable = R"({"error":{"code":"ServiceUnavailable","message":"Busy."}})";

} // namespace

BOOST_AUTO_TEST_SUITE(cli_output)

BOOST_AUTO_TEST_CASE(a_full_disk_exits_2_with_the_reason) {
    const ta::test::fake_service service;
    const auto r = run_ta_redirected(">/dev/full", {"I love it"}, with_endpoint(service));
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err == "ta: cannot write the output: No space left on device\n");
}

BOOST_AUTO_TEST_CASE(a_closed_standard_output_exits_2) {
    const ta::test::fake_service service;
    const auto r = run_ta_redirected(">&-", {"I love it"}, with_endpoint(service));
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err == "ta: cannot write the output: Bad file descriptor\n");
}

BOOST_AUTO_TEST_CASE(a_closed_pipe_with_sigpipe_ignored_stops_the_requests_and_exits_2) {
    const ta::test::fake_service service;
    auto options = with_input(service, many_lines());
    options.ignore_sigpipe = true;
    options.close_output_after = 1;
    const auto r = run_ta({}, options);
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err == "ta: cannot write the output: Broken pipe\n");
    // What was written before the reader left fits in a pipe's buffer: a few chunks at most.
    BOOST_TEST(service.requests().size() < requests_for_many_lines / 2);
}

BOOST_AUTO_TEST_CASE(a_closed_pipe_with_sigpipe_at_its_default_ends_ta_by_the_signal) {
    const ta::test::fake_service service;
    auto options = with_input(service, many_lines());
    options.close_output_after = 1;
    const auto r = run_ta({}, options);
    BOOST_TEST(r.signal_number == SIGPIPE);
    BOOST_TEST(service.requests().size() < requests_for_many_lines / 2);
}

BOOST_AUTO_TEST_CASE(json_stays_empty_when_the_first_request_fails) {
    ta::test::fake_service service;
    service.script(scripted(503, unavailable));
    const auto r =
        run_ta({"--format", "json", "--retries", "0", "I love it"}, with_endpoint(service));
    BOOST_TEST(r.exit_code == 3);
    BOOST_TEST(r.out.empty());
    BOOST_TEST(contains(r.err, "ta: the service failed (HTTP 503 ServiceUnavailable)"));
}

BOOST_AUTO_TEST_CASE(tsv_has_no_header_when_the_first_request_fails) {
    ta::test::fake_service service;
    service.script(scripted(503, unavailable));
    const auto r =
        run_ta({"--format", "tsv", "--retries", "0", "I love it"}, with_endpoint(service));
    BOOST_TEST(r.exit_code == 3);
    BOOST_TEST(r.out.empty());
}

BOOST_AUTO_TEST_CASE(json_is_whole_with_the_documents_before_a_later_failure) {
    ta::test::fake_service service;
    // v2 takes a chunk of 100 documents in one request: the first is answered, the second fails.
    service.script(scripted(200, v2_answer(100)));
    service.script(scripted(503, unavailable));
    std::string input;
    for (int i = 1; i <= 150; ++i) {
        input += "I love it\n";
    }
    const auto r =
        run_ta({"--format", "json", "--api", "v2.1", "--retries", "0"}, with_input(service, input));
    BOOST_TEST(r.exit_code == 3);
    BOOST_TEST(contains(r.err, "ta: the service failed (HTTP 503 ServiceUnavailable)"));
    BOOST_TEST(service.requests().size() == 2U);
    const auto response = nlohmann::json::parse(r.out); // throws unless whole
    BOOST_TEST_REQUIRE(response.at("documents").size() == 100U);
    BOOST_TEST(response.at("documents").at(99).at("id") == "100");
    BOOST_TEST(response.at("errors").empty());
    BOOST_TEST(!response.contains("modelVersion"));
}

BOOST_AUTO_TEST_SUITE_END()
