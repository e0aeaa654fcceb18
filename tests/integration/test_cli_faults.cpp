// ta as a user runs it (in-process, so that its clock is a manual one) against the fake service
// behind the fault proxy, over real HTTP: whatever fails and comes back, every input line gets
// exactly one record, in order; transient faults end scored; an outage ends the run with exit 3
// after the records before it.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fake_service.hpp"
#include "fault_proxy.hpp"
#include "manual_clock.hpp"
#include "run.hpp"

BOOST_AUTO_TEST_SUITE(cli_faults)

using namespace std::chrono_literals;
using ta::test::fault;

namespace {

struct outcome {
    int exit_code = 0;
    std::string out;
    std::string err;
};

/// Runs ta with `args` on `input` (standard input), the endpoint in the environment.
outcome run_ta(const std::vector<std::string>& args, const std::string& input,
               const std::string& endpoint, std::shared_ptr<ta::clock> time) {
    std::istringstream in(input);
    std::ostringstream out;
    std::ostringstream err;
    const std::map<std::string, std::string> environment{{"TA_ENDPOINT", endpoint}};
    const ta::cli::io streams{
        in,
        out,
        err,
        false,
        false,
        [&environment](const std::string& name) -> std::optional<std::string> {
            const auto it = environment.find(name);
            if (it == environment.end()) {
                return std::nullopt;
            }
            return it->second;
        },
        false,
        nullptr,
        std::move(time),
        nullptr};
    const int code = ta::cli::run(args, streams);
    return {code, out.str(), err.str()};
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

/// Lines the toy model scores positive, negative, neutral in turn, numbered.
std::string review_lines(int count) {
    static const char* const texts[] = {"I love it", "This is bad", "It is a table"};
    std::string input;
    for (int i = 0; i < count; ++i) {
        input += std::string(texts[i % 3]) + " (" + std::to_string(i + 1) + ").\n";
    }
    return input;
}

const char* expected_label(int index) {
    static const char* const labels[] = {"positive", "negative", "neutral"};
    return labels[index % 3];
}

/// Every transient fault, in every form the proxy has.
std::vector<fault> transient_mix() {
    return {fault::retry_after_seconds(1s),
            fault::retry_after_date(2s),
            fault::retry_after_ms(20ms),
            fault::x_ms_retry_after_ms(30ms),
            fault::throttled(),
            fault::status(408),
            fault::status(500),
            fault::status(502),
            fault::status(503),
            fault::status(504),
            fault::drop(),
            fault::reset(),
            fault::truncate(),
            fault::slow(20ms),
            fault::stall()};
}

} // namespace

BOOST_AUTO_TEST_CASE(a_share_of_transient_faults_ends_with_every_line_scored_in_order) {
    ta::test::fake_service service;
    ta::test::fault_proxy proxy(service.url());
    proxy.randomly({0.3, transient_mix(), 42});
    auto time = std::make_shared<ta::test::manual_clock>();
    const int lines = 600;
    // Retries enough that 30% of faults cannot exhaust them by bad luck (0.3^9); a short
    // timeout for the stalls (the one real wait).
    const auto r = run_ta({"--format", "jsonl", "--api", "v3.1", "--concurrency", "4", "--retries",
                           "8", "--timeout", "0.5"},
                          review_lines(lines), proxy.url(), time);
    BOOST_TEST(r.exit_code == 0, r.err);
    const auto out = lines_of(r.out);
    BOOST_TEST_REQUIRE(out.size() == static_cast<std::size_t>(lines));
    for (int i = 0; i < lines; ++i) {
        const auto record = nlohmann::json::parse(out[static_cast<std::size_t>(i)]);
        BOOST_TEST_CONTEXT("line " << i + 1) {
            BOOST_TEST(record.at("id") == std::to_string(i + 1));
            BOOST_TEST(!record.contains("error"));
            BOOST_TEST(record.value("sentiment", "") == expected_label(i));
        }
    }
    BOOST_TEST(proxy.faults_injected() > 10U);
    // The waits were the manual clock's, not real ones: a Retry-After of 1 s among them.
    BOOST_TEST(time->elapsed() >= 1s);
}

BOOST_AUTO_TEST_CASE(an_outage_after_a_while_gives_error_records_then_exit_3) {
    ta::test::fake_service service;
    ta::test::fault_proxy proxy(service.url());
    // Three requests answered, then the service is down for good.
    proxy.script(fault::forward(), 3);
    proxy.every(1, fault::status(503));
    auto time = std::make_shared<ta::test::manual_clock>();
    const auto r =
        run_ta({"--format", "tsv", "--api", "v3.1", "--concurrency", "1", "--retries", "2"},
               review_lines(200), proxy.url(), time);
    BOOST_TEST(r.exit_code == 3);
    BOOST_TEST(r.err.find("ta: the service failed (HTTP 503 ServiceUnavailable)") !=
                   std::string::npos,
               r.err);
    const auto out = lines_of(r.out);
    // The header, 30 scored, then error records until failure after failure ended the run.
    BOOST_TEST_REQUIRE(out.size() > 31U);
    BOOST_TEST_REQUIRE(out.size() < 201U);
    for (std::size_t i = 1; i < out.size(); ++i) {
        BOOST_TEST_CONTEXT("row " << i) {
            BOOST_TEST(out[i].rfind(std::to_string(i) + "\t", 0) == 0U, out[i]);
            const bool scored = out[i].find("ServiceUnavailable") == std::string::npos;
            BOOST_TEST(scored == (i <= 30));
        }
    }
}

BOOST_AUTO_TEST_CASE(the_quota_403_fails_fast_with_what_to_do) {
    ta::test::fake_service service;
    ta::test::fault_proxy proxy(service.url());
    proxy.script(fault::quota_exhausted());
    auto time = std::make_shared<ta::test::manual_clock>();
    const auto r = run_ta({"--api", "v3.1"}, review_lines(5), proxy.url(), time);
    BOOST_TEST(r.exit_code == 3);
    BOOST_TEST(r.err.find("monthly call quota is used up") != std::string::npos, r.err);
    BOOST_TEST(proxy.requests_seen() == 1U);
    BOOST_TEST(time->waits().empty()); // not the 15 days it asks for
    BOOST_TEST(r.out.empty());
}

BOOST_AUTO_TEST_SUITE_END()
