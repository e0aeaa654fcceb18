// The built `ta` when its output cannot be written, and what it leaves on standard output when
// the service fails part-way.
#include <csignal>
#include <fstream>
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

/// A v3 answer scoring documents "first" to "last" positive.
std::string v3_answer(int first, int last) {
    const nlohmann::json scores = {{"positive", 0.9}, {"neutral", 0.08}, {"negative", 0.02}};
    nlohmann::json documents = nlohmann::json::array();
    for (int i = first; i <= last; ++i) {
        documents.push_back({{"id", std::to_string(i)},
                             {"sentiment", "positive"},
                             {"confidenceScores", scores},
                             {"sentences",
                              {{{"text", "I love it"},
                                {"sentiment", "positive"},
                                {"confidenceScores", scores},
                                {"offset", 0},
                                {"length", 9}}}},
                             {"warnings", nlohmann::json::array()}});
    }
    return nlohmann::json{{"documents", documents},
                          {"errors", nlohmann::json::array()},
                          {"modelVersion", "2022-11-01"}}
        .dump();
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

BOOST_AUTO_TEST_CASE(a_full_disk_under_a_large_json_response_gives_the_reason_too) {
    // More than the output buffer holds: the write fails in the middle of the run, and the
    // reason must outlive the calls made after it.
    const temp_dir dir;
    const std::string input = dir.path() + "/many.txt";
    {
        std::ofstream out(input);
        for (int i = 0; i < 3000; ++i) {
            out << "I love it " << i << '\n';
        }
    }
    const auto r = run_ta_redirected(">/dev/full", {"-f", input, "--format", "json"});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err == "ta: cannot write the output: No space left on device\n");
}

BOOST_AUTO_TEST_CASE(a_closed_standard_output_exits_2) {
    const ta::test::fake_service service;
    const auto r = run_ta_redirected(">&-", {"I love it"}, with_endpoint(service));
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err == "ta: cannot write the output: Bad file descriptor\n");
}

BOOST_AUTO_TEST_CASE(a_closed_pipe_with_sigpipe_ignored_stops_the_requests_and_exits_141_quietly) {
    const ta::test::fake_service service;
    auto options = with_input(service, many_lines());
    options.ignore_sigpipe = true;
    options.close_output_after = 1;
    const auto r = run_ta({}, options);
    // What the shell shows where SIGPIPE ends ta (128 + 13), not a usage error's 2.
    BOOST_TEST(r.exit_code == 128 + SIGPIPE);
    // The reader went away (`| head -1`): it has what it wanted, and the user needs no word.
    BOOST_TEST(r.err.empty(), r.err);
    // What was written before the reader left fits in a pipe's buffer: a few chunks at most.
    BOOST_TEST(service.requests().size() < requests_for_many_lines / 2);
}

BOOST_AUTO_TEST_CASE(the_built_in_engine_exits_141_quietly_on_a_closed_pipe_with_sigpipe_ignored) {
    ta::test::process_options options;
    options.input = many_lines();
    options.ignore_sigpipe = true;
    options.close_output_after = 1;
    const auto r = run_ta({"--format", "jsonl"}, options);
    BOOST_TEST(r.exit_code == 128 + SIGPIPE);
    BOOST_TEST(r.err.empty(), r.err);
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

BOOST_AUTO_TEST_CASE(a_request_that_fails_later_gives_error_records_and_the_run_goes_on) {
    ta::test::fake_service service;
    // One request at a time, 10 documents each: the first is answered, the second fails (and
    // is not retried), the third is answered by the service itself.
    service.script(scripted(200, v3_answer(1, 10)));
    service.script(scripted(503, unavailable));
    std::string input;
    for (int i = 1; i <= 30; ++i) {
        input += "I love it\n";
    }
    const auto r =
        run_ta({"--format", "json", "--api", "v3.1", "--retries", "0", "--concurrency", "1"},
               with_input(service, input));
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(r.err.empty());
    BOOST_TEST(service.requests().size() == 3U);
    const auto response = nlohmann::json::parse(r.out); // throws unless whole
    BOOST_TEST_REQUIRE(response.at("documents").size() == 20U);
    BOOST_TEST(response.at("documents").at(9).at("id") == "10");
    BOOST_TEST(response.at("documents").at(10).at("id") == "21");
    BOOST_TEST_REQUIRE(response.at("errors").size() == 10U);
    BOOST_TEST(response.at("errors").at(0).at("id") == "11");
    BOOST_TEST(response.at("errors").at(0).at("error").at("code") == "ServiceUnavailable");
    const std::string message = response.at("errors").at(9).at("error").at("message");
    BOOST_TEST(contains(message, "HTTP 503"), message);
}

BOOST_AUTO_TEST_CASE(jsonl_gets_one_record_per_line_in_order_when_a_request_fails) {
    ta::test::fake_service service;
    service.script(scripted(200, v3_answer(1, 10)));
    service.script(scripted(500, unavailable));
    std::string input;
    for (int i = 1; i <= 25; ++i) {
        input += "I love it\n";
    }
    const auto r =
        run_ta({"--format", "jsonl", "--api", "v3.1", "--retries", "0", "--concurrency", "1"},
               with_input(service, input));
    BOOST_TEST(r.exit_code == 1);
    const auto lines = lines_of(r.out);
    BOOST_TEST_REQUIRE(lines.size() == 25U);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto record = nlohmann::json::parse(lines[i]);
        BOOST_TEST(record.at("id") == std::to_string(i + 1));
        BOOST_TEST(record.contains("error") == (i >= 10 && i < 20), lines[i]);
    }
}

BOOST_AUTO_TEST_CASE(json_is_whole_with_the_documents_before_a_failure_that_ends_the_run) {
    ta::test::fake_service service;
    // The key stops working after the first request: nothing more can be scored.
    service.script(scripted(200, v3_answer(1, 10)));
    service.script(scripted(401, R"({"error":{"code":"401","message":"Access denied."}})"));
    std::string input;
    for (int i = 1; i <= 30; ++i) {
        input += "I love it\n";
    }
    const auto r = run_ta({"--format", "json", "--api", "v3.1", "--concurrency", "1"},
                          with_input(service, input));
    BOOST_TEST(r.exit_code == 3);
    BOOST_TEST(contains(r.err, "access denied (HTTP 401)"), r.err);
    const auto response = nlohmann::json::parse(r.out); // throws unless whole
    BOOST_TEST_REQUIRE(response.at("documents").size() == 10U);
    BOOST_TEST(response.at("documents").at(9).at("id") == "10");
    BOOST_TEST(response.at("errors").empty());
}

BOOST_AUTO_TEST_SUITE_END()
