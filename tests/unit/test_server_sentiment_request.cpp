// ta-server's reading of a sentiment request: each generation's options, limits and the
// service's error bodies for what it refuses.
#include <map>
#include <optional>
#include <string>
#include <variant>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "api_routes.hpp"
#include "sentiment_request.hpp"

namespace data = boost::unit_test::data;
using ta::server::parse_sentiment_request;
using ta::server::rejection;
using ta::server::sentiment_request;

namespace {

using query_map = std::map<std::string, std::string, std::less<>>;

const ta::server::api_route& route(std::string_view name) {
    for (const auto& r : ta::server::api_routes()) {
        if (ta::server::route_name(r) == name) {
            return r;
        }
    }
    throw std::invalid_argument("no route " + std::string(name));
}

ta::server::query_lookup lookup(query_map query) {
    return [query = std::move(query)](std::string_view name) -> std::optional<std::string> {
        const auto found = query.find(name);
        return found == query.end() ? std::nullopt : std::optional<std::string>(found->second);
    };
}

/// A body with `documents` for the route's generation (the Language API wraps them).
std::string body_for(const ta::server::api_route& r, const nlohmann::json& documents,
                     const nlohmann::json& parameters = nullptr) {
    if (r.generation != ta::api_generation::language) {
        return nlohmann::json{{"documents", documents}}.dump();
    }
    nlohmann::json body{{"kind", "SentimentAnalysis"},
                        {"analysisInput", {{"documents", documents}}}};
    if (!parameters.is_null()) {
        body["parameters"] = parameters;
    }
    return body.dump();
}

nlohmann::json documents(std::size_t count) {
    nlohmann::json list = nlohmann::json::array();
    for (std::size_t i = 0; i < count; ++i) {
        list.push_back({{"id", std::to_string(i + 1)}, {"text", "text"}});
    }
    return list;
}

sentiment_request accepted(std::variant<sentiment_request, rejection> parsed) {
    if (const auto* r = std::get_if<rejection>(&parsed)) {
        BOOST_FAIL("rejected with " << r->status << ": " << r->body);
    }
    return std::get<sentiment_request>(std::move(parsed));
}

rejection refused(std::variant<sentiment_request, rejection> parsed) {
    BOOST_REQUIRE_MESSAGE(std::holds_alternative<rejection>(parsed), "the request was accepted");
    return std::get<rejection>(std::move(parsed));
}

/// The most specific code of a rejection: innererror's (innerError's for v2).
std::string inner_code(const rejection& r) {
    const auto body = nlohmann::json::parse(r.body);
    if (body.contains("error")) {
        return body["error"]["innererror"]["code"];
    }
    return body["innerError"]["code"];
}

const char* const all_versions[] = {"v2.0",       "v2.1",       "v3.0",       "v3.1",
                                    "2022-05-01", "2023-04-01", "2024-11-01", "2025-11-01"};
const char* const ten_document_versions[] = {"v3.0",       "v3.1",       "2022-05-01",
                                             "2023-04-01", "2024-11-01", "2025-11-01"};

} // namespace

BOOST_AUTO_TEST_SUITE(server_sentiment_request)

BOOST_DATA_TEST_CASE(documents_are_read_with_their_ids_texts_and_languages,
                     data::make(all_versions), name) {
    const auto& r = route(name);
    const auto request = accepted(parse_sentiment_request(
        r, lookup({}),
        body_for(r, {{{"id", "a"}, {"text", "I love it"}, {"language", "en"}},
                     {{"id", "b"}, {"text", "no language"}}})));
    BOOST_REQUIRE(request.documents.size() == 2U);
    BOOST_TEST(request.documents[0].id == "a");
    BOOST_TEST(request.documents[0].text == "I love it");
    BOOST_TEST(request.documents[0].language == "en");
    BOOST_TEST(request.documents[1].language.empty());
    BOOST_TEST(request.route == &r);
}

BOOST_DATA_TEST_CASE(eleven_documents_are_refused_with_invalid_document_batch,
                     data::make(ten_document_versions), name) {
    const auto& r = route(name);
    const auto rejected =
        refused(parse_sentiment_request(r, lookup({}), body_for(r, documents(11))));
    BOOST_TEST(rejected.status == 400);
    const auto body = nlohmann::json::parse(rejected.body);
    BOOST_TEST(body["error"]["code"] == "InvalidRequest");
    BOOST_TEST(body["error"]["innererror"]["code"] == "InvalidDocumentBatch");
    BOOST_TEST(body["error"]["innererror"]["message"] ==
               "Batch request contains too many records. Max 10 records are permitted.");
}

BOOST_DATA_TEST_CASE(ten_documents_are_accepted, data::make(ten_document_versions), name) {
    const auto& r = route(name);
    BOOST_TEST(accepted(parse_sentiment_request(r, lookup({}), body_for(r, documents(10))))
                   .documents.size() == 10U);
}

BOOST_DATA_TEST_CASE(v2_takes_a_thousand_documents_and_not_one_more, data::make({"v2.0", "v2.1"}),
                     name) {
    const auto& r = route(name);
    BOOST_TEST(accepted(parse_sentiment_request(r, lookup({}), body_for(r, documents(1000))))
                   .documents.size() == 1000U);
    const auto rejected =
        refused(parse_sentiment_request(r, lookup({}), body_for(r, documents(1001))));
    BOOST_TEST(rejected.status == 400);
    BOOST_TEST(nlohmann::json::parse(rejected.body)["innerError"]["message"] ==
               "Batch request contains too many records. Max 1000 records are permitted.");
}

BOOST_DATA_TEST_CASE(a_body_over_one_megabyte_is_413, data::make(all_versions), name) {
    const auto& r = route(name);
    const std::string body(1'048'577, ' ');
    const auto rejected = refused(parse_sentiment_request(r, lookup({}), body));
    BOOST_TEST(rejected.status == 413);
    BOOST_TEST(inner_code(rejected) == "InvalidDocumentBatch");
}

BOOST_DATA_TEST_CASE(malformed_json_is_invalid_request_body_format, data::make(all_versions),
                     name) {
    const auto rejected =
        refused(parse_sentiment_request(route(name), lookup({}), R"({"documents":[)"));
    BOOST_TEST(rejected.status == 400);
    BOOST_TEST(inner_code(rejected) == "InvalidRequestBodyFormat");
}

BOOST_DATA_TEST_CASE(a_document_without_text_is_invalid_request_body_format,
                     data::make(all_versions), name) {
    const auto& r = route(name);
    const auto rejected =
        refused(parse_sentiment_request(r, lookup({}), body_for(r, {{{"id", "1"}}})));
    BOOST_TEST(rejected.status == 400);
    BOOST_TEST(inner_code(rejected) == "InvalidRequestBodyFormat");
}

BOOST_DATA_TEST_CASE(missing_documents_are_missing_input_records, data::make(all_versions), name) {
    const auto& r = route(name);
    const auto rejected =
        refused(parse_sentiment_request(r, lookup({}), body_for(r, nlohmann::json::array())));
    BOOST_TEST(rejected.status == 400);
    BOOST_TEST(inner_code(rejected) == "MissingInputRecords");
}

BOOST_DATA_TEST_CASE(duplicate_ids_are_refused, data::make(all_versions), name) {
    const auto& r = route(name);
    const auto rejected = refused(parse_sentiment_request(
        r, lookup({}), body_for(r, {{{"id", "1"}, {"text", "a"}}, {{"id", "1"}, {"text", "b"}}})));
    BOOST_TEST(rejected.status == 400);
    BOOST_TEST(rejected.body.find("duplicated Ids") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(v2_errors_are_unwrapped_with_a_capital_e) {
    const auto rejected = refused(parse_sentiment_request(route("v2.1"), lookup({}), "nope"));
    const auto body = nlohmann::json::parse(rejected.body);
    BOOST_TEST(body["code"] == "InvalidRequest");
    BOOST_TEST(body.contains("innerError"));
    BOOST_TEST(!body.contains("error"));
}

BOOST_AUTO_TEST_CASE(language_api_needs_the_sentiment_kind) {
    const auto rejected = refused(parse_sentiment_request(
        route("2023-04-01"), lookup({}),
        R"({"kind":"EntityRecognition","analysisInput":{"documents":[{"id":"1","text":"a"}]}})"));
    BOOST_TEST(rejected.status == 400);
    BOOST_TEST(inner_code(rejected) == "InvalidParameterValue");
}

BOOST_AUTO_TEST_CASE(a_kind_that_is_not_a_string_is_a_400_not_a_crash) {
    // Found by fuzz_server_routes: the kind as an object threw, and ta-server answered 500.
    for (const std::string kind : {R"({"kind":"SentimentAnalysis"})", "1", "null", "[]"}) {
        const auto rejected = refused(parse_sentiment_request(
            route("2023-04-01"), lookup({}),
            R"({"kind":)" + kind + R"(,"analysisInput":{"documents":[{"id":"1","text":"a"}]}})"));
        BOOST_TEST(rejected.status == 400, kind);
        BOOST_TEST(inner_code(rejected) == "InvalidParameterValue", kind);
    }
}

BOOST_AUTO_TEST_CASE(v3_1_reads_every_query_option) {
    const auto request =
        accepted(parse_sentiment_request(route("v3.1"),
                                         lookup({{"showStats", "true"},
                                                 {"opinionMining", "True"},
                                                 {"loggingOptOut", "true"},
                                                 {"stringIndexType", "Utf16CodeUnit"},
                                                 {"model-version", "latest"}}),
                                         body_for(route("v3.1"), documents(1))));
    BOOST_TEST(request.show_stats);
    BOOST_TEST(request.opinion_mining);
    BOOST_TEST(request.logging_opt_out);
    BOOST_TEST((request.string_index == ta::string_index_type::utf16_code_unit));
    BOOST_TEST(request.model_version == "latest");
}

BOOST_AUTO_TEST_CASE(v3_0_has_no_opinion_mining_or_string_index_type) {
    const auto request =
        accepted(parse_sentiment_request(route("v3.0"),
                                         lookup({{"opinionMining", "true"},
                                                 {"stringIndexType", "Utf16CodeUnit"},
                                                 {"showStats", "true"}}),
                                         body_for(route("v3.0"), documents(1))));
    BOOST_TEST(!request.opinion_mining);
    BOOST_TEST(!request.string_index.has_value());
    BOOST_TEST(request.show_stats);
}

BOOST_AUTO_TEST_CASE(v2_0_has_no_statistics) {
    const auto request = accepted(parse_sentiment_request(
        route("v2.0"), lookup({{"showStats", "true"}}), body_for(route("v2.0"), documents(1))));
    BOOST_TEST(!request.show_stats);
}

BOOST_AUTO_TEST_CASE(v2_1_has_statistics) {
    const auto request = accepted(parse_sentiment_request(
        route("v2.1"), lookup({{"showStats", "true"}}), body_for(route("v2.1"), documents(1))));
    BOOST_TEST(request.show_stats);
}

BOOST_AUTO_TEST_CASE(a_flag_that_is_not_a_boolean_is_invalid_parameter_value) {
    const auto rejected = refused(parse_sentiment_request(
        route("v3.1"), lookup({{"showStats", "yes"}}), body_for(route("v3.1"), documents(1))));
    BOOST_TEST(rejected.status == 400);
    BOOST_TEST(inner_code(rejected) == "InvalidParameterValue");
}

BOOST_AUTO_TEST_CASE(language_api_reads_its_parameters_from_the_body) {
    const auto& r = route("2025-11-01");
    const auto request =
        accepted(parse_sentiment_request(r, lookup({{"showStats", "true"}}),
                                         body_for(r, documents(1),
                                                  {{"opinionMining", "True"},
                                                   {"loggingOptOut", true},
                                                   {"modelVersion", "latest"},
                                                   {"stringIndexType", "UnicodeCodePoint"}})));
    BOOST_TEST(request.show_stats);
    BOOST_TEST(request.opinion_mining);
    BOOST_TEST(request.logging_opt_out);
    BOOST_TEST(request.model_version == "latest");
    BOOST_TEST((request.string_index == ta::string_index_type::unicode_code_point));
}

// v3.1 spells the default TextElement_v8, the Language API TextElements_v8.
BOOST_AUTO_TEST_CASE(v3_1_refuses_the_language_api_spelling) {
    const auto rejected = refused(
        parse_sentiment_request(route("v3.1"), lookup({{"stringIndexType", "TextElements_v8"}}),
                                body_for(route("v3.1"), documents(1))));
    BOOST_TEST(rejected.status == 400);
    BOOST_TEST(inner_code(rejected) == "InvalidParameterValue");
}

BOOST_AUTO_TEST_CASE(v3_1_takes_its_own_spelling) {
    const auto request = accepted(
        parse_sentiment_request(route("v3.1"), lookup({{"stringIndexType", "TextElement_v8"}}),
                                body_for(route("v3.1"), documents(1))));
    BOOST_TEST((request.string_index == ta::string_index_type::text_element));
}

BOOST_AUTO_TEST_CASE(language_api_refuses_the_v3_1_spelling) {
    const auto& r = route("2023-04-01");
    const auto rejected = refused(parse_sentiment_request(
        r, lookup({}), body_for(r, documents(1), {{"stringIndexType", "TextElement_v8"}})));
    BOOST_TEST(rejected.status == 400);
    BOOST_TEST(inner_code(rejected) == "InvalidParameterValue");
}

BOOST_AUTO_TEST_CASE(language_api_takes_its_own_spelling) {
    const auto& r = route("2023-04-01");
    const auto request = accepted(parse_sentiment_request(
        r, lookup({}), body_for(r, documents(1), {{"stringIndexType", "TextElements_v8"}})));
    BOOST_TEST((request.string_index == ta::string_index_type::text_element));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(server_api_routes)

BOOST_DATA_TEST_CASE(every_version_has_a_route,
                     data::make({"/text/analytics/v2.0/sentiment", "/text/analytics/v2.1/sentiment",
                                 "/text/analytics/v3.0/sentiment",
                                 "/text/analytics/v3.1/sentiment"}),
                     path) {
    BOOST_TEST(ta::server::find_api_route(path, "") != nullptr);
}

BOOST_DATA_TEST_CASE(language_api_versions_are_routed_by_api_version,
                     data::make({"2022-05-01", "2023-04-01", "2024-11-01", "2025-11-01"}),
                     version) {
    const auto* r = ta::server::find_api_route("/language/:analyze-text", version);
    BOOST_REQUIRE(r != nullptr);
    BOOST_TEST(ta::server::route_name(*r) == version);
}

BOOST_DATA_TEST_CASE(unknown_versions_have_no_route,
                     data::make({"", "2023-04-15-preview", "2021-01-01", "latest"}), version) {
    BOOST_TEST(ta::server::find_api_route("/language/:analyze-text", version) == nullptr);
}

BOOST_AUTO_TEST_CASE(an_unknown_path_has_no_route) {
    BOOST_TEST(ta::server::find_api_route("/text/analytics/v3.2/sentiment", "") == nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
