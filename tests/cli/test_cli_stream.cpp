// The built `ta` on a pipe that trickles, as `tail -f log | ta` gives it: each record comes out
// before the next line goes in, so a pipe that never ends still gets its output. A shell writes a
// line, then waits (polling, with a limit that only guards against a hang) until ta's output has
// its record, then writes the next.
#include <chrono>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include "fake_service.hpp"
#include "test_cli_helpers.hpp"

using namespace ta::cli::test;

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// A bash script that feeds `ta ARGS > OUT` three lines, each only once the output has the
/// records of the lines before it (after `header_lines`); exits 9 if a record never came.
std::string trickle_script(const std::string& out, int header_lines) {
    return "exec 3> >(exec \"$0\" \"$@\" > '" + out + "')\n" +
           "wait_for() { n=0; while [ \"$(wc -l 2>/dev/null < '" + out +
           "' || echo 0)\" -lt \"$1\" ]; do n=$((n+1)); "
           "[ $n -gt 400 ] && exit 9; sleep 0.05; done; }\n"
           "echo 'I love it' >&3; wait_for " +
           std::to_string(header_lines + 1) +
           "\n"
           "echo 'This is bad' >&3; wait_for " +
           std::to_string(header_lines + 2) +
           "\n"
           "echo 'It is a table' >&3; wait_for " +
           std::to_string(header_lines + 3) +
           "\n"
           "exec 3>&-\n";
}

ta::test::process_result run_trickled(const std::string& out, int header_lines,
                                      const std::vector<std::string>& args,
                                      const ta::test::process_options& options) {
    std::vector<std::string> argv{"/bin/bash", "-c", trickle_script(out, header_lines), TA_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return ta::test::run_process(argv, options);
}

} // namespace

BOOST_AUTO_TEST_SUITE(cli_stream)

BOOST_AUTO_TEST_CASE(the_built_in_engine_writes_each_record_as_its_line_comes) {
    const temp_dir dir;
    const std::string out = dir.path() + "/out.tsv";
    const auto r = run_trickled(out, 1, {"--format", "tsv"}, {});
    // The script's exit code: 0 when every record came before the next line was written.
    BOOST_TEST(r.exit_code == 0, r.err);
    const auto lines = lines_of(read_file(out));
    BOOST_TEST_REQUIRE(lines.size() == 4U);
    BOOST_TEST(lines[1].rfind("1\tpositive\t", 0) == 0U);
    BOOST_TEST(lines[2].rfind("2\tnegative\t", 0) == 0U);
    BOOST_TEST(lines[3].rfind("3\tneutral\t", 0) == 0U);
}

BOOST_AUTO_TEST_CASE(a_named_pipe_given_with_f_is_read_to_its_end) {
    // `ta -f fifo` with a writer that writes and goes: the lines are in the pipe that ta opened
    // to check the file, and in no other open of it.
    const temp_dir dir;
    const std::string fifo = dir.path() + "/fifo";
    BOOST_TEST_REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    ta::test::process_options options;
    options.kill_after = std::chrono::seconds(20); // a hang fails the test, and not for a minute
    const auto r = ta::test::run_process(
        {"/bin/sh", "-c",
         "printf 'I love it\\nThis is bad\\n' > \"$1\" & exec \"$0\" -f \"$1\" --format tsv",
         TA_BINARY, fifo},
        options);
    BOOST_TEST(r.exit_code == 0, r.err);
    const auto lines = lines_of(r.out);
    BOOST_TEST_REQUIRE(lines.size() == 3U, r.out);
    BOOST_TEST(lines[1].rfind("1\tpositive\t", 0) == 0U);
    BOOST_TEST(lines[2].rfind("2\tnegative\t", 0) == 0U);
}

BOOST_AUTO_TEST_CASE(the_service_path_writes_each_record_as_its_line_comes) {
    const ta::test::fake_service service;
    const temp_dir dir;
    const std::string out = dir.path() + "/out.jsonl";
    const auto r = run_trickled(out, 0, {"--format", "jsonl"}, with_endpoint(service));
    BOOST_TEST(r.exit_code == 0, r.err);
    const auto lines = lines_of(read_file(out));
    BOOST_TEST_REQUIRE(lines.size() == 3U);
    BOOST_TEST(contains(lines[0], R"("sentiment":"positive")"));
    BOOST_TEST(contains(lines[2], R"("id":"3")"));
    // One request a line: nothing was held back to fill a batch.
    BOOST_TEST(service.requests().size() == 3U);
}

BOOST_AUTO_TEST_CASE(a_service_that_refuses_ends_the_run_without_waiting_for_more_input) {
    // The key is refused on the first line, while the pipe stays open for half a minute more: ta
    // must say so and exit then, not when the pipe ends.
    ta::test::fake_service service;
    service.script(scripted(401, R"({"error":{"code":"401","message":"Access denied."}})"));
    auto options = with_endpoint(service);
    options.kill_after = std::chrono::milliseconds(25'000);
    const auto started = std::chrono::steady_clock::now();
    const auto r = ta::test::run_process(
        {"/bin/bash", "-c", "exec \"$0\" < <({ echo 'I love it'; exec sleep 30; } 2>/dev/null)",
         TA_BINARY},
        options);
    const auto took = std::chrono::steady_clock::now() - started;
    BOOST_TEST(r.exit_code == 3, r.err);
    BOOST_TEST(contains(r.err, "access denied (HTTP 401)"), r.err);
    BOOST_TEST(r.signal_number == 0); // not the hang guard's kill
    BOOST_TEST((took < std::chrono::seconds(20)));
}

BOOST_AUTO_TEST_SUITE_END()
