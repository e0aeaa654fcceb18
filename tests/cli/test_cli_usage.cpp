// The built `ta` without a service: help, version, and every way a command line can be wrong.
#include <string>

#include <boost/test/unit_test.hpp>

#include <ta/version.hpp>

#include "test_cli_helpers.hpp"

using namespace ta::cli::test;

namespace {

/// An endpoint nothing listens on: these tests fail before any request.
ta::test::process_options with_unused_endpoint() {
    ta::test::process_options options;
    options.environment = {{"TA_ENDPOINT", "http://127.0.0.1:1"}};
    return options;
}

} // namespace

BOOST_AUTO_TEST_SUITE(cli_usage)

BOOST_AUTO_TEST_CASE(help_shows_usage_examples_and_exit_codes) {
    const auto r = run_ta({"--help"});
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(contains(r.out, "Usage: ta [OPTIONS] [TEXT...]"));
    BOOST_TEST(contains(r.out, "Examples:"));
    BOOST_TEST(contains(r.out, "ta --endpoint http://localhost:5000"));
    BOOST_TEST(contains(r.out, "Exit codes:"));
    BOOST_TEST(contains(r.out, "3  the service could not be used"));
    BOOST_TEST(r.err.empty());
}

BOOST_AUTO_TEST_CASE(version_names_ta_and_libcurl) {
    const auto r = run_ta({"--version"});
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out.rfind("ta " TA_VERSION_STRING "\nlibcurl ", 0) == 0U);
}

BOOST_AUTO_TEST_CASE(a_mistyped_option_exits_2_and_points_at_help) {
    const auto r = run_ta({"--formt", "csv", "good"});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(contains(r.err, "ta: "));
    BOOST_TEST(contains(r.err, "--formt"));
    BOOST_TEST(contains(r.err, "Run 'ta --help' for usage."));
    BOOST_TEST(r.out.empty());
}

BOOST_AUTO_TEST_CASE(a_missing_file_exits_2_naming_it) {
    const temp_dir dir;
    const std::string missing = dir.path() + "/reviews.txt";
    const auto r = run_ta({"-f", missing}, with_unused_endpoint());
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err == "ta: cannot read '" + missing + "': No such file or directory\n");
    BOOST_TEST(r.out.empty());
}

BOOST_AUTO_TEST_CASE(a_directory_as_file_exits_2) {
    const temp_dir dir;
    const auto r = run_ta({"-f", dir.path()}, with_unused_endpoint());
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err == "ta: cannot read '" + dir.path() + "': Is a directory\n");
}

BOOST_AUTO_TEST_CASE(a_directory_on_standard_input_exits_2_saying_so) {
    const temp_dir dir;
    const auto r = run_ta_redirected("< '" + dir.path() + "'", {}, with_unused_endpoint());
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err == "ta: cannot read standard input: Is a directory\n");
}

BOOST_AUTO_TEST_CASE(engine_remote_without_an_endpoint_exits_2_explaining_how_to_configure_one) {
    const auto r = run_ta({"--engine", "remote", "I love it"});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(contains(r.err, "no endpoint is configured"));
    BOOST_TEST(contains(r.err, "TA_ENDPOINT"));
    BOOST_TEST(contains(r.err, "--endpoint"));
    BOOST_TEST(contains(r.err, "http://localhost:5000"));
    BOOST_TEST(contains(r.err, "TA_KEY"));
    BOOST_TEST(r.out.empty());
}

BOOST_AUTO_TEST_CASE(the_key_is_refused_as_an_argument_and_not_echoed) {
    const auto r = run_ta({"--key", "s3cr3t-k3y", "I love it"});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(contains(r.err, "--key-file"));
    BOOST_TEST(!contains(r.err, "s3cr3t-k3y"));
}

BOOST_AUTO_TEST_CASE(an_unknown_api_exits_2) {
    const auto r = run_ta({"--api", "v4.0", "I love it"});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(contains(r.err, "unknown --api 'v4.0'"));
}

BOOST_AUTO_TEST_CASE(an_unknown_format_exits_2) {
    const auto r = run_ta({"--format", "xml", "I love it"});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(contains(r.err, "unknown --format 'xml'"));
}

BOOST_AUTO_TEST_CASE(negative_retries_exit_2) {
    const auto r = run_ta({"--retries", "-1", "I love it"});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(contains(r.err, "--retries must be 0 or more"));
}

BOOST_AUTO_TEST_CASE(a_bad_endpoint_url_exits_2) {
    const auto r = run_ta({"--endpoint", "localhost:5000/x?y", "I love it"});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err == "ta: the endpoint 'localhost:5000/x?y' is not an http:// or https:// URL "
                        "(for example https://<resource>.cognitiveservices.azure.com or "
                        "http://localhost:5000)\n");
    BOOST_TEST(r.out.empty());
}

BOOST_AUTO_TEST_CASE(a_key_file_that_is_a_directory_exits_2_saying_so) {
    const temp_dir dir;
    const auto r = run_ta({"--key-file", dir.path(), "I love it"}, with_unused_endpoint());
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err == "ta: cannot read the key file '" + dir.path() + "': Is a directory\n");
}

BOOST_AUTO_TEST_CASE(an_empty_value_after_equals_exits_2_and_scores_nothing) {
    const auto r = run_ta({"--language=", "I love it"}, with_unused_endpoint());
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err == "ta: --language= needs a value\nRun 'ta --help' for usage.\n");
    BOOST_TEST(r.out.empty());
}

BOOST_AUTO_TEST_CASE(a_count_that_is_not_a_number_is_named_in_our_words) {
    const auto r = run_ta({"--retries", "abc", "I love it"}, with_unused_endpoint());
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err == "ta: --retries needs a whole number, not 'abc'\n"
                        "Run 'ta --help' for usage.\n");
}

BOOST_AUTO_TEST_CASE(zero_concurrency_exits_2) {
    const auto r = run_ta({"--concurrency", "0", "I love it"}, with_unused_endpoint());
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(contains(r.err, "ta: --concurrency must be from 1 to 64, not 0\n"));
}

BOOST_AUTO_TEST_CASE(a_concurrency_over_64_exits_2_on_either_engine_pointing_at_help) {
    for (const bool remote : {false, true}) {
        const auto r = run_ta({"--concurrency", "65", "I love it"},
                              remote ? with_unused_endpoint() : ta::test::process_options{});
        BOOST_TEST(r.exit_code == 2);
        BOOST_TEST(r.out.empty());
        BOOST_TEST(contains(r.err, "ta: --concurrency must be from 1 to 64, not 65\n"), r.err);
        BOOST_TEST(contains(r.err, "ta --help"), r.err);
    }
}

BOOST_AUTO_TEST_CASE(help_that_cannot_be_written_exits_2) {
    const auto r = run_ta_redirected(">/dev/full", {"--help"});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err == "ta: cannot write the output: No space left on device\n");
}

BOOST_AUTO_TEST_SUITE_END()
