// The progress line: what it says, when it shows, and that a pipe gets it only when asked.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "manual_clock.hpp"
#include "progress.hpp"
#include "run.hpp"

BOOST_AUTO_TEST_SUITE(cli_progress)

using namespace std::chrono_literals;
using ta::cli::progress_meter;

BOOST_AUTO_TEST_CASE(the_line_says_documents_rate_failures_and_time_left) {
    BOOST_TEST(progress_meter::line(12'345, 0, 10, std::nullopt) ==
               "ta: 12,345 documents, 1,235/s");
    BOOST_TEST(progress_meter::line(1, 1, 0, std::nullopt) == "ta: 1 document (1 failed)");
    BOOST_TEST(progress_meter::line(1'000'000, 3'000, 100, 0.25) ==
               "ta: 1,000,000 documents (3,000 failed), 10,000/s, about 5:00 left");
    BOOST_TEST(progress_meter::line(50, 0, 3600, 0.5) ==
               "ta: 50 documents, 0/s, about 1:00:00 left");
    // Too early for a rate.
    BOOST_TEST(progress_meter::line(1, 0, 0.02, std::nullopt) == "ta: 1 document");
    // Too early for an estimate.
    BOOST_TEST(progress_meter::line(10, 0, 0.5, 0.1) == "ta: 10 documents, 20/s");
}

BOOST_AUTO_TEST_CASE(on_a_terminal_it_shows_after_a_moment_and_rewrites_one_line) {
    ta::test::manual_clock time;
    std::ostringstream err;
    progress_meter meter(err, time, true, false, [] { return std::optional<double>(0.5); });
    meter.update(10, 0);
    time.advance(500ms);
    meter.update(20, 0);
    BOOST_TEST(err.str().empty()); // a short run says nothing
    time.advance(600ms);
    meter.update(30, 1);
    BOOST_TEST(err.str() == "\rta: 30 documents (1 failed), 27/s, about 0:01 left\x1b[K");
    time.advance(100ms);
    meter.update(40, 1); // too soon to redraw
    BOOST_TEST(err.str().find("40 documents") == std::string::npos);
    time.advance(900ms);
    meter.finish(50, 1);
    BOOST_TEST(err.str().ends_with("\rta: 50 documents (1 failed), 24/s, done in 0:02\x1b[K\n"));
}

BOOST_AUTO_TEST_CASE(a_run_too_short_for_the_line_leaves_nothing) {
    ta::test::manual_clock time;
    std::ostringstream err;
    progress_meter meter(err, time, true, false, nullptr);
    meter.update(1, 0);
    meter.finish(1, 0);
    BOOST_TEST(err.str().empty());
}

BOOST_AUTO_TEST_CASE(asked_for_off_a_terminal_it_writes_whole_lines) {
    ta::test::manual_clock time;
    std::ostringstream err;
    progress_meter meter(err, time, false, true, nullptr);
    meter.update(1, 0);
    time.advance(2s);
    meter.update(2, 0);
    meter.finish(2, 0);
    BOOST_TEST(err.str() ==
               "ta: 1 document\nta: 2 documents, 1/s\nta: 2 documents, 1/s, done in 0:02\n");
}

namespace {

/// ta run in-process on `input`, the built-in engine, with terminals as given.
std::string stderr_of(const std::vector<std::string>& args, bool stderr_terminal,
                      bool stdout_terminal) {
    std::istringstream in("good\nbad\n");
    std::ostringstream out;
    std::ostringstream err;
    const ta::cli::io streams{
        in,
        out,
        err,
        false,
        stdout_terminal,
        [](const std::string&) -> std::optional<std::string> { return std::nullopt; },
        stderr_terminal,
        nullptr,
        std::make_shared<ta::test::manual_clock>(),
        nullptr};
    BOOST_TEST(ta::cli::run(args, streams) == 0);
    return err.str();
}

} // namespace

BOOST_AUTO_TEST_CASE(progress_goes_to_standard_error_only_where_it_should) {
    // Asked for: shown, even in a pipe, from the first record.
    BOOST_TEST(stderr_of({"--progress", "--format", "tsv"}, false, false) ==
               "ta: 1 document\nta: 2 documents, done in 0:00\n");
    // Not asked for, in a pipe: never.
    BOOST_TEST(stderr_of({"--format", "tsv"}, false, false).empty());
    // Refused: never, even on a terminal.
    BOOST_TEST(stderr_of({"--no-progress"}, true, false).empty());
    // On a terminal whose output goes elsewhere: only once the run has lasted a moment, which
    // two documents do not.
    BOOST_TEST(stderr_of({}, true, false).empty());
}

BOOST_AUTO_TEST_SUITE_END()
