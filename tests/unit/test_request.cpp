// Request building for every API generation: targets, options, bodies.
#include <ostream>
#include <string>
#include <vector>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <ta/error.hpp>

#include "detail/wire.hpp"

namespace data = boost::unit_test::data;
using nlohmann::json;
using ta::api_version;
using ta::detail::request_parameters;
using ta::detail::wire_document;

namespace {

constexpr const char* e1_text = "Hello world. This is some input text that I love.";

std::vector<wire_document> one_document(std::string_view text = e1_text) {
    return {{"1", text, "en"}};
}

request_parameters every_option(api_version api) {
    request_parameters parameters;
    parameters.api = api;
    parameters.model_version = "latest";
    parameters.opinion_mining = true;
    parameters.show_stats = true;
    parameters.logging_opt_out = true;
    parameters.string_index = ta::string_index_type::utf16_code_unit;
    return parameters;
}

std::string message_of_check(const request_parameters& parameters) {
    try {
        ta::detail::check_parameters(parameters);
    } catch (const ta::usage_error& error) {
        return error.what();
    }
    return "";
}

struct version_case {
    api_version api;
    std::string plain_target;
    std::string full_target; // with every option the version has
    bool show_stats;
    bool model_version;
    bool v3_1_options; // opinion mining, logging opt-out, string index type
    friend std::ostream& operator<<(std::ostream& out, const version_case& c) {
        return out << ta::to_string(c.api);
    }
};

const std::vector<version_case> versions = {
    {api_version::language_2025_11_01, "/language/:analyze-text?api-version=2025-11-01",
     "/language/:analyze-text?api-version=2025-11-01&showStats=true", true, true, true},
    {api_version::language_2024_11_01, "/language/:analyze-text?api-version=2024-11-01",
     "/language/:analyze-text?api-version=2024-11-01&showStats=true", true, true, true},
    {api_version::language_2023_04_01, "/language/:analyze-text?api-version=2023-04-01",
     "/language/:analyze-text?api-version=2023-04-01&showStats=true", true, true, true},
    {api_version::language_2022_05_01, "/language/:analyze-text?api-version=2022-05-01",
     "/language/:analyze-text?api-version=2022-05-01&showStats=true", true, true, true},
    {api_version::v3_1, "/text/analytics/v3.1/sentiment",
     "/text/analytics/v3.1/sentiment?model-version=latest&showStats=true&loggingOptOut=true"
     "&opinionMining=true&stringIndexType=Utf16CodeUnit",
     true, true, true},
    {api_version::v3_0, "/text/analytics/v3.0/sentiment",
     "/text/analytics/v3.0/sentiment?model-version=latest&showStats=true", true, true, false},
    {api_version::v2_1, "/text/analytics/v2.1/sentiment",
     "/text/analytics/v2.1/sentiment?showStats=true", true, false, false},
    {api_version::v2_0, "/text/analytics/v2.0/sentiment", "/text/analytics/v2.0/sentiment", false,
     false, false},
};

bool is_language(api_version api) {
    return ta::generation_of(api) == ta::api_generation::language;
}

} // namespace

BOOST_AUTO_TEST_SUITE(request)

BOOST_DATA_TEST_CASE(target_without_options_names_only_the_version, data::make(versions), c) {
    request_parameters parameters;
    parameters.api = c.api;
    BOOST_TEST(ta::detail::build_request(parameters, one_document()).target == c.plain_target);
}

BOOST_DATA_TEST_CASE(every_supported_option_reaches_the_target, data::make(versions), c) {
    const request_parameters parameters = ta::detail::supported_parameters(every_option(c.api));
    BOOST_TEST(ta::detail::build_request(parameters, one_document()).target == c.full_target);
}

BOOST_DATA_TEST_CASE(supported_options_are_what_the_version_has, data::make(versions), c) {
    const request_parameters kept = ta::detail::supported_parameters(every_option(c.api));
    BOOST_TEST((kept.api == c.api));
    BOOST_TEST(kept.show_stats == c.show_stats);
    BOOST_TEST(kept.model_version == (c.model_version ? "latest" : ""));
    BOOST_TEST(kept.opinion_mining == c.v3_1_options);
    BOOST_TEST(kept.logging_opt_out == c.v3_1_options);
    BOOST_TEST(kept.string_index.has_value() == c.v3_1_options);
    BOOST_CHECK_NO_THROW(ta::detail::check_parameters(kept));
}

BOOST_DATA_TEST_CASE(options_the_version_lacks_are_refused, data::make(versions), c) {
    const std::string version(ta::to_string(c.api));
    request_parameters parameters;
    parameters.api = c.api;

    parameters.opinion_mining = true;
    const std::string opinion = message_of_check(parameters);
    BOOST_TEST(opinion.empty() == c.v3_1_options);
    parameters = request_parameters();
    parameters.api = c.api;
    parameters.logging_opt_out = true;
    const std::string logging = message_of_check(parameters);
    BOOST_TEST(logging.empty() == c.v3_1_options);
    parameters = request_parameters();
    parameters.api = c.api;
    parameters.string_index = ta::string_index_type::unicode_code_point;
    const std::string index = message_of_check(parameters);
    BOOST_TEST(index.empty() == c.v3_1_options);
    parameters = request_parameters();
    parameters.api = c.api;
    parameters.model_version = "latest";
    const std::string model = message_of_check(parameters);
    BOOST_TEST(model.empty() == c.model_version);
    parameters = request_parameters();
    parameters.api = c.api;
    parameters.show_stats = true;
    const std::string stats = message_of_check(parameters);
    BOOST_TEST(stats.empty() == c.show_stats);

    // Each refusal names the version in use and one that would work.
    for (const std::string& message : {opinion, logging, index, model, stats}) {
        if (!message.empty()) {
            BOOST_TEST(message.find("API " + version) != std::string::npos, message);
            BOOST_TEST(message.find("; use ") != std::string::npos, message);
        }
    }
    if (!opinion.empty()) {
        BOOST_TEST(opinion.find("opinion mining") != std::string::npos);
        BOOST_TEST(opinion.find("v3.1 or a Language API version") != std::string::npos);
    }
    if (!model.empty()) {
        BOOST_TEST(model.find("model version") != std::string::npos);
        BOOST_TEST(model.find("v3.0 or later") != std::string::npos);
    }
    if (!stats.empty()) {
        BOOST_TEST(stats.find("v2.1 or later") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(opinion_mining_on_v3_0_says_which_versions_have_it) {
    request_parameters parameters;
    parameters.api = api_version::v3_0;
    parameters.opinion_mining = true;
    BOOST_TEST(message_of_check(parameters) ==
               "opinion mining is not available in API v3.0; use v3.1 or a Language API version "
               "(2022-05-01 or later)");
}

BOOST_DATA_TEST_CASE(body_lists_the_documents_in_order, data::make(versions), c) {
    request_parameters parameters;
    parameters.api = c.api;
    const std::vector<wire_document> documents = {
        {"1", "first", "en"}, {"2", "zweite", "de"}, {"10", "tercero", "es"}};
    const json body = json::parse(ta::detail::build_request(parameters, documents).body);
    const json& list =
        is_language(c.api) ? body.at("analysisInput").at("documents") : body.at("documents");
    BOOST_TEST_REQUIRE(list.size() == 3U);
    BOOST_TEST(list[0] == json::parse(R"({"id":"1","text":"first","language":"en"})"));
    BOOST_TEST(list[1] == json::parse(R"({"id":"2","text":"zweite","language":"de"})"));
    BOOST_TEST(list[2] == json::parse(R"({"id":"10","text":"tercero","language":"es"})"));
}

BOOST_AUTO_TEST_CASE(v3_body_is_the_documented_document_list) {
    request_parameters parameters;
    parameters.api = api_version::v3_0;
    const auto request = ta::detail::build_request(parameters, one_document());
    BOOST_TEST(request.body == R"({"documents":[{"id":"1","text":")" + std::string(e1_text) +
                                   R"(","language":"en"}]})");
}

BOOST_AUTO_TEST_CASE(v2_body_has_no_options) {
    const auto request =
        ta::detail::build_request_v2(every_option(api_version::v2_1), one_document("Good"));
    BOOST_TEST(request.body == R"({"documents":[{"id":"1","text":"Good","language":"en"}]})");
}

BOOST_AUTO_TEST_CASE(language_body_matches_the_documented_example) {
    request_parameters parameters;
    parameters.api = api_version::language_2022_05_01;
    parameters.model_version = "latest";
    const char* text = "Great atmosphere. Close to plenty of restaurants, hotels, and transit! "
                       "Staff are friendly and helpful.";
    const auto request = ta::detail::build_request(parameters, one_document(text));
    BOOST_TEST(request.target == "/language/:analyze-text?api-version=2022-05-01");
    BOOST_TEST(json::parse(request.body) == json::parse(R"({"kind":"SentimentAnalysis",
        "parameters":{"modelVersion":"latest"},
        "analysisInput":{"documents":[{"id":"1","language":"en","text":"Great atmosphere. Close to plenty of restaurants, hotels, and transit! Staff are friendly and helpful."}]}})"));
}

BOOST_AUTO_TEST_CASE(language_parameters_hold_only_what_is_set) {
    request_parameters parameters;
    parameters.api = api_version::language_2023_04_01;
    const json plain = json::parse(ta::detail::build_request(parameters, one_document()).body);
    BOOST_TEST(plain.at("kind") == "SentimentAnalysis");
    BOOST_TEST(plain.at("parameters") == json::object());
}

BOOST_AUTO_TEST_CASE(language_options_go_in_the_body_with_their_types) {
    const auto request =
        ta::detail::build_request(every_option(api_version::language_2024_11_01), one_document());
    // Only showStats is a query parameter in the Language API.
    BOOST_TEST(request.target == "/language/:analyze-text?api-version=2024-11-01&showStats=true");
    const json parameters = json::parse(request.body).at("parameters");
    BOOST_TEST(parameters == json::parse(R"({"modelVersion":"latest","opinionMining":true,
        "loggingOptOut":true,"stringIndexType":"Utf16CodeUnit"})"));
    // The docs' examples send the string "True"; the spec's type is boolean.
    BOOST_TEST(parameters.at("opinionMining").is_boolean());
}

BOOST_AUTO_TEST_CASE(language_spells_the_text_element_index_with_an_s) {
    request_parameters parameters;
    parameters.api = api_version::language_2023_04_01;
    parameters.string_index = ta::string_index_type::text_element;
    const json body = json::parse(ta::detail::build_request(parameters, one_document()).body);
    BOOST_TEST(body.at("parameters").at("stringIndexType") == "TextElements_v8");

    parameters.api = api_version::v3_1;
    BOOST_TEST(ta::detail::build_request(parameters, one_document()).target ==
               "/text/analytics/v3.1/sentiment?stringIndexType=TextElement_v8");
}

struct index_name_case {
    ta::string_index_type type;
    ta::api_generation generation;
    std::string name;
    friend std::ostream& operator<<(std::ostream& out, const index_name_case& c) {
        return out << c.name;
    }
};

BOOST_DATA_TEST_CASE(
    string_index_type_is_spelled_as_each_generation_does,
    data::make(std::vector<index_name_case>{
        {ta::string_index_type::text_element, ta::api_generation::v3, "TextElement_v8"},
        {ta::string_index_type::unicode_code_point, ta::api_generation::v3, "UnicodeCodePoint"},
        {ta::string_index_type::utf16_code_unit, ta::api_generation::v3, "Utf16CodeUnit"},
        {ta::string_index_type::text_element, ta::api_generation::language, "TextElements_v8"},
        {ta::string_index_type::unicode_code_point, ta::api_generation::language,
         "UnicodeCodePoint"},
        {ta::string_index_type::utf16_code_unit, ta::api_generation::language, "Utf16CodeUnit"},
    }),
    c) {
    BOOST_TEST(ta::detail::string_index_type_name(c.type, c.generation) == c.name);
}

BOOST_AUTO_TEST_CASE(model_version_is_percent_encoded_in_the_query) {
    request_parameters parameters;
    parameters.api = api_version::v3_1;
    parameters.model_version = "2022-10-01 preview&x=1/é";
    BOOST_TEST(
        ta::detail::build_request(parameters, one_document()).target ==
        "/text/analytics/v3.1/sentiment?model-version=2022-10-01%20preview%26x%3D1%2F%C3%A9");
}

BOOST_AUTO_TEST_CASE(v3_0_never_sends_v3_1_options_even_if_asked) {
    // The client checks first; the builder still must not produce a request v3.0 rejects.
    const auto request = ta::detail::build_request(every_option(api_version::v3_0), one_document());
    BOOST_TEST(request.target ==
               "/text/analytics/v3.0/sentiment?model-version=latest&showStats=true");
}

BOOST_DATA_TEST_CASE(odd_text_round_trips_as_valid_json, data::make(versions), c) {
    const std::string text =
        "She said \"hi\"\\ then\nleft\ttab \x01\x1f end. Café 😀👍🏽 中文 \u2028";
    request_parameters parameters;
    parameters.api = c.api;
    const auto request = ta::detail::build_request(parameters, one_document(text));
    json body;
    BOOST_REQUIRE_NO_THROW(body = json::parse(request.body));
    const json& list =
        is_language(c.api) ? body.at("analysisInput").at("documents") : body.at("documents");
    BOOST_TEST(list.at(0).at("text").get<std::string>() == text);
    // Raw control characters would make the body invalid JSON for strict parsers.
    for (const char ch : request.body) {
        BOOST_TEST(static_cast<unsigned char>(ch) >= 0x20U);
    }
}

// A safety net for direct callers of the builders: the client itself refuses documents that are
// not valid UTF-8 before it builds a request (client_service's tests show that).
BOOST_AUTO_TEST_CASE(invalid_utf8_reaching_a_builder_is_replaced_rather_than_thrown) {
    request_parameters parameters;
    parameters.api = api_version::v3_1;
    const std::string text = "bad \xff\xfe bytes";
    json body;
    BOOST_REQUIRE_NO_THROW(
        body = json::parse(ta::detail::build_request(parameters, one_document(text)).body));
    BOOST_TEST(body.at("documents").at(0).at("text").get<std::string>() ==
               "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes");
}

// The body is written directly; it must be exactly what nlohmann would write for the same object,
// for every character a text can hold and every combination of options.
BOOST_DATA_TEST_CASE(body_is_byte_for_byte_what_nlohmann_writes, data::make(versions), c) {
    std::string every_byte;
    for (int b = 1; b < 0x80; ++b) {
        every_byte += static_cast<char>(b);
    }
    every_byte += std::string(1, '\0') + "Caf\xC3\xA9 \xF0\x9F\x98\x80 \xE2\x80\xA8 \xEF\xBF\xBF";
    // Plain documents (written as they are) first, between and last, next to ones to escape.
    const std::vector<wire_document> documents = {{"5", "plain text, nothing to escape", "en"},
                                                  {"1", every_byte, "en"},
                                                  {"22", "", ""},
                                                  {"6", "plain again", "de"},
                                                  {"3", "\"\\/", "pt-BR"},
                                                  {"7", "last", "fr"}};
    for (int options = 0; options < 16; ++options) {
        request_parameters parameters;
        parameters.api = c.api;
        if (c.model_version && (options & 1) != 0) {
            parameters.model_version = "2022-11-01 \"x\" \xC3\xA9";
        }
        if (c.v3_1_options) {
            parameters.opinion_mining = (options & 2) != 0;
            parameters.logging_opt_out = (options & 4) != 0;
            if ((options & 8) != 0) {
                parameters.string_index = ta::string_index_type::text_element;
            }
        }
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const wire_document& document : documents) {
            nlohmann::ordered_json entry;
            entry["id"] = document.id;
            entry["text"] = std::string(document.text);
            if (!document.language.empty()) {
                entry["language"] = document.language;
            }
            list.push_back(entry);
        }
        nlohmann::ordered_json expected;
        if (is_language(c.api)) {
            auto options_json = nlohmann::ordered_json::object();
            if (!parameters.model_version.empty()) {
                options_json["modelVersion"] = parameters.model_version;
            }
            if (parameters.opinion_mining) {
                options_json["opinionMining"] = true;
            }
            if (parameters.logging_opt_out) {
                options_json["loggingOptOut"] = true;
            }
            if (parameters.string_index) {
                options_json["stringIndexType"] = "TextElements_v8";
            }
            expected["kind"] = "SentimentAnalysis";
            expected["parameters"] = options_json;
            expected["analysisInput"]["documents"] = list;
        } else {
            expected["documents"] = list;
        }
        BOOST_TEST(ta::detail::build_request(parameters, documents).body == expected.dump(),
                   "options " << options);
    }
    request_parameters parameters;
    parameters.api = c.api;
    BOOST_TEST(ta::detail::build_request(parameters, {}).body ==
               (is_language(c.api) ? R"({"kind":"SentimentAnalysis","parameters":{},)"
                                     R"("analysisInput":{"documents":[]}})"
                                   : R"({"documents":[]})"));
}

BOOST_AUTO_TEST_CASE(automatic_is_not_a_version_to_send) {
    request_parameters parameters;
    parameters.api = api_version::automatic;
    BOOST_CHECK_THROW(ta::detail::build_request(parameters, one_document()), ta::usage_error);
}

BOOST_AUTO_TEST_SUITE_END()
