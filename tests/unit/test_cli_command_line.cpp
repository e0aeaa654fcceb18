#include <string>
#include <vector>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "command_line.hpp"
#include "errors.hpp"

namespace {

using strings = std::vector<std::string>;

ta::cli::options parse(const strings& args) {
    return ta::cli::parse_command_line(args);
}

/// The message of the command_line_error that parsing `args` throws ("" when none is thrown).
std::string error_of(const strings& args) {
    try {
        parse(args);
    } catch (const ta::cli::command_line_error& e) {
        return e.what();
    }
    return "";
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

} // namespace

BOOST_TEST_DONT_PRINT_LOG_VALUE(ta::api_version)
BOOST_TEST_DONT_PRINT_LOG_VALUE(ta::cli::output_format)
BOOST_TEST_DONT_PRINT_LOG_VALUE(ta::cli::engine_choice)

BOOST_AUTO_TEST_SUITE(cli_command_line)

BOOST_AUTO_TEST_CASE(defaults_follow_the_contract) {
    const auto o = parse({"some text"});
    BOOST_TEST(o.texts == (strings{"some text"}), boost::test_tools::per_element());
    BOOST_TEST(o.files.empty());
    BOOST_TEST((o.input == ta::cli::input_format::text));
    BOOST_TEST((o.format == ta::cli::output_format::text));
    BOOST_TEST((o.api == ta::api_version::automatic));
    BOOST_TEST(o.language == "en");
    BOOST_TEST(o.retries == 3);
    BOOST_TEST(o.timeout.count() == 100'000);
    BOOST_TEST(o.concurrency == 4);
    BOOST_TEST(!o.opinion_mining);
    BOOST_TEST(!o.show_stats);
    BOOST_TEST(!o.logging_opt_out);
    BOOST_TEST(!o.verbose);
    BOOST_TEST(!o.string_index.has_value());
    BOOST_TEST(o.endpoint.empty());
    BOOST_TEST(o.key_file.empty());
    BOOST_TEST(o.ca_file.empty());
}

BOOST_AUTO_TEST_CASE(every_option_is_read) {
    const auto o = parse({"--endpoint",
                          "http://localhost:5000",
                          "--key-file",
                          "/k",
                          "--cacert",
                          "/etc/ssl/private-ca.pem",
                          "-l",
                          "fr",
                          "--opinion-mining",
                          "--model-version",
                          "2022-11-01",
                          "--show-stats",
                          "--logging-opt-out",
                          "--string-index-type",
                          "Utf16CodeUnit",
                          "--concurrency",
                          "2",
                          "--retries",
                          "0",
                          "--timeout",
                          "2.5",
                          "--verbose",
                          "--input",
                          "jsonl",
                          "--format",
                          "csv",
                          "-f",
                          "a.txt",
                          "text"});
    BOOST_TEST(o.endpoint == "http://localhost:5000");
    BOOST_TEST(o.key_file == "/k");
    BOOST_TEST(o.ca_file == "/etc/ssl/private-ca.pem");
    BOOST_TEST(o.language == "fr");
    BOOST_TEST(o.opinion_mining);
    BOOST_TEST(o.model_version == "2022-11-01");
    BOOST_TEST(o.show_stats);
    BOOST_TEST(o.logging_opt_out);
    BOOST_TEST((o.string_index == ta::string_index_type::utf16_code_unit));
    BOOST_TEST(o.concurrency == 2);
    BOOST_TEST(o.retries == 0);
    BOOST_TEST(o.timeout.count() == 2'500);
    BOOST_TEST(o.verbose);
    BOOST_TEST((o.input == ta::cli::input_format::jsonl));
    BOOST_TEST((o.format == ta::cli::output_format::csv));
    BOOST_TEST(o.files == (strings{"a.txt"}), boost::test_tools::per_element());
    BOOST_TEST(o.texts == (strings{"text"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(file_is_repeatable_and_takes_one_path_each_time) {
    const auto o = parse({"-f", "a.txt", "positional", "--file", "-", "--file=b.txt"});
    BOOST_TEST(o.files == (strings{"a.txt", "-", "b.txt"}), boost::test_tools::per_element());
    BOOST_TEST(o.texts == (strings{"positional"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_last_of_a_repeated_option_wins) {
    const auto o = parse({"--format", "csv", "--format", "tsv", "--verbose", "--verbose", "x"});
    BOOST_TEST((o.format == ta::cli::output_format::tsv));
    BOOST_TEST(o.verbose);
}

BOOST_AUTO_TEST_CASE(a_text_after_double_dash_may_begin_with_a_dash) {
    const auto o = parse({"--", "-5 stars, never again", "--format"});
    BOOST_TEST(o.texts == (strings{"-5 stars, never again", "--format"}),
               boost::test_tools::per_element());
}

BOOST_DATA_TEST_CASE(api_names_select_their_version,
                     boost::unit_test::data::make({"auto", "2025-11-01", "2024-11-01", "2023-04-01",
                                                   "2022-05-01", "v3.1", "v3.0", "v2.1", "v2.0"}) ^
                         boost::unit_test::data::make(
                             {ta::api_version::automatic, ta::api_version::language_2025_11_01,
                              ta::api_version::language_2024_11_01,
                              ta::api_version::language_2023_04_01,
                              ta::api_version::language_2022_05_01, ta::api_version::v3_1,
                              ta::api_version::v3_0, ta::api_version::v2_1, ta::api_version::v2_0}),
                     name, version) {
    BOOST_TEST((parse({"--api", name, "x"}).api == version));
}

BOOST_DATA_TEST_CASE(
    format_names_select_their_renderer,
    boost::unit_test::data::make({"text", "tsv", "csv", "json", "jsonl"}) ^
        boost::unit_test::data::make({ta::cli::output_format::text, ta::cli::output_format::tsv,
                                      ta::cli::output_format::csv, ta::cli::output_format::json,
                                      ta::cli::output_format::jsonl}),
    name, format) {
    BOOST_TEST((parse({"--format", name, "x"}).format == format));
}

BOOST_AUTO_TEST_CASE(the_engine_is_chosen_by_the_endpoint_unless_named) {
    BOOST_TEST(parse({"x"}).engine == ta::cli::engine_choice::automatic);
    BOOST_TEST(parse({"--engine", "builtin", "x"}).engine == ta::cli::engine_choice::builtin);
    BOOST_TEST(parse({"--engine", "remote", "x"}).engine == ta::cli::engine_choice::remote);
}

BOOST_AUTO_TEST_CASE(an_unknown_engine_lists_the_choices) {
    BOOST_TEST(error_of({"--engine", "vader", "x"}) ==
               "unknown --engine 'vader': choose builtin or remote");
}

BOOST_DATA_TEST_CASE(service_options_are_refused_with_engine_builtin,
                     boost::unit_test::data::make({"--endpoint", "--key-file", "--cacert", "--api",
                                                   "--model-version", "--rate"}) ^
                         boost::unit_test::data::make({"http://localhost:5000", "/tmp/key",
                                                       "/tmp/ca.pem", "v3.1", "latest", "5"}),
                     option, value) {
    BOOST_TEST(error_of({"--engine", "builtin", option, value, "x"}) ==
               std::string(option) + " is for the service, not for --engine builtin");
}

BOOST_AUTO_TEST_CASE(an_unknown_api_lists_the_choices) {
    BOOST_TEST(error_of({"--api", "v4", "x"}) ==
               "unknown --api 'v4': choose auto, 2025-11-01, 2024-11-01, 2023-04-01, 2022-05-01, "
               "v3.1, v3.0, v2.1 or v2.0");
}

BOOST_AUTO_TEST_CASE(an_unknown_format_lists_the_choices) {
    BOOST_TEST(error_of({"--format", "xml", "x"}) ==
               "unknown --format 'xml': choose text, tsv, csv, json or jsonl");
}

BOOST_AUTO_TEST_CASE(an_unknown_input_format_lists_the_choices) {
    BOOST_TEST(error_of({"--input", "csv", "x"}) == "unknown --input 'csv': choose text or jsonl");
}

BOOST_AUTO_TEST_CASE(an_unknown_string_index_type_lists_the_choices) {
    BOOST_TEST(contains(error_of({"--string-index-type", "Bytes", "x"}),
                        "choose TextElement, UnicodeCodePoint or Utf16CodeUnit"));
}

BOOST_AUTO_TEST_CASE(negative_retries_are_refused) {
    BOOST_TEST(error_of({"--retries", "-1", "x"}) == "--retries must be 0 or more, not -1");
}

BOOST_DATA_TEST_CASE(timeouts_that_are_not_positive_are_refused,
                     boost::unit_test::data::make({"0", "-2", "1e9"}), value) {
    BOOST_TEST(contains(error_of({"--timeout", value, "x"}), "--timeout must be"));
}

BOOST_AUTO_TEST_CASE(a_timeout_that_is_not_a_number_is_refused) {
    BOOST_TEST(error_of({"--timeout", "soon", "x"}) ==
               "--timeout needs a number of seconds, not 'soon'");
    BOOST_TEST(error_of({"--timeout", "2s", "x"}) ==
               "--timeout needs a number of seconds, not '2s'");
}

BOOST_DATA_TEST_CASE(counts_that_are_not_whole_numbers_are_refused_in_our_words,
                     boost::unit_test::data::make({"--retries", "--concurrency"}) *
                         boost::unit_test::data::make({"abc", "2.5", "", "3x"}),
                     option, value) {
    BOOST_TEST(error_of({option, value, "x"}) ==
               std::string(option) + " needs a whole number, not '" + value + "'");
}

BOOST_AUTO_TEST_CASE(a_count_too_large_for_an_int_is_out_of_range) {
    BOOST_TEST(error_of({"--retries", "99999999999", "x"}) ==
               "--retries is out of range: '99999999999'");
}

BOOST_DATA_TEST_CASE(concurrency_out_of_1_to_64_is_refused,
                     boost::unit_test::data::make({"0", "-3", "65", "9999"}), value) {
    BOOST_TEST(error_of({"--concurrency", value, "x"}) ==
               std::string("--concurrency must be from 1 to 64, not ") + value);
}

BOOST_DATA_TEST_CASE(an_option_given_an_empty_value_is_refused,
                     boost::unit_test::data::make({"--endpoint", "--key-file", "--cacert",
                                                   "--model-version"}),
                     option) {
    BOOST_TEST(error_of({option, "", "x"}) ==
               std::string(option) +
                   " was given an empty value (an unset variable?); give one, "
                   "or leave " +
                   option + " out");
}

BOOST_AUTO_TEST_CASE(an_unexpected_dash_word_points_at_the_double_dash) {
    BOOST_TEST(error_of({"-bad"}) == "The following argument was not expected: -bad (text that "
                                     "begins with '-' goes after --: ta -- '-bad')");
    BOOST_TEST(parse({"--", "-bad"}).texts == std::vector<std::string>{"-bad"});
    // The word named is the one not expected, quoted for a shell.
    BOOST_TEST(error_of({"-fin.txt", "-it's"}).ends_with("ta -- '-it'\\''s')"),
               error_of({"-fin.txt", "-it's"}));
}

BOOST_AUTO_TEST_CASE(concurrency_of_one_to_64_is_allowed) {
    BOOST_TEST(parse({"--concurrency", "1", "x"}).concurrency == 1);
    BOOST_TEST(parse({"--concurrency=16", "x"}).concurrency == 16);
    BOOST_TEST(parse({"--concurrency", "64", "x"}).concurrency == 64);
}

BOOST_DATA_TEST_CASE(an_empty_value_after_equals_does_not_take_the_next_argument,
                     boost::unit_test::data::make({"--language=", "--format=", "--file=",
                                                   "--retries=", "--endpoint="}),
                     flag) {
    BOOST_TEST(error_of({flag, "good"}) == std::string(flag) + " needs a value");
}

BOOST_AUTO_TEST_CASE(an_empty_value_after_double_dash_is_a_text) {
    const auto o = parse({"--", "--language="});
    BOOST_TEST(o.texts == (strings{"--language="}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_mistyped_option_is_named) {
    BOOST_TEST(contains(error_of({"--formt", "csv", "x"}), "--formt"));
}

BOOST_DATA_TEST_CASE(the_key_is_never_taken_as_an_argument,
                     boost::unit_test::data::make({"--key", "--key=secret-value"}), flag) {
    const std::string message = error_of({flag, "secret-value", "x"});
    BOOST_TEST(contains(message, "TA_KEY"));
    BOOST_TEST(contains(message, "--key-file"));
    BOOST_TEST(!contains(message, "secret-value"));
}

BOOST_AUTO_TEST_CASE(help_is_a_request_not_an_error) {
    BOOST_TEST(parse({"--help"}).show_help);
    BOOST_TEST(parse({"-h", "--formt"}).show_help);
}

BOOST_AUTO_TEST_CASE(a_misspelt_option_gets_a_suggestion) {
    BOOST_TEST(contains(error_of({"--fromat", "json", "x"}), "did you mean --format?"));
    BOOST_TEST(contains(error_of({"--opinion-minning", "x"}), "did you mean --opinion-mining?"));
    BOOST_TEST(!contains(error_of({"--colour-scheme", "x"}), "did you mean"));
}

BOOST_AUTO_TEST_CASE(version_is_a_request_not_an_error) {
    BOOST_TEST(parse({"--version"}).show_version);
}

BOOST_AUTO_TEST_CASE(help_text_has_examples_exit_codes_and_every_option) {
    const std::string help = ta::cli::help_text();
    for (const char* part :
         {"Usage: ta",       "Examples:",    "Exit codes:",       "http://localhost:5000",
          "TA_ENDPOINT",     "TA_KEY",       "--key-file",        "--input jsonl",
          "--format",        "--api",        "--language",        "--opinion-mining",
          "--model-version", "--show-stats", "--logging-opt-out", "--string-index-type",
          "--concurrency",   "--retries",    "--timeout",         "--verbose",
          "--endpoint",      "--version",    "--engine",          "The built-in engine:",
          "--cacert",        "https_proxy"}) {
        BOOST_TEST(contains(help, part), part);
    }
}

BOOST_AUTO_TEST_CASE(help_text_documents_what_a_user_could_not_guess) {
    const std::string help = ta::cli::help_text();
    for (const char* part :
         {"Requests in flight at once, 1 to 64 (default 4)", "An empty line is a document too",
          "without an \"id\" gets its position number", "control characters as \\xHH",
          "output that cannot be written"}) {
        BOOST_TEST(contains(help, part), part);
    }
}

BOOST_AUTO_TEST_CASE(rate_is_requests_per_second_with_none_by_default) {
    BOOST_TEST(parse({"x"}).rate == 0);
    BOOST_TEST(parse({"--rate", "5", "x"}).rate == 5);
    BOOST_TEST(parse({"--rate", "0.5", "x"}).rate == 0.5);
}

BOOST_DATA_TEST_CASE(a_rate_that_is_not_a_positive_number_is_refused,
                     boost::unit_test::data::make({"0", "-2", "fast", "1e9", "5x", "nan"}), value) {
    BOOST_TEST(error_of({"--rate", value, "x"}) ==
               "--rate needs a number of requests per second above 0 (at most 1000, e.g. 5 or "
               "0.5), not '" +
                   std::string(value) + "'");
}

BOOST_AUTO_TEST_CASE(progress_is_automatic_unless_asked_for_or_refused) {
    BOOST_TEST((parse({"x"}).progress == ta::cli::progress_choice::automatic));
    BOOST_TEST((parse({"--progress", "x"}).progress == ta::cli::progress_choice::always));
    BOOST_TEST((parse({"--no-progress", "x"}).progress == ta::cli::progress_choice::never));
    BOOST_TEST(error_of({"--progress", "--no-progress", "x"}) ==
               "--progress and --no-progress cannot go together");
}

BOOST_AUTO_TEST_SUITE_END()
