// The built `ta-server`: its command line, its first line, its signals, and the built `ta`
// against it through every --api, getting the labels the built-in engine gives.
#include <csignal>
#include <regex>
#include <string>
#include <vector>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <ta/builtin.hpp>

#include "server_process.hpp"
#include "test_cli_helpers.hpp"

namespace data = boost::unit_test::data;
using namespace ta::cli::test;
using ta::test::server_process;

namespace {

server_process start_server(std::vector<std::string> args = {}) {
    std::vector<std::string> argv{TA_SERVER_BINARY, "--port", "0"};
    argv.insert(argv.end(), args.begin(), args.end());
    return server_process(argv);
}

ta::test::process_result run_server(const std::vector<std::string>& args) {
    std::vector<std::string> argv{TA_SERVER_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return ta::test::run_process(argv);
}

ta::test::process_options endpoint(const server_process& server) {
    ta::test::process_options options;
    options.environment = {{"TA_ENDPOINT", server.url()}};
    return options;
}

const std::vector<std::string> texts{
    "The food was great and the staff were friendly.",
    "The service was awful. I will never come back!",
    "The hotel is next to the station.",
    "I loved the room, but the breakfast was terrible.",
};

/// What the built-in engine gives these texts, in-process.
std::vector<ta::result> engine_results() {
    std::vector<ta::document> documents;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        documents.push_back({std::to_string(i + 1), texts[i], "en"});
    }
    return ta::builtin_analyzer().analyze(documents);
}

std::vector<nlohmann::json> jsonl_records(const std::string& out) {
    std::vector<nlohmann::json> records;
    for (const auto& line : lines_of(out)) {
        records.push_back(nlohmann::json::parse(line));
    }
    return records;
}

/// `ta --api API --format jsonl` on the texts against a fresh ta-server: its records.
std::vector<nlohmann::json> scored_through(const std::string& api) {
    auto server = start_server();
    std::vector<std::string> args{"--api", api, "--format", "jsonl"};
    args.insert(args.end(), texts.begin(), texts.end());
    const auto r = run_ta(args, endpoint(server));
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(server.stop(SIGTERM).exit_code == 0);
    return jsonl_records(r.out);
}

const char* const label_versions[] = {"auto",       "2025-11-01", "2024-11-01", "2023-04-01",
                                      "2022-05-01", "v3.1",       "v3.0"};

} // namespace

BOOST_AUTO_TEST_SUITE(cli_server)

BOOST_AUTO_TEST_CASE(the_first_line_says_where_it_listens) {
    auto server = start_server();
    BOOST_TEST(std::regex_match(server.first_line(),
                                std::regex("listening on http://127\\.0\\.0\\.1:[1-9][0-9]*")),
               server.first_line());
    server.stop(SIGTERM);
}

BOOST_DATA_TEST_CASE(ta_gets_the_engine_labels_through_every_api, data::make(label_versions), api) {
    const std::vector<nlohmann::json> records = scored_through(api);
    const auto expected = engine_results();
    BOOST_REQUIRE(records.size() == expected.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        BOOST_TEST_CONTEXT("document " << i + 1) {
            BOOST_TEST(records[i]["id"] == std::to_string(i + 1));
            BOOST_TEST(records[i]["sentiment"] == ta::to_string(*expected[i].sentiment));
            BOOST_TEST(records[i]["sentences"].size() == expected[i].sentences.size());
        }
    }
}

BOOST_DATA_TEST_CASE(ta_gets_the_compound_as_the_score_through_v2, data::make({"v2.1", "v2.0"}),
                     api) {
    const std::vector<nlohmann::json> records = scored_through(api);
    const auto expected = engine_results();
    BOOST_REQUIRE(records.size() == expected.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        BOOST_TEST(records[i]["score"].get<double>() == (expected[i].vader->compound + 1) / 2,
                   boost::test_tools::tolerance(1e-9));
    }
}

BOOST_AUTO_TEST_CASE(ta_text_output_shows_the_labels) {
    auto server = start_server();
    const auto r =
        run_ta({"--api", "v3.1", "I love this phone", "This is terrible"}, endpoint(server));
    BOOST_TEST(r.exit_code == 0, r.err);
    const auto lines = lines_of(r.out);
    BOOST_REQUIRE(lines.size() >= 2U);
    BOOST_TEST(lines[0].starts_with("1    positive "), lines[0]);
    BOOST_TEST(lines[1].starts_with("2    negative "), lines[1]);
    server.stop(SIGTERM);
}

BOOST_AUTO_TEST_CASE(an_empty_document_fails_alone_with_exit_1) {
    auto server = start_server();
    ta::test::process_options options = endpoint(server);
    options.input = "I love it\n\nI hate it\n";
    const auto r = run_ta({"--api", "2023-04-01", "--format", "jsonl"}, options);
    BOOST_TEST(r.exit_code == 1);
    const auto records = jsonl_records(r.out);
    BOOST_REQUIRE(records.size() == 3U);
    BOOST_TEST(records[0]["sentiment"] == "positive");
    BOOST_TEST(records[1]["error"]["code"] == "InvalidDocument");
    BOOST_TEST(records[2]["sentiment"] == "negative");
    server.stop(SIGTERM);
}

BOOST_AUTO_TEST_CASE(ta_with_the_key_is_served) {
    const temp_dir dir;
    auto server = start_server({"--key-file", dir.write("key", "s3cr3t-k3y\n")});
    ta::test::process_options options = endpoint(server);
    options.environment.emplace_back("TA_KEY", "s3cr3t-k3y");
    const auto r = run_ta({"I love it"}, options);
    BOOST_TEST(r.exit_code == 0, r.err);
    const auto stopped = server.stop(SIGTERM);
    BOOST_TEST(!contains(stopped.err, "s3cr3t"));
    BOOST_TEST(!contains(stopped.out, "s3cr3t"));
}

BOOST_AUTO_TEST_CASE(ta_with_a_wrong_key_exits_3) {
    const temp_dir dir;
    auto server = start_server({"--key-file", dir.write("key", "s3cr3t-k3y")});
    ta::test::process_options options = endpoint(server);
    options.environment.emplace_back("TA_KEY", "wrong");
    const auto r = run_ta({"--api", "v3.1", "I love it"}, options);
    BOOST_TEST(r.exit_code == 3);
    BOOST_TEST(r.out.empty());
    const auto stopped = server.stop(SIGTERM);
    BOOST_TEST(contains(stopped.err, "POST /text/analytics/v3.1/sentiment 401 0 docs"));
}

BOOST_AUTO_TEST_CASE(each_request_is_one_log_line_without_the_texts) {
    auto server = start_server();
    run_ta({"--api", "v3.1", "my private words"}, endpoint(server));
    const auto stopped = server.stop(SIGTERM);
    const auto lines = lines_of(stopped.err);
    BOOST_REQUIRE(lines.size() == 2U); // the request, then "stopped"
    BOOST_TEST(std::regex_match(lines[0],
                                std::regex("[0-9T:.-]+Z POST /text/analytics/v3\\.1/sentiment 200 "
                                           "1 doc [0-9]+\\.[0-9]{2} ms")),
               lines[0]);
    BOOST_TEST(!contains(stopped.err, "private"));
}

// The one test that waits for real: that --latency reaches the routes of the built server. Its
// own log line measures the request, and a sleep is never shorter than asked, so only the lower
// bound is checked.
BOOST_AUTO_TEST_CASE(latency_holds_each_sentiment_answer) {
    auto server = start_server({"--latency", "200"});
    const auto r = run_ta({"--api", "v3.1", "I love it"}, endpoint(server));
    BOOST_TEST(r.exit_code == 0, r.err);
    const auto lines = lines_of(server.stop(SIGTERM).err);
    BOOST_REQUIRE(!lines.empty());
    std::smatch match;
    BOOST_REQUIRE(std::regex_search(lines[0], match, std::regex(" ([0-9]+)\\.[0-9]{2} ms$")));
    BOOST_TEST(std::stoi(match[1]) >= 200, lines[0]);
}

BOOST_DATA_TEST_CASE(a_stop_signal_ends_it_with_exit_0, data::make({SIGTERM, SIGINT}), signal) {
    auto server = start_server();
    const auto stopped = server.stop(signal);
    BOOST_TEST(stopped.signal_number == 0);
    BOOST_TEST(stopped.exit_code == 0);
    BOOST_TEST(contains(stopped.err, signal == SIGINT ? "stopped (SIGINT)" : "stopped (SIGTERM)"));
}

BOOST_AUTO_TEST_CASE(it_stops_after_serving_requests) {
    auto server = start_server();
    run_ta({"--api", "v3.0", "I love it"}, endpoint(server));
    const auto stopped = server.stop(SIGTERM);
    BOOST_TEST(stopped.exit_code == 0);
}

BOOST_AUTO_TEST_CASE(a_bad_option_exits_2_with_a_message) {
    const auto r = run_server({"--prot", "0"});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.out.empty());
    BOOST_TEST(contains(r.err, "ta-server: "));
    BOOST_TEST(contains(r.err, "--prot"));
}

BOOST_AUTO_TEST_CASE(a_port_out_of_range_exits_2) {
    BOOST_TEST(run_server({"--port", "70000"}).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(a_missing_key_file_exits_2_naming_it) {
    const auto r = run_server({"--port", "0", "--key-file", "/nonexistent/key"});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(contains(r.err, "cannot read the key file '/nonexistent/key'"));
}

BOOST_AUTO_TEST_CASE(a_port_in_use_exits_3) {
    auto first = start_server();
    const std::string port = first.url().substr(first.url().rfind(':') + 1);
    const auto r = run_server({"--port", port});
    BOOST_TEST(r.exit_code == 3);
    BOOST_TEST(contains(r.err, "cannot listen on 127.0.0.1 port " + port +
                                   ": the port is in use (--port 0 takes a free one)"),
               r.err);
    first.stop(SIGTERM);
}

BOOST_AUTO_TEST_CASE(help_lists_the_options_and_exits_0) {
    const auto r = run_server({"--help"});
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(contains(r.out, "--port"));
    BOOST_TEST(contains(r.out, "--key-file"));
    BOOST_TEST(contains(r.out, "--latency"));
    BOOST_TEST(contains(r.out, "/language/:analyze-text"));
}

BOOST_AUTO_TEST_SUITE_END()
