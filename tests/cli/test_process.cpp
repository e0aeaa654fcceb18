// The test harness's run_process: what the CLI tests rely on.
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <signal.h>
#include <sys/types.h>

#include <boost/test/unit_test.hpp>

#include "process.hpp"

using ta::test::process_options;
using ta::test::run_process;

BOOST_AUTO_TEST_SUITE(process)

BOOST_AUTO_TEST_CASE(large_input_and_output_do_not_deadlock) {
    std::string input;
    while (input.size() < 4'000'000) {
        input += "a line of text that cat copies back out\n";
    }
    process_options options;
    options.input = input;
    const auto r = run_process({"/bin/cat"}, options);
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out.size() == input.size());
    BOOST_TEST((r.out == input));
}

BOOST_AUTO_TEST_CASE(standard_error_is_captured_apart) {
    const auto r = run_process({"/bin/sh", "-c", "echo out; echo err >&2; exit 7"});
    BOOST_TEST(r.exit_code == 7);
    BOOST_TEST(r.out == "out\n");
    BOOST_TEST(r.err == "err\n");
}

BOOST_AUTO_TEST_CASE(without_input_standard_input_is_empty) {
    const auto r = run_process({"/bin/cat"});
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out.empty());
}

BOOST_AUTO_TEST_CASE(a_child_that_stops_reading_does_not_hurt_the_caller) {
    process_options options;
    options.input = std::string(1'000'000, 'x');
    const auto r = run_process({"/bin/sh", "-c", "head -c 10 >/dev/null; echo done"}, options);
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out == "done\n");
}

BOOST_AUTO_TEST_CASE(a_signal_is_reported) {
    const auto r = run_process({"/bin/sh", "-c", "kill -TERM $$"});
    BOOST_TEST(r.exit_code == -1);
    BOOST_TEST(r.signal_number == SIGTERM);
}

BOOST_AUTO_TEST_CASE(a_hung_child_is_killed) {
    process_options options;
    options.kill_after = std::chrono::milliseconds(200);
    const auto r = run_process({"/bin/sleep", "30"}, options);
    BOOST_TEST(r.exit_code == -1);
    BOOST_TEST(r.signal_number == SIGKILL);
}

BOOST_AUTO_TEST_CASE(a_grandchild_holding_the_output_does_not_hang_the_caller) {
    process_options options;
    options.kill_after = std::chrono::milliseconds(200);
    options.grace_after_kill = std::chrono::milliseconds(200);
    const auto start = std::chrono::steady_clock::now();
    // The background sleep keeps the stdout pipe open after its shell is killed.
    const auto r = run_process({"/bin/sh", "-c", "sleep 30 & echo $!; wait"}, options);
    const auto took = std::chrono::steady_clock::now() - start;
    const pid_t grandchild = std::atoi(r.out.c_str());
    if (grandchild > 0) {
        ::kill(grandchild, SIGKILL);
    }
    BOOST_TEST(r.signal_number == SIGKILL);
    BOOST_TEST(grandchild > 0);
    BOOST_TEST(took < std::chrono::seconds(20));
}

BOOST_AUTO_TEST_CASE(sigpipe_can_be_ignored_in_the_child) {
    process_options options;
    options.ignore_sigpipe = true;
    const auto r = run_process({"/bin/sh", "-c", "kill -PIPE $$; echo alive"}, options);
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out == "alive\n");
}

BOOST_AUTO_TEST_CASE(sigpipe_is_at_its_default_in_the_child_otherwise) {
    const auto r = run_process({"/bin/sh", "-c", "kill -PIPE $$; echo alive"});
    BOOST_TEST(r.signal_number == SIGPIPE);
    BOOST_TEST(r.out.empty());
}

BOOST_AUTO_TEST_CASE(output_can_be_closed_early_like_head) {
    process_options options;
    options.close_output_after = 10;
    const auto r = run_process({"/usr/bin/yes"}, options);
    BOOST_TEST(r.signal_number == SIGPIPE);
    BOOST_TEST(r.out.size() >= 10U);
    BOOST_TEST(r.out.rfind("y\ny\ny\ny\ny\n", 0) == 0U);
}

BOOST_AUTO_TEST_CASE(the_service_variables_are_removed_and_given_ones_set) {
    ::setenv("TA_KEY", "from-the-test-runner", 1);
    process_options options;
    options.environment = {{"TA_ENDPOINT", "http://127.0.0.1:1"}, {"EXTRA", "x y"}};
    const auto r =
        run_process({"/bin/sh", "-c", "echo \"[$TA_KEY][$TA_ENDPOINT][$EXTRA]\""}, options);
    ::unsetenv("TA_KEY");
    BOOST_TEST(r.out == "[][http://127.0.0.1:1][x y]\n");
}

BOOST_AUTO_TEST_CASE(the_working_directory_is_set) {
    process_options options;
    options.working_directory = std::filesystem::temp_directory_path().string();
    const auto r = run_process({"/bin/pwd"}, options);
    BOOST_TEST(r.out == std::filesystem::canonical(options.working_directory).string() + "\n");
}

BOOST_AUTO_TEST_CASE(a_missing_program_throws) {
    BOOST_CHECK_THROW(run_process({"/nonexistent/program"}), std::runtime_error);
}

BOOST_AUTO_TEST_SUITE_END()
