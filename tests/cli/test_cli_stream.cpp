// The built `ta` on a pipe that trickles, as `tail -f log | ta` gives it: each record comes out
// before the next line goes in, so a pipe that never ends still gets its output. A shell writes a
// line, then waits (polling, with a limit that only guards against a hang) until ta's output has
// its record, then writes the next.
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

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

BOOST_AUTO_TEST_SUITE_END()
