// The built `ta` with secrets to keep and input that is not what it should be: a key file
// others can read, redirects, the key in --verbose and in error messages; invalid UTF-8, BOM,
// CRLF, lines of megabytes, binary files, empty input, and a reader that leaves (`| head -1`).
// Each on the built-in engine and on the service where both read the input.
#include <csignal>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "fake_service.hpp"
#include "server_process.hpp"
#include "test_cli_helpers.hpp"

using namespace ta::cli::test;
using json = nlohmann::json;

namespace {

const std::string secret = "s3cr3t-k3y-0123";

ta::test::process_options builtin_input(std::string input) {
    ta::test::process_options options;
    options.input = std::move(input);
    return options;
}

/// The fake service requiring `secret`, and ta given it in TA_KEY.
struct keyed_service {
    ta::test::fake_service service{ta::test::fake_service_options{.key = secret}};

    ta::test::process_options options(std::optional<std::string> input = std::nullopt) const {
        auto o = with_endpoint(service);
        o.environment.emplace_back("TA_KEY", secret);
        o.input = std::move(input);
        return o;
    }
};

std::vector<json> jsonl(const std::string& out) {
    std::vector<json> records;
    for (const auto& line : lines_of(out)) {
        records.push_back(json::parse(line));
    }
    return records;
}

std::string key_file_with_mode(const temp_dir& dir, std::filesystem::perms mode) {
    const auto path = dir.write("key", secret + "\n");
    std::filesystem::permissions(path, mode);
    return path;
}

using perms = std::filesystem::perms;

} // namespace

BOOST_AUTO_TEST_SUITE(cli_secrets)

BOOST_AUTO_TEST_CASE(a_key_file_others_can_read_draws_a_warning_that_says_what_to_run) {
    const keyed_service keyed;
    const temp_dir dir;
    const auto path = key_file_with_mode(dir, perms::owner_read | perms::owner_write |
                                                  perms::group_read | perms::others_read);
    const auto r = run_ta({"--key-file", path, "I love it"}, with_endpoint(keyed.service));
    BOOST_TEST(r.exit_code == 0, r.err); // still read, as ssh would not, but said
    BOOST_TEST(r.err == "ta: warning: the key file '" + path +
                            "' can be read or changed by other users (mode 0644); make it yours "
                            "alone: chmod 600 '" +
                            path + "'\n");
    BOOST_TEST(!contains(r.out + r.err, secret));
}

BOOST_AUTO_TEST_CASE(a_key_file_for_its_owner_alone_draws_no_warning) {
    const keyed_service keyed;
    const temp_dir dir;
    const auto path = key_file_with_mode(dir, perms::owner_read | perms::owner_write);
    const auto r = run_ta({"--key-file", path, "I love it"}, with_endpoint(keyed.service));
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.err.empty());
}

BOOST_AUTO_TEST_CASE(ta_server_warns_of_its_key_file_too) {
    const temp_dir dir;
    const auto path = key_file_with_mode(dir, perms::owner_read | perms::group_read);
    ta::test::server_process server({TA_SERVER_BINARY, "--port", "0", "--key-file", path});
    const auto stopped = server.stop(SIGTERM);
    BOOST_TEST(stopped.exit_code == 0);
    BOOST_TEST(contains(stopped.err, "ta-server: warning: the key file '" + path +
                                         "' can be read or changed by other users (mode 0440)"),
               stopped.err);
    BOOST_TEST(contains(stopped.err, "chmod 600"));
    BOOST_TEST(!contains(stopped.err, secret));
}

BOOST_AUTO_TEST_CASE(a_redirect_to_another_port_is_an_error_and_the_key_never_goes_there) {
    for (const int status : {301, 307, 308}) {
        keyed_service keyed;
        const ta::test::fake_service elsewhere;
        ta::test::scripted_response moved;
        moved.status = status;
        moved.headers = {{"Location", elsewhere.url() + "/language/:analyze-text"}};
        keyed.service.script(moved);
        const auto r = run_ta({"--retries", "0", "I love it"}, keyed.options());
        BOOST_TEST(r.exit_code == 3, r.err);
        BOOST_TEST(contains(r.err, "ta: the endpoint answered with a redirect (HTTP " +
                                       std::to_string(status) + ") to " + elsewhere.url()),
                   r.err);
        BOOST_TEST(contains(r.err, "ta does not follow redirects, since the key would go along"));
        BOOST_TEST(elsewhere.requests().empty()); // the other origin saw nothing at all
        BOOST_TEST(!contains(r.out + r.err, secret));
    }
}

BOOST_AUTO_TEST_CASE(verbose_never_shows_the_key_not_even_in_its_error_messages) {
    // Refused: a wrong key gets the 401 path, which quotes the service and the request.
    const ta::test::fake_service service({.key = "the-right-one"});
    auto options = with_endpoint(service);
    options.environment.emplace_back("TA_KEY", secret);
    const auto refused = run_ta({"--verbose", "--api", "v3.1", "I love it"}, options);
    BOOST_TEST(refused.exit_code == 3);
    BOOST_TEST(contains(refused.err, "> Ocp-Apim-Subscription-Key: [redacted]"), refused.err);
    BOOST_TEST(contains(refused.err, "< HTTP 401"), refused.err);
    BOOST_TEST(contains(refused.err, "access denied (HTTP 401)"), refused.err);
    BOOST_TEST(!contains(refused.out + refused.err, secret));

    // Unreachable: the transport's error names the URL, never the header.
    ta::test::process_options nowhere;
    nowhere.environment = {{"TA_ENDPOINT", "http://127.0.0.1:1"}, {"TA_KEY", secret}};
    const auto unreachable = run_ta({"--verbose", "--retries", "0", "I love it"}, nowhere);
    BOOST_TEST(unreachable.exit_code == 3);
    BOOST_TEST(contains(unreachable.err, "cannot reach http://127.0.0.1:1"), unreachable.err);
    BOOST_TEST(!contains(unreachable.out + unreachable.err, secret));

    // A key with a line break is refused without being shown.
    ta::test::process_options broken = with_endpoint(service);
    broken.environment.emplace_back("TA_KEY", secret + "\nmore");
    const auto bad_key = run_ta({"--verbose", "I love it"}, broken);
    BOOST_TEST(bad_key.exit_code == 2);
    BOOST_TEST(!contains(bad_key.out + bad_key.err, secret));
}

BOOST_AUTO_TEST_CASE(allow_insecure_http_is_refused_with_the_built_in_engine) {
    const auto r = run_ta({"--engine", "builtin", "--allow-insecure-http", "I love it"});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(contains(r.err, "--allow-insecure-http is for the service"), r.err);
}

BOOST_AUTO_TEST_CASE(a_key_may_go_over_plain_http_to_loopback_by_any_name) {
    const keyed_service keyed;
    const std::string port = std::to_string(keyed.service.port());
    for (const std::string host : {"127.0.0.1", "localhost", "LOCALHOST"}) {
        auto options = keyed.options();
        options.environment[0].second = "http://" + host + ":" + port;
        const auto r = run_ta({"--retries", "0", "I love it"}, options);
        BOOST_TEST(r.exit_code == 0, host + ": " + r.err);
    }
}

BOOST_AUTO_TEST_CASE(a_proxy_on_another_host_would_carry_the_key_in_clear_so_it_is_refused) {
    const keyed_service keyed;
    auto options = keyed.options();
    options.environment.emplace_back("http_proxy", "http://ta-proxy-test.invalid:3128");
    options.environment.emplace_back("all_proxy", "");
    options.environment.emplace_back("no_proxy", "");
    const auto refused = run_ta({"--retries", "0", "I love it"}, options);
    BOOST_TEST(refused.exit_code == 2);
    BOOST_TEST(refused.err == "ta: the endpoint " + keyed.service.url() +
                                  " is plain http://, and the proxy ta-proxy-test.invalid (from "
                                  "http_proxy or all_proxy) would carry the key unencrypted to "
                                  "another machine. Set no_proxy=127.0.0.1 to reach it directly, "
                                  "use an https:// endpoint, or, if you trust that proxy, pass "
                                  "--allow-insecure-http\n");
    // As it says: no_proxy sends the request past the proxy, straight to this machine.
    options.environment.back().second = "localhost,127.0.0.1";
    const auto direct = run_ta({"--retries", "0", "I love it"}, options);
    BOOST_TEST(direct.exit_code == 0, direct.err);
    BOOST_TEST(keyed.service.requests().size() == 1U);
}

// libcurl matches an address in no_proxy only as an address (an IPv6 one without brackets) or an
// IPv4 network, never as a name suffix: where it would still use the proxy, ta refuses.
BOOST_AUTO_TEST_CASE(no_proxy_counts_for_an_address_only_where_libcurl_bypasses_the_proxy) {
    const keyed_service keyed;
    const std::string port = std::to_string(keyed.service.port());
    const auto attempt = [&](const std::string& host, const std::string& no_proxy) {
        auto options = keyed.options();
        options.environment[0].second = "http://" + host + ":" + port;
        options.environment.emplace_back("http_proxy", "http://ta-proxy-test.invalid:3128");
        options.environment.emplace_back("all_proxy", "");
        options.environment.emplace_back("no_proxy", no_proxy);
        return run_ta({"--retries", "0", "I love it"}, options);
    };
    for (const auto& [host, no_proxy] :
         std::vector<std::pair<std::string, std::string>>{{"[::1]", "[::1]"},
                                                          {"127.0.0.1", "0.0.1"},
                                                          {"127.0.0.1", ".0.0.1"},
                                                          {"127.0.0.1", "127.0.0.2"},
                                                          {"127.0.0.1", "10.0.0.0/8"}}) {
        const auto r = attempt(host, no_proxy);
        BOOST_TEST(r.exit_code == 2, host + " with no_proxy=" + no_proxy + ": " + r.err);
        BOOST_TEST(contains(r.err, "would carry the key unencrypted"), r.err);
    }
    BOOST_TEST(contains(attempt("[::1]", "").err, "Set no_proxy=::1 to reach it directly"));
    BOOST_TEST(keyed.service.requests().empty());
    // The forms libcurl does read: the address among others, blanks as separators, a network.
    for (const std::string no_proxy : {"example.com 127.0.0.1", "127.0.0.0/8", "*"}) {
        const auto r = attempt("127.0.0.1", no_proxy);
        BOOST_TEST(r.exit_code == 0, "no_proxy=" + no_proxy + ": " + r.err);
    }
    BOOST_TEST(keyed.service.requests().size() == 3U);
}

BOOST_AUTO_TEST_CASE(a_refused_endpoint_is_shown_without_its_password) {
    auto options = builtin_input("");
    options.environment = {{"TA_ENDPOINT", "http://user:pa55w0rd@ta-test.invalid:5000"},
                           {"TA_KEY", secret}};
    const auto r = run_ta({"I love it"}, options);
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(!contains(r.err, "pa55w0rd"), r.err);
    BOOST_TEST(contains(r.err, "http://ta-test.invalid:5000"), r.err);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(cli_bad_input)

BOOST_AUTO_TEST_CASE(invalid_utf8_gets_an_error_record_and_the_other_lines_are_scored) {
    const std::string input = "I love it\nbad \xff\xfe byte \xc3\nI hate it\n";
    const keyed_service keyed;
    for (const auto& options : {builtin_input(input), keyed.options(input)}) {
        const auto r = run_ta({"--format", "jsonl"}, options);
        BOOST_TEST(r.exit_code == 1, r.err);
        const auto records = jsonl(r.out);
        BOOST_TEST_REQUIRE(records.size() == 3U);
        BOOST_TEST(records[0]["sentiment"] == "positive");
        BOOST_TEST(records[1]["id"] == "2");
        BOOST_TEST(records[1]["error"]["code"] == "InvalidDocument");
        BOOST_TEST(records[1]["error"]["message"] == "Document text is not valid UTF-8.");
        BOOST_TEST(records[2]["sentiment"] == "negative");
    }
    // The invalid line was never sent.
    for (const auto& request : keyed.service.requests()) {
        BOOST_TEST(!contains(request.body, "byte"));
    }
}

BOOST_AUTO_TEST_CASE(a_nul_byte_stays_in_the_text_on_the_built_in_engine) {
    const auto r = run_ta({"--format", "jsonl"}, builtin_input(std::string("I love\0it\n", 10)));
    BOOST_TEST(r.exit_code == 0, r.err);
    const auto records = jsonl(r.out);
    BOOST_TEST_REQUIRE(records.size() == 1U);
    BOOST_TEST(records[0]["sentences"][0]["text"] == std::string("I love\0it", 9));
    BOOST_TEST(contains(r.out, "\\u0000"));
}

BOOST_AUTO_TEST_CASE(a_byte_order_mark_is_dropped_from_standard_input_and_from_each_file) {
    const temp_dir dir;
    const auto first = dir.write("a.txt", "\xEF\xBB\xBFI love it\n");
    const auto second = dir.write("b.txt", "\xEF\xBB\xBFI hate it\n");
    const auto from_files = run_ta({"--format", "jsonl", "-f", first, "-f", second});
    const auto from_stdin = run_ta({"--format", "jsonl"}, builtin_input("\xEF\xBB\xBFI love it\n"));
    for (const auto& r : {from_files, from_stdin}) {
        BOOST_TEST(r.exit_code == 0, r.err);
        BOOST_TEST(!contains(r.out, "\xEF\xBB\xBF"));
        const auto records = jsonl(r.out);
        BOOST_TEST_REQUIRE(!records.empty());
        BOOST_TEST(records[0]["sentences"][0]["text"] == "I love it");
        BOOST_TEST(records[0]["sentences"][0]["offset"] == 0);
    }
}

BOOST_AUTO_TEST_CASE(crlf_line_ends_leave_no_cr_in_the_text) {
    const keyed_service keyed;
    const std::string input = "I love it\r\nI hate it\r\n";
    for (const auto& options : {builtin_input(input), keyed.options(input)}) {
        const auto r = run_ta({"--format", "jsonl"}, options);
        BOOST_TEST(r.exit_code == 0, r.err);
        const auto records = jsonl(r.out);
        BOOST_TEST_REQUIRE(records.size() == 2U);
        BOOST_TEST(records[0]["sentences"][0]["text"] == "I love it");
        BOOST_TEST(records[1]["sentences"][0]["text"] == "I hate it");
        BOOST_TEST(records[0]["sentences"][0]["length"] == 9);
    }
    for (const auto& request : keyed.service.requests()) {
        BOOST_TEST(!contains(request.body, "\\r"));
    }
}

BOOST_AUTO_TEST_CASE(a_line_of_megabytes_gets_its_record_and_the_others_are_scored) {
    std::string words;
    while (words.size() < 3'000'000) {
        words += "good ";
    }
    const std::string input = "I love it\n" + words + "\nI hate it\n";
    // The service's limit (5,120 text elements) is checked before sending: an error record.
    const keyed_service keyed;
    const auto remote = run_ta({"--format", "jsonl"}, keyed.options(input));
    BOOST_TEST(remote.exit_code == 1, remote.err);
    const auto records = jsonl(remote.out);
    BOOST_TEST_REQUIRE(records.size() == 3U);
    BOOST_TEST(records[0]["sentiment"] == "positive");
    BOOST_TEST(records[1]["error"]["code"] == "InvalidDocument");
    BOOST_TEST(records[2]["sentiment"] == "negative");
    for (const auto& request : keyed.service.requests()) {
        BOOST_TEST(request.body.size() < 1'000'000U);
    }
    // The built-in engine scores it whole.
    const auto builtin = run_ta({"--format", "tsv"}, builtin_input(input));
    BOOST_TEST(builtin.exit_code == 0, builtin.err);
    const auto rows = lines_of(builtin.out);
    BOOST_TEST_REQUIRE(rows.size() == 4U);
    BOOST_TEST(rows[2].starts_with("2\tpositive\t"));
    BOOST_TEST(rows[3].starts_with("3\tnegative\t"));
}

BOOST_AUTO_TEST_CASE(a_binary_file_gets_one_record_per_line_and_no_crash) {
    // Every byte value, NUL and invalid UTF-8 included, in a pseudo-random order.
    std::string bytes;
    std::uint32_t state = 12345;
    for (int i = 0; i < 200'000; ++i) {
        state = state * 1'103'515'245U + 12'345U;
        bytes += static_cast<char>((state >> 16) & 0xFF);
    }
    const temp_dir dir;
    const auto path = dir.write("random.bin", bytes);
    std::size_t lines = 0;
    for (const char c : bytes) {
        lines += c == '\n' ? 1 : 0;
    }
    lines += bytes.back() == '\n' ? 0 : 1;
    const keyed_service keyed;
    auto remote = keyed.options();
    for (const auto& options : {ta::test::process_options{}, remote}) {
        const auto r = run_ta({"--format", "jsonl", "-f", path}, options);
        BOOST_TEST(r.exit_code == 1, r.err); // most lines are not UTF-8
        BOOST_TEST(r.err.empty(), r.err);
        const auto records = jsonl(r.out); // each a whole JSON object
        BOOST_TEST_REQUIRE(records.size() == lines);
        BOOST_TEST(records.back()["id"] == std::to_string(lines));
    }
}

BOOST_AUTO_TEST_CASE(empty_input_gives_no_records_and_exit_0) {
    const temp_dir dir;
    const auto empty = dir.write("empty.txt", "");
    const keyed_service keyed;
    for (const auto& [args, options] :
         std::vector<std::pair<std::vector<std::string>, ta::test::process_options>>{
             {{"--format", "jsonl"}, builtin_input("")},
             {{"--format", "jsonl", "-f", empty}, {}},
             {{"--format", "jsonl"}, keyed.options("")}}) {
        const auto r = run_ta(args, options);
        BOOST_TEST(r.exit_code == 0, r.err);
        BOOST_TEST(r.out.empty());
        BOOST_TEST(r.err.empty());
    }
    BOOST_TEST(keyed.service.requests().empty());
    const auto whole = run_ta({"--format", "json"}, builtin_input(""));
    BOOST_TEST(whole.exit_code == 0);
    BOOST_TEST(json::parse(whole.out)["documents"].empty());
}

BOOST_AUTO_TEST_CASE(a_directory_or_a_missing_file_among_others_exits_2_before_any_output) {
    const temp_dir dir;
    const auto good = dir.write("good.txt", "I love it\n");
    for (const std::string& bad : {dir.path(), dir.path() + "/absent.txt"}) {
        const auto r = run_ta({"-f", good, "-f", bad});
        BOOST_TEST(r.exit_code == 2);
        BOOST_TEST(r.out.empty());
        BOOST_TEST(r.err.starts_with("ta: cannot read '" + bad + "': "), r.err);
    }
}

BOOST_AUTO_TEST_CASE(a_reader_that_leaves_early_gets_a_quiet_exit) {
    std::string input;
    for (int i = 1; i <= 20'000; ++i) {
        input += "I love line " + std::to_string(i) + "\n";
    }
    const ta::test::fake_service service;
    for (const bool remote : {false, true}) {
        ta::test::process_options options;
        options.input = input;
        if (remote) {
            options.environment = {{"TA_ENDPOINT", service.url()}};
        }
        // As a shell runs it: ta's stderr is what the user would see.
        const auto r = ta::test::run_process(
            {"/bin/sh", "-c", "\"$0\" --format tsv | head -1", TA_BINARY}, options);
        BOOST_TEST(r.exit_code == 0);
        BOOST_TEST(r.out == "id\tsentiment\tpositive\tneutral\tnegative\tscore\terror_code\terror_"
                            "message\ttext\n");
        BOOST_TEST(r.err.empty(), r.err);
    }
}

BOOST_AUTO_TEST_SUITE_END()
