// The built `ta` on its built-in engine: no endpoint in the environment, no network.
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "test_cli_helpers.hpp"

using namespace ta::cli::test;

namespace {

ta::test::process_options with_stdin(std::string input) {
    ta::test::process_options options;
    options.input = std::move(input);
    return options;
}

} // namespace

BOOST_AUTO_TEST_SUITE(cli_builtin)

BOOST_AUTO_TEST_CASE(with_no_endpoint_ta_scores_and_says_with_what) {
    const auto r = run_ta({"The food was great.", "The service was awful."});
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out == "1    positive  pos 0.81  neu 0.19  neg 0.00  The food was great.\n"
                        "2    negative  pos 0.00  neu 0.27  neg 0.73  The service was awful.\n"
                        "-- scored by the built-in engine (VADER 3.3.2)\n");
    BOOST_TEST(r.err.empty());
}

BOOST_AUTO_TEST_CASE(jsonl_carries_vaders_own_scores_of_the_whole_text) {
    const auto r =
        run_ta({"--format", "jsonl", "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!"});
    BOOST_TEST(r.exit_code == 0);
    const auto doc = nlohmann::json::parse(r.out);
    BOOST_TEST(doc.at("vader").at("compound").get<double>() == 0.9469);
    BOOST_TEST(doc.at("vader").at("pos").get<double>() == 0.706);
    BOOST_TEST(doc.at("vader").at("neu").get<double>() == 0.294);
    BOOST_TEST(doc.at("vader").at("neg").get<double>() == 0.0);
    BOOST_TEST(doc.at("sentiment") == "positive");
}

BOOST_AUTO_TEST_CASE(json_is_one_response_with_the_engines_model_version) {
    const auto r = run_ta({"--format", "json", "I love it. I hate it.", ""});
    BOOST_TEST(r.exit_code == 1);
    const auto response = nlohmann::json::parse(r.out);
    BOOST_TEST(response.at("modelVersion") == "vader-3.3.2");
    BOOST_TEST_REQUIRE(response.at("documents").size() == 1U);
    BOOST_TEST(response.at("documents").at(0).at("sentiment") == "mixed");
    BOOST_TEST_REQUIRE(response.at("errors").size() == 1U);
    BOOST_TEST(response.at("errors").at(0).at("id") == "2");
}

BOOST_AUTO_TEST_CASE(tsv_has_labels_scores_and_the_v2_score) {
    const auto r = run_ta({"--format", "tsv", "I love this"});
    BOOST_TEST(r.exit_code == 0);
    const auto lines = lines_of(r.out);
    BOOST_TEST_REQUIRE(lines.size() == 2U);
    // score = (0.6369 + 1) / 2
    BOOST_TEST(lines[1] == "1\tpositive\t0.8185\t0.1815\t0\t0.8185\t\t\tI love this");
}

BOOST_AUTO_TEST_CASE(engine_builtin_wins_over_a_configured_endpoint) {
    ta::test::process_options options;
    options.environment = {{"TA_ENDPOINT", "http://127.0.0.1:9"}};
    const auto r = run_ta({"--engine", "builtin", "good"}, options);
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(contains(r.out, "-- scored by the built-in engine"));
}

BOOST_AUTO_TEST_CASE(a_service_option_without_an_endpoint_is_a_usage_error) {
    const auto r = run_ta({"--api", "v3.1", "good"});
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(contains(r.err, "no endpoint is configured"));
    BOOST_TEST(r.out.empty());
}

BOOST_AUTO_TEST_CASE(another_language_gets_an_error_record_and_exit_1) {
    const auto r = run_ta({"--format", "jsonl", "-l", "fr", "C'est bon"});
    BOOST_TEST(r.exit_code == 1);
    const auto doc = nlohmann::json::parse(r.out);
    BOOST_TEST(doc.at("error").at("code") == "UnsupportedLanguageCode");
}

BOOST_AUTO_TEST_CASE(every_line_of_a_long_input_gets_one_record_in_order) {
    std::string input;
    const int lines = 20'000;
    for (int i = 0; i < lines; ++i) {
        input += (i % 3 == 0 ? "good " : i % 3 == 1 ? "bad " : "") + std::to_string(i) + "\n";
    }
    const auto r = run_ta({"--format", "tsv"}, with_stdin(input));
    BOOST_TEST(r.exit_code == 0);
    const auto out = lines_of(r.out);
    BOOST_TEST_REQUIRE(out.size() == static_cast<std::size_t>(lines + 1));
    for (int i = 0; i < lines; i += 997) {
        const std::string& row = out[static_cast<std::size_t>(i + 1)];
        const std::string label = i % 3 == 0 ? "positive" : i % 3 == 1 ? "negative" : "neutral";
        BOOST_TEST(row.rfind(std::to_string(i + 1) + "\t" + label + "\t", 0) == 0U, row);
    }
}

BOOST_AUTO_TEST_SUITE_END()
