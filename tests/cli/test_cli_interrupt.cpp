// The built `ta` interrupted (Ctrl-C is SIGINT; a service manager sends SIGTERM) while it reads a
// pipe that never ends: it stops at once, what it wrote is whole records (a json response is
// closed), and it ends by the signal, as the shell expects of a program it interrupted ($? is
// 130), on the built-in engine and on the service, with requests still in flight.
#include <cerrno>
#include <chrono>
#include <csignal>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "running_ta.hpp"
#include "server_process.hpp"
#include "test_cli_helpers.hpp"

namespace data = boost::unit_test::data;
using namespace ta::cli::test;
using json = nlohmann::json;
using std::chrono::milliseconds;

namespace {

/// A safety net against a hang, not a measure.
constexpr milliseconds hang_limit{20'000};

std::string lines(int count, const std::string& text = "I love it") {
    std::string input;
    for (int i = 0; i < count; ++i) {
        input += text + "\n";
    }
    return input;
}

/// Every line of `out` a whole JSON object; their number.
std::size_t whole_records(const std::string& out) {
    BOOST_TEST((out.empty() || out.back() == '\n'), "the output ends inside a record");
    std::size_t count = 0;
    for (const auto& line : lines_of(out)) {
        BOOST_TEST(json::accept(line), line);
        ++count;
    }
    return count;
}

} // namespace

BOOST_AUTO_TEST_SUITE(cli_interrupt)

BOOST_DATA_TEST_CASE(the_built_in_engine_stops_on_a_pipe_that_never_ends,
                     data::make({SIGINT, SIGTERM, SIGHUP}), signal_number) {
    running_ta ta({"--format", "jsonl"}, {});
    ta.write(lines(3));
    BOOST_REQUIRE(ta.wait_for_lines(3, hang_limit));
    ta.signal(signal_number);
    BOOST_TEST(ta.wait_for_exit(hang_limit));
    BOOST_TEST(ta.signal_number() == signal_number);
    BOOST_TEST(whole_records(ta.out()) == 3U);
    BOOST_TEST(ta.err().empty(), ta.err());
}

BOOST_AUTO_TEST_CASE(json_output_is_closed_when_interrupted) {
    running_ta ta({"--format", "json"}, {});
    ta.write(lines(5));
    // The records come as they are scored, a few lines each.
    BOOST_REQUIRE(ta.wait_for_lines(20, hang_limit));
    ta.signal(SIGINT);
    BOOST_TEST(ta.wait_for_exit(hang_limit));
    BOOST_TEST(ta.signal_number() == SIGINT);
    const auto response = json::parse(ta.out()); // throws unless whole
    BOOST_TEST(response["documents"].size() <= 5U);
    BOOST_TEST(response.contains("errors"));
}

BOOST_AUTO_TEST_CASE(json_output_interrupted_before_any_record_is_an_empty_response) {
    running_ta ta({"--format", "json"}, {});
    // Main, the stop-signal thread and the stream's reader: the run has begun, waiting for input.
    BOOST_REQUIRE(ta.wait_for_threads(3, hang_limit));
    ta.signal(SIGINT);
    BOOST_TEST(ta.wait_for_exit(hang_limit));
    BOOST_TEST(ta.signal_number() == SIGINT);
    const auto response = json::parse(ta.out()); // throws unless whole
    BOOST_TEST(response["documents"].empty());
}

/// Opens the writing end of the pipe `path` once ta has it open for reading (it may be waiting
/// in its open: that counts); -1 when `limit` passed first.
int open_pipe_when_read(const std::string& path, milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    for (;;) {
        const int fd = ::open(path.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd >= 0 || errno != ENXIO || std::chrono::steady_clock::now() >= deadline) {
            return fd;
        }
        std::this_thread::sleep_for(milliseconds(1)); // a poll, not a wait
    }
}

BOOST_AUTO_TEST_CASE(a_signal_before_the_run_has_begun_still_closes_the_json_response) {
    // ta opens each of its files before the run begins (so that a typo in the last name costs
    // no output), and a pipe's open waits for its writer: with two, ta is held before the run,
    // past its signal mask, until the test opens the second.
    const temp_dir dir;
    const std::string first = dir.path() + "/first";
    const std::string second = dir.path() + "/second";
    BOOST_REQUIRE(::mkfifo(first.c_str(), 0600) == 0);
    BOOST_REQUIRE(::mkfifo(second.c_str(), 0600) == 0);
    running_ta ta({"--format", "json", "-f", first, "-f", second}, {});
    const int first_writer = open_pipe_when_read(first, hang_limit);
    BOOST_REQUIRE(first_writer >= 0);
    ::close(first_writer);
    // ta now waits for the second pipe's writer; the signal is taken while it does.
    ta.signal(SIGINT);
    BOOST_REQUIRE(ta.wait_for_signal_taken(SIGINT, hang_limit));
    const int second_writer = open_pipe_when_read(second, hang_limit);
    BOOST_TEST_REQUIRE(second_writer >= 0, "ta ended before its run began");
    ::close(second_writer);
    BOOST_TEST(ta.wait_for_exit(hang_limit));
    BOOST_TEST(ta.signal_number() == SIGINT);
    const auto response = json::parse(ta.out()); // throws unless whole
    BOOST_TEST(response["documents"].empty());
    BOOST_TEST(ta.err().empty(), ta.err());
}

BOOST_AUTO_TEST_CASE(a_signal_ignored_when_ta_starts_stays_ignored) {
    // A script's `trap '' INT` (or its background job): Ctrl-C is not for this ta.
    running_ta ta({"--format", "jsonl"}, {}, {SIGINT});
    ta.write(lines(2));
    BOOST_REQUIRE(ta.wait_for_lines(2, hang_limit));
    ta.signal(SIGINT);
    ta.write(lines(3));
    BOOST_REQUIRE(ta.wait_for_lines(5, hang_limit));
    ta.close_input();
    BOOST_TEST(ta.wait_for_exit(hang_limit));
    BOOST_TEST(ta.signal_number() == 0);
    BOOST_TEST(ta.exit_code() == 0);
    BOOST_TEST(whole_records(ta.out()) == 5U);
}

BOOST_AUTO_TEST_CASE(a_run_scoring_a_flood_of_lines_stops_between_records) {
    // The engine is busy: lines keep coming, records keep going out, when the signal lands.
    running_ta ta({"--format", "jsonl"}, {});
    const std::string chunk = lines(500, "The food was great but the service was awful.");
    ta.write(chunk);
    BOOST_REQUIRE(ta.wait_for_lines(100, hang_limit));
    ta.write(chunk);
    ta.signal(SIGINT);
    BOOST_TEST(ta.wait_for_exit(hang_limit));
    BOOST_TEST(ta.signal_number() == SIGINT);
    const std::size_t written = whole_records(ta.out());
    BOOST_TEST(written >= 100U);
    BOOST_TEST(written <= 1000U);
}

BOOST_AUTO_TEST_CASE(the_service_path_stops_without_waiting_for_requests_in_flight) {
    // Each request takes 4 s to be answered: ta must not wait for those it has sent.
    ta::test::server_process server(
        {TA_SERVER_BINARY, "--port", "0", "--latency", "4000", "--threads", "16"});
    running_ta ta({"--format", "jsonl", "--api", "v3.1"}, {{"TA_ENDPOINT", server.url()}});
    ta.write(lines(3));
    BOOST_REQUIRE(ta.wait_for_lines(3, hang_limit));
    ta.write(lines(10)); // now in flight
    const auto signalled = std::chrono::steady_clock::now();
    ta.signal(SIGINT);
    BOOST_TEST(ta.wait_for_exit(hang_limit));
    const auto took = std::chrono::steady_clock::now() - signalled;
    BOOST_TEST(ta.signal_number() == SIGINT);
    BOOST_TEST(whole_records(ta.out()) == 3U);
    BOOST_TEST(ta.err().empty(), ta.err());
    // Well before the answers could have come (a generous bound for a loaded machine).
    BOOST_TEST((took < milliseconds(3'000)));
    // The server is killed as the test ends: a clean stop would wait for the requests ta left.
}

BOOST_AUTO_TEST_CASE(output_nobody_reads_does_not_keep_ta_from_stopping) {
    // ta blocks writing to a full pipe (a pager that stopped): the signal still ends it, after a
    // grace of about a second for the record being written.
    running_ta ta({"--format", "jsonl"}, {});
    ta.write(lines(2'000)); // 20 KB in, far more out than a pipe holds
    BOOST_REQUIRE(ta.wait_for_unread_output(32'768, hang_limit));
    ta.signal(SIGINT);
    BOOST_TEST(ta.exited_unread_within(hang_limit));
    BOOST_TEST(ta.signal_number() == SIGINT);
}

BOOST_AUTO_TEST_SUITE_END()
