// The built `ta` against the in-process fake service: every input source, every format, every
// exit code, every API version.
#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "fake_service.hpp"
#include "test_cli_helpers.hpp"

using namespace ta::cli::test;

namespace {

// The fake service's toy model: "love" is positive, "hate" negative, anything else neutral.
const std::string positive_line = "1    positive  pos 0.90  neu 0.08  neg 0.02  I love it\n";
const std::string negative_line = "2    negative  pos 0.02  neu 0.08  neg 0.90  I hate it\n";

/// The text format's last line: which service, and which API version it settled on.
std::string scored_by(const ta::test::fake_service& service, std::string_view api = "2023-04-01") {
    return "-- scored by Azure AI Language at " + service.url() + " (API " + std::string(api) +
           ")\n";
}

/// A loopback port that nothing listens on: bound, then released. Another program could take it
/// in between, but the kernel hands out ephemeral ports in turn, so it is not soon reused; a port
/// that is held cannot show a refused connection.
int closed_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    BOOST_REQUIRE_MESSAGE(fd >= 0, "socket: " << std::strerror(errno));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    const bool bound = ::bind(fd, reinterpret_cast<sockaddr*>(&address), length) == 0 &&
                       ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
    const int error_number = errno;
    ::close(fd);
    BOOST_REQUIRE_MESSAGE(bound, "bind: " << std::strerror(error_number));
    BOOST_REQUIRE(address.sin_port != 0);
    return ntohs(address.sin_port);
}

} // namespace

BOOST_AUTO_TEST_SUITE(cli_service)

BOOST_AUTO_TEST_CASE(arguments_are_scored_in_order) {
    const ta::test::fake_service service;
    const auto r = run_ta({"I love it", "I hate it"}, with_endpoint(service));
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out == positive_line + negative_line + scored_by(service));
    BOOST_TEST(r.err.empty());
}

BOOST_AUTO_TEST_CASE(endpoint_flag_works_without_the_variable) {
    const ta::test::fake_service service;
    const auto r = run_ta({"--endpoint", service.url(), "I love it"});
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out == positive_line + scored_by(service));
}

BOOST_AUTO_TEST_CASE(azure_language_endpoint_is_read_too) {
    const ta::test::fake_service service;
    ta::test::process_options options;
    options.environment = {{"AZURE_LANGUAGE_ENDPOINT", service.url()}};
    const auto r = run_ta({"I love it"}, options);
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out == positive_line + scored_by(service));
}

BOOST_AUTO_TEST_CASE(each_line_of_a_file_is_a_document) {
    const ta::test::fake_service service;
    const temp_dir dir;
    const auto file = dir.write("reviews.txt", "I love it\r\nI hate it\r\n");
    const auto r = run_ta({"-f", file}, with_endpoint(service));
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out == positive_line + negative_line + scored_by(service));
}

BOOST_AUTO_TEST_CASE(file_dash_reads_standard_input) {
    const ta::test::fake_service service;
    const auto r = run_ta({"-f", "-"}, with_input(service, "I love it\nI hate it\n"));
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out == positive_line + negative_line + scored_by(service));
}

BOOST_AUTO_TEST_CASE(piped_standard_input_is_read_without_arguments) {
    const ta::test::fake_service service;
    const auto r = run_ta({}, with_input(service, "I love it\nI hate it"));
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out == positive_line + negative_line + scored_by(service));
}

BOOST_AUTO_TEST_CASE(arguments_are_numbered_before_file_lines) {
    const ta::test::fake_service service;
    const temp_dir dir;
    const auto file = dir.write("more.txt", "I hate it\n");
    const auto r = run_ta({"--format", "tsv", "-f", file, "I love it"}, with_endpoint(service));
    BOOST_TEST(r.exit_code == 0);
    const auto lines = lines_of(r.out);
    BOOST_TEST_REQUIRE(lines.size() == 3U);
    BOOST_TEST(lines[1].rfind("1\tpositive\t", 0) == 0U);
    BOOST_TEST(lines[2].rfind("2\tnegative\t", 0) == 0U);
}

BOOST_AUTO_TEST_CASE(jsonl_input_keeps_ids_and_reports_a_bad_line) {
    const ta::test::fake_service service;
    const auto r = run_ta({"--input", "jsonl", "--format", "jsonl"},
                          with_input(service, "{\"id\":\"a\",\"text\":\"I love it\"}\n"
                                              "\n"
                                              "{oops\n"
                                              "{\"text\":\"I hate it\",\"language\":\"en\"}\n"));
    BOOST_TEST(r.exit_code == 1);
    const auto lines = lines_of(r.out);
    BOOST_TEST_REQUIRE(lines.size() == 3U);
    const auto first = nlohmann::json::parse(lines[0]);
    const auto second = nlohmann::json::parse(lines[1]);
    const auto third = nlohmann::json::parse(lines[2]);
    BOOST_TEST(first.at("id") == "a");
    BOOST_TEST(first.at("sentiment") == "positive");
    BOOST_TEST(second.at("id") == "2");
    BOOST_TEST(second.at("error").at("code") == "InvalidInput");
    BOOST_TEST(second.at("error").at("message") == "line 3 of standard input: not valid JSON");
    BOOST_TEST(third.at("id") == "3");
    BOOST_TEST(third.at("sentiment") == "negative");
}

BOOST_AUTO_TEST_CASE(an_empty_document_exits_1_with_its_error_in_place) {
    const ta::test::fake_service service;
    const auto r = run_ta({"I love it", "", "I hate it"}, with_endpoint(service));
    BOOST_TEST(r.exit_code == 1);
    const auto lines = lines_of(r.out);
    BOOST_TEST_REQUIRE(lines.size() == 4U);
    BOOST_TEST(lines[1] == "2    error  InvalidDocument: Document text is empty.");
    BOOST_TEST(lines[2] == "3    negative  pos 0.02  neu 0.08  neg 0.90  I hate it");
}

BOOST_AUTO_TEST_CASE(format_tsv_has_the_header_and_a_row_per_document) {
    const ta::test::fake_service service;
    const auto r = run_ta({"--format", "tsv", "I love it", ""}, with_endpoint(service));
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(r.out == "id\tsentiment\tpositive\tneutral\tnegative\tscore\terror_code\t"
                        "error_message\ttext\n"
                        "1\tpositive\t0.9\t0.08\t0.02\t\t\t\tI love it\n"
                        "2\t\t\t\t\t\tInvalidDocument\tDocument text is empty.\t\n");
}

BOOST_AUTO_TEST_CASE(format_csv_has_the_header_and_quotes_when_needed) {
    const ta::test::fake_service service;
    const auto r = run_ta({"--format", "csv", "I love it, \"really\""}, with_endpoint(service));
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out ==
               "id,sentiment,positive,neutral,negative,score,error_code,error_message,text\n"
               "1,positive,0.9,0.08,0.02,,,,\"I love it, \"\"really\"\"\"\n");
}

BOOST_AUTO_TEST_CASE(format_json_is_one_response_in_the_service_shape) {
    const ta::test::fake_service service;
    const auto r =
        run_ta({"--format", "json", "I love it", "", "I hate it"}, with_endpoint(service));
    BOOST_TEST(r.exit_code == 1);
    const auto response = nlohmann::json::parse(r.out);
    BOOST_TEST_REQUIRE(response.at("documents").size() == 2U);
    BOOST_TEST(response.at("documents").at(0).at("id") == "1");
    BOOST_TEST(response.at("documents").at(0).at("sentiment") == "positive");
    BOOST_TEST(response.at("documents").at(0).at("confidenceScores").at("positive") == 0.9);
    BOOST_TEST(response.at("documents").at(1).at("id") == "3");
    BOOST_TEST_REQUIRE(response.at("errors").size() == 1U);
    BOOST_TEST(response.at("errors").at(0).at("id") == "2");
    BOOST_TEST(response.at("errors").at(0).at("error").at("code") == "InvalidDocument");
    BOOST_TEST(response.at("modelVersion") == "2022-11-01");
}

BOOST_AUTO_TEST_CASE(format_jsonl_is_one_object_per_document) {
    const ta::test::fake_service service;
    const auto r = run_ta({"--format", "jsonl", "I love it. I hate it."}, with_endpoint(service));
    BOOST_TEST(r.exit_code == 0);
    const auto lines = lines_of(r.out);
    BOOST_TEST_REQUIRE(lines.size() == 1U);
    const auto document = nlohmann::json::parse(lines[0]);
    BOOST_TEST(document.at("id") == "1");
    BOOST_TEST(document.at("sentiment") == "mixed");
    BOOST_TEST(document.at("sentences").size() == 2U);
    BOOST_TEST(document.at("warnings").is_array());
}

BOOST_AUTO_TEST_CASE(opinion_mining_refs_point_into_the_line) {
    const ta::test::fake_service service;
    const auto r = run_ta({"--format", "jsonl", "--opinion-mining", "I love the food."},
                          with_endpoint(service));
    BOOST_TEST(r.exit_code == 0);
    const auto document = nlohmann::json::parse(r.out);
    const auto& sentence = document.at("sentences").at(0);
    BOOST_TEST_REQUIRE(sentence.at("targets").size() == 1U);
    BOOST_TEST(sentence.at("targets").at(0).at("text") == "food");
    BOOST_TEST(sentence.at("targets").at(0).at("relations").at(0).at("ref") ==
               "#/documents/0/sentences/0/assessments/0");
}

BOOST_AUTO_TEST_CASE(many_lines_come_back_one_record_each_in_order) {
    const ta::test::fake_service service;
    std::string input;
    // More than a pipe holds, both ways: ta writes while it still has input to read.
    const int count = 5'000;
    for (int i = 1; i <= count; ++i) {
        input += (i % 3 == 0 ? "I hate line " : "I love line ") + std::to_string(i) +
                 " of a long enough review\n";
    }
    const auto r = run_ta({"--format", "tsv", "--api", "v2.1"}, with_input(service, input));
    BOOST_TEST(r.exit_code == 0);
    const auto lines = lines_of(r.out);
    BOOST_TEST_REQUIRE(lines.size() == static_cast<std::size_t>(count + 1));
    bool in_order = true;
    for (int i = 1; i <= count; ++i) {
        const std::string expected_score = i % 3 == 0 ? "0.1" : "0.9";
        const std::string& line = lines[static_cast<std::size_t>(i)];
        in_order = in_order &&
                   line.rfind(std::to_string(i) + "\t\t\t\t\t" + expected_score + "\t", 0) == 0;
    }
    BOOST_TEST(in_order);
}

BOOST_DATA_TEST_CASE(every_api_version_is_reachable,
                     boost::unit_test::data::make({"2025-11-01", "2024-11-01", "2023-04-01",
                                                   "2022-05-01", "v3.1", "v3.0"}) ^
                         boost::unit_test::data::make(
                             {"/language/:analyze-text", "/language/:analyze-text",
                              "/language/:analyze-text", "/language/:analyze-text",
                              "/text/analytics/v3.1/sentiment", "/text/analytics/v3.0/sentiment"}),
                     api, path) {
    const ta::test::fake_service service;
    const auto r = run_ta({"--api", api, "I love it"}, with_endpoint(service));
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out == positive_line + scored_by(service, api));
    const auto requests = service.requests();
    BOOST_TEST_REQUIRE(requests.size() == 1U);
    BOOST_TEST(requests[0].path == path);
    if (std::string(path) == "/language/:analyze-text") {
        BOOST_TEST(contains(requests[0].query, std::string("api-version=") + api));
    }
}

BOOST_DATA_TEST_CASE(v2_versions_give_a_score, boost::unit_test::data::make({"v2.1", "v2.0"}),
                     api) {
    const ta::test::fake_service service;
    const auto r = run_ta({"--api", api, "I love it"}, with_endpoint(service));
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out == "1    score 0.900  I love it\n" + scored_by(service, api));
    const auto requests = service.requests();
    BOOST_TEST_REQUIRE(requests.size() == 1U);
    BOOST_TEST(requests[0].path == std::string("/text/analytics/") + api + "/sentiment");
}

BOOST_AUTO_TEST_CASE(auto_falls_back_to_the_version_the_service_has) {
    ta::test::fake_service_options options;
    options.versions = {ta::api_version::v3_0};
    const ta::test::fake_service service(options);
    const auto r = run_ta({"I love it", "I hate it"}, with_endpoint(service));
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out == positive_line + negative_line + scored_by(service, "v3.0"));
}

BOOST_AUTO_TEST_CASE(no_api_at_the_endpoint_exits_3) {
    ta::test::fake_service_options options;
    options.versions = {};
    const ta::test::fake_service service(options);
    const auto r = run_ta({"I love it"}, with_endpoint(service));
    BOOST_TEST(r.exit_code == 3);
    BOOST_TEST(contains(r.err, "ta: no sentiment API at " + service.url()));
    BOOST_TEST(r.out.empty());
}

BOOST_AUTO_TEST_CASE(a_closed_port_exits_3_naming_the_host) {
    const std::string endpoint = "http://127.0.0.1:" + std::to_string(closed_port());
    const auto r = run_ta({"--endpoint", endpoint, "--retries", "0", "I love it"});
    BOOST_TEST(r.exit_code == 3);
    BOOST_TEST(contains(r.err, "ta: cannot reach " + endpoint));
    BOOST_TEST(contains(r.err, "TA_ENDPOINT"));
}

BOOST_AUTO_TEST_CASE(a_wrong_key_in_a_key_file_exits_3_without_showing_it) {
    ta::test::fake_service_options options;
    options.key = "right-key-0123";
    const ta::test::fake_service service(options);
    const temp_dir dir;
    const auto key_file = dir.write("key", "wrong-key-4567\n");
    const auto r = run_ta({"--key-file", key_file, "I love it"}, with_endpoint(service));
    BOOST_TEST(r.exit_code == 3);
    BOOST_TEST(contains(r.err, "access denied (HTTP 401)"));
    BOOST_TEST(contains(r.err, "TA_KEY or --key-file"));
    BOOST_TEST(!contains(r.err, "wrong-key-4567"));
    BOOST_TEST(r.out.empty());
}

BOOST_AUTO_TEST_CASE(a_wrong_key_in_ta_key_exits_3) {
    ta::test::fake_service_options options;
    options.key = "right-key-0123";
    const ta::test::fake_service service(options);
    auto process = with_endpoint(service);
    process.environment.emplace_back("TA_KEY", "wrong-key-4567");
    const auto r = run_ta({"I love it"}, process);
    BOOST_TEST(r.exit_code == 3);
    BOOST_TEST(contains(r.err, "access denied (HTTP 401)"));
    BOOST_TEST(!contains(r.err, "wrong-key-4567"));
}

BOOST_AUTO_TEST_CASE(no_key_for_a_service_that_wants_one_says_to_give_one) {
    ta::test::fake_service_options options;
    options.key = "right-key-0123";
    const ta::test::fake_service service(options);
    const auto r = run_ta({"I love it"}, with_endpoint(service));
    BOOST_TEST(r.exit_code == 3);
    BOOST_TEST(contains(r.err, "no key was given; set TA_KEY (or use --key-file)"));
    BOOST_TEST(r.out.empty());
}

BOOST_AUTO_TEST_CASE(the_right_key_from_a_key_file_is_sent) {
    ta::test::fake_service_options options;
    options.key = "right-key-0123";
    const ta::test::fake_service service(options);
    const temp_dir dir;
    const auto key_file = dir.write("key", "  right-key-0123\r\n");
    const auto r = run_ta({"--key-file", key_file, "I love it"}, with_endpoint(service));
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out == positive_line + scored_by(service));
}

BOOST_AUTO_TEST_CASE(the_right_key_from_azure_language_key_is_sent) {
    ta::test::fake_service_options options;
    options.key = "right-key-0123";
    const ta::test::fake_service service(options);
    auto process = with_endpoint(service);
    process.environment.emplace_back("AZURE_LANGUAGE_KEY", "right-key-0123");
    const auto r = run_ta({"I love it"}, process);
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out == positive_line + scored_by(service));
}

BOOST_AUTO_TEST_CASE(verbose_shows_the_request_but_never_the_key) {
    ta::test::fake_service_options options;
    options.key = "right-key-0123";
    const ta::test::fake_service service(options);
    auto process = with_endpoint(service);
    process.environment.emplace_back("TA_KEY", "right-key-0123");
    const auto r = run_ta({"--verbose", "I love it"}, process);
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out == positive_line + scored_by(service));
    BOOST_TEST(contains(r.err, "POST " + service.url() + "/language/:analyze-text"));
    BOOST_TEST(contains(r.err, "Ocp-Apim-Subscription-Key"));
    BOOST_TEST(!contains(r.err, "right-key-0123"));
}

BOOST_AUTO_TEST_CASE(the_language_option_is_sent_for_documents_without_one) {
    const ta::test::fake_service service;
    const auto r = run_ta({"--language", "fr", "I love it"}, with_endpoint(service));
    BOOST_TEST(r.exit_code == 0);
    const auto requests = service.requests();
    BOOST_TEST_REQUIRE(requests.size() == 1U);
    BOOST_TEST(contains(requests[0].body, "\"language\":\"fr\""));
}

BOOST_AUTO_TEST_CASE(a_server_error_without_retries_exits_3_saying_there_were_none) {
    ta::test::fake_service service;
    service.script(
        scripted(503, R"({"error":{"code":"ServiceUnavailable","message":"Busy.\nTry later."}})"));
    const auto r = run_ta({"--retries", "0", "I love it"}, with_endpoint(service));
    BOOST_TEST(r.exit_code == 3);
    BOOST_TEST(r.out.empty());
    BOOST_TEST(r.err.rfind("ta: the service failed (HTTP 503 ServiceUnavailable); it was not "
                           "retried (--retries 0): try again later, or raise --retries\n"
                           "  the service said: Busy. Try later.\n"
                           "  request id: ",
                           0) == 0U);
    BOOST_TEST(service.requests().size() == 1U);
}

BOOST_AUTO_TEST_CASE(control_characters_in_an_id_stay_on_the_line) {
    const ta::test::fake_service service;
    const auto r = run_ta({"--input", "jsonl"},
                          with_input(service, "{\"id\":\"a\\nb\",\"text\":\"I love it\"}\n"));
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out ==
               "a b  positive  pos 0.90  neu 0.08  neg 0.02  I love it\n" + scored_by(service));
}

BOOST_AUTO_TEST_CASE(control_characters_in_an_error_message_stay_on_the_line) {
    ta::test::fake_service service;
    service.script(scripted(200,
                            R"({"documents":[],"errors":[{"id":"1","error":{)"
                            R"("code":"InvalidArgument","message":"first\nsecond\u001b[2J"}}],)"
                            R"("modelVersion":"2022-11-01"})"));
    const auto r = run_ta({"--api", "v3.1", "I love it"}, with_endpoint(service));
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(r.out ==
               "1    error  InvalidArgument: first second [2J\n" + scored_by(service, "v3.1"));
}

BOOST_AUTO_TEST_CASE(a_byte_order_mark_is_dropped_and_a_nul_is_escaped_in_tsv) {
    const ta::test::fake_service service;
    const temp_dir dir;
    const auto file = dir.write("bom.txt", std::string("\xEF\xBB\xBF"
                                                       "I love it\nI love") +
                                               '\0' + "it\n");
    const auto r = run_ta({"--format", "tsv", "-f", file}, with_endpoint(service));
    BOOST_TEST(r.exit_code == 0);
    const auto lines = lines_of(r.out);
    BOOST_TEST_REQUIRE(lines.size() == 3U);
    BOOST_TEST(lines[1] == "1\tpositive\t0.9\t0.08\t0.02\t\t\t\tI love it");
    BOOST_TEST(lines[2] == "2\tpositive\t0.9\t0.08\t0.02\t\t\t\tI love\\x00it");
    const auto requests = service.requests();
    BOOST_TEST_REQUIRE(requests.size() == 1U);
    BOOST_TEST(contains(requests[0].body, R"("text":"I love it")"));
    BOOST_TEST(contains(requests[0].body, R"("text":"I love\u0000it")"));
}

BOOST_AUTO_TEST_CASE(a_nul_in_text_format_is_shown_as_a_space) {
    const ta::test::fake_service service;
    const auto r = run_ta({}, with_input(service, std::string("I love\0it\n", 10)));
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out ==
               "1    positive  pos 0.90  neu 0.08  neg 0.02  I love it\n" + scored_by(service));
}

BOOST_AUTO_TEST_SUITE_END()
