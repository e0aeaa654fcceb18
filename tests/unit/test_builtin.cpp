#include <optional>
#include <string>
#include <vector>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <ta/builtin.hpp>

namespace {

ta::result score(const std::string& text, ta::builtin_options options = {}) {
    return ta::builtin_analyzer(std::move(options)).analyze_one({"1", text, ""});
}

} // namespace

BOOST_TEST_DONT_PRINT_LOG_VALUE(ta::string_index_type)

BOOST_TEST_DONT_PRINT_LOG_VALUE(ta::sentiment_label)
BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<ta::sentiment_label>)

BOOST_AUTO_TEST_SUITE(builtin)

BOOST_AUTO_TEST_CASE(the_whole_text_gets_vaders_own_scores) {
    const auto r = score("I love this");
    BOOST_TEST_REQUIRE(r.ok());
    BOOST_TEST_REQUIRE(r.vader.has_value());
    BOOST_TEST(r.vader->compound == 0.6369);
    BOOST_TEST(r.vader->pos == 0.677);
    BOOST_TEST(r.vader->neu == 0.323);
    BOOST_TEST(r.vader->neg == 0.0);
    BOOST_TEST(r.model_version == "vader-3.3.2");
}

BOOST_AUTO_TEST_CASE(the_v2_score_is_the_compound_moved_to_zero_to_one) {
    const auto r = score("VADER is not smart, handsome, nor funny.");
    BOOST_TEST_REQUIRE(r.score.has_value());
    BOOST_TEST(*r.score == (1 - 0.7424) / 2);
}

// The service's own example (v3.0 spec): the same sentences, offsets and lengths.
BOOST_AUTO_TEST_CASE(sentences_have_offsets_and_lengths_as_the_service_gives_them) {
    const auto r = score("Hello world. This is some input text that I love.");
    BOOST_TEST_REQUIRE(r.sentences.size() == 2U);
    BOOST_TEST(r.sentences[0].text == "Hello world.");
    BOOST_TEST(r.sentences[0].offset == 0);
    BOOST_TEST(r.sentences[0].length == 12);
    BOOST_TEST(r.sentences[0].sentiment == ta::sentiment_label::neutral);
    BOOST_TEST(r.sentences[1].text == "This is some input text that I love.");
    BOOST_TEST(r.sentences[1].offset == 13);
    BOOST_TEST(r.sentences[1].length == 36);
    BOOST_TEST(r.sentences[1].sentiment == ta::sentiment_label::positive);
    BOOST_TEST(r.sentiment == ta::sentiment_label::positive);
}

BOOST_AUTO_TEST_CASE(each_sentence_is_scored_on_its_own) {
    // Alone, "I hate it!" has its own "!" (VADER counts marks over the whole text it is given).
    const auto r = score("I love it. I hate it!");
    BOOST_TEST_REQUIRE(r.sentences.size() == 2U);
    BOOST_TEST(r.sentences[0].sentiment == ta::sentiment_label::positive);
    BOOST_TEST(r.sentences[1].sentiment == ta::sentiment_label::negative);
    BOOST_TEST(r.sentiment == ta::sentiment_label::mixed);
    BOOST_TEST_REQUIRE(r.confidence.has_value());
    BOOST_TEST(r.confidence->neutral == 0.0);
    BOOST_TEST(r.confidence->positive + r.confidence->negative == 1.0,
               boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(a_neutral_text_is_neutral_throughout) {
    const auto r = score("The meeting is on Tuesday.");
    BOOST_TEST(r.sentiment == ta::sentiment_label::neutral);
    BOOST_TEST_REQUIRE(r.confidence.has_value());
    BOOST_TEST(r.confidence->neutral == 1.0);
}

BOOST_DATA_TEST_CASE(offsets_follow_the_string_index_type,
                     boost::unit_test::data::make({ta::string_index_type::text_element,
                                                   ta::string_index_type::unicode_code_point,
                                                   ta::string_index_type::utf16_code_unit}) ^
                         boost::unit_test::data::make({3, 4, 5}),
                     unit, offset) {
    ta::builtin_options options;
    options.string_index = unit;
    // An e with a combining accent (one text element, two code points) and a face (one code
    // point, two UTF-16 units), then "!", a space, and the second sentence.
    const auto r = score("e\u0301\U0001F600! Good.", options);
    BOOST_TEST_REQUIRE(r.sentences.size() == 2U);
    BOOST_TEST(r.sentences[1].offset == offset + 1);
    BOOST_TEST(r.sentences[1].length == 5);
}

BOOST_DATA_TEST_CASE(text_that_cannot_be_scored_is_a_per_document_error,
                     boost::unit_test::data::make({std::string(), std::string(" \t "),
                                                   std::string("bad \xff byte")}) ^
                         boost::unit_test::data::make({"Document text is empty.",
                                                       "Document text is empty.",
                                                       "Document text is not valid UTF-8."}),
                     text, message) {
    const auto r = score(text);
    BOOST_TEST_REQUIRE(r.error.has_value());
    BOOST_TEST(r.error->code == "InvalidDocument");
    BOOST_TEST(r.error->message == message);
    BOOST_TEST(r.id == "1");
    BOOST_TEST(!r.sentiment.has_value());
    BOOST_TEST(r.sentences.empty());
}

BOOST_AUTO_TEST_CASE(english_in_any_spelling_is_scored_and_other_languages_are_refused) {
    ta::builtin_analyzer analyzer;
    const auto results = analyzer.analyze(
        {{"a", "good", "EN"}, {"b", "good", "en-GB"}, {"c", "bon", "fr"}, {"d", "good", ""}});
    BOOST_TEST_REQUIRE(results.size() == 4U);
    BOOST_TEST(results[0].ok());
    BOOST_TEST(results[1].ok());
    BOOST_TEST_REQUIRE(results[2].error.has_value());
    BOOST_TEST(results[2].error->code == "UnsupportedLanguageCode");
    BOOST_TEST(results[3].ok());
}

BOOST_AUTO_TEST_CASE(results_come_back_one_per_document_in_order) {
    ta::builtin_analyzer analyzer;
    const auto results =
        analyzer.analyze({{"z", "bad", ""}, {"y", "", ""}, {"x", "good", ""}, {"x", "ok", ""}});
    BOOST_TEST_REQUIRE(results.size() == 4U);
    BOOST_TEST(results[0].id == "z");
    BOOST_TEST(results[0].sentiment == ta::sentiment_label::negative);
    BOOST_TEST(results[1].id == "y");
    BOOST_TEST(!results[1].ok());
    BOOST_TEST(results[2].id == "x");
    BOOST_TEST(results[2].sentiment == ta::sentiment_label::positive);
    BOOST_TEST(results[3].id == "x");
}

BOOST_AUTO_TEST_CASE(a_call_spread_over_threads_gives_the_same_results_in_order) {
    std::vector<ta::document> documents;
    const char* texts[] = {"good", "bad", "", "I love it. I hate it.", "meh"};
    for (int i = 0; i < 2000; ++i) {
        documents.push_back({std::to_string(i), texts[i % 5], ""});
    }
    ta::builtin_options one;
    one.threads = 1;
    ta::builtin_options four;
    four.threads = 4;
    const auto serial = ta::builtin_analyzer(one).analyze(documents);
    const auto parallel = ta::builtin_analyzer(four).analyze(documents);
    BOOST_TEST_REQUIRE(parallel.size() == documents.size());
    for (std::size_t i = 0; i < documents.size(); i += 7) {
        BOOST_TEST(parallel[i].id == documents[i].id);
        BOOST_TEST(parallel[i].sentiment == serial[i].sentiment);
        BOOST_TEST(parallel[i].ok() == serial[i].ok());
    }
    BOOST_TEST(parallel[1999].id == "1999");
}

BOOST_AUTO_TEST_CASE(statistics_count_text_elements_and_records_of_a_thousand) {
    ta::builtin_options options;
    options.show_stats = true;
    const auto r = score(std::string(1500, 'a'), options);
    BOOST_TEST_REQUIRE(r.statistics.has_value());
    BOOST_TEST(r.statistics->characters_count == 1500);
    BOOST_TEST(r.statistics->transactions_count == 2);
    BOOST_TEST(!score("good").statistics.has_value());
}

BOOST_AUTO_TEST_CASE(opinion_mining_finds_the_words_that_carry_sentiment) {
    ta::builtin_options options;
    options.opinion_mining = true;
    const auto r =
        score("Great atmosphere. The staff is not friendly, and I didn't hate it.", options);
    BOOST_TEST_REQUIRE(r.sentences.size() == 2U);
    BOOST_TEST_REQUIRE(r.sentences[0].assessments.size() == 1U);
    const auto& great = r.sentences[0].assessments[0];
    BOOST_TEST(great.text == "Great");
    BOOST_TEST(great.sentiment == ta::sentiment_label::positive);
    BOOST_TEST(!great.is_negated);
    BOOST_TEST(great.positive + great.negative == 1.0, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(great.positive > 0.5);

    const auto& second = r.sentences[1].assessments;
    BOOST_TEST_REQUIRE(second.size() == 2U);
    // Offsets count from the start of the document, as the service's do.
    BOOST_TEST(second[0].text == "friendly");
    BOOST_TEST(second[0].offset == 35);
    BOOST_TEST(second[0].length == 8);
    BOOST_TEST(second[0].is_negated);
    BOOST_TEST(second[0].sentiment == ta::sentiment_label::negative);
    BOOST_TEST(second[1].text == "hate");
    BOOST_TEST(second[1].is_negated);
    BOOST_TEST(second[1].sentiment == ta::sentiment_label::positive);
    BOOST_TEST(r.sentences[1].targets.empty());
}

BOOST_AUTO_TEST_CASE(without_opinion_mining_sentences_have_no_assessments) {
    const auto r = score("Great atmosphere.");
    BOOST_TEST_REQUIRE(r.sentences.size() == 1U);
    BOOST_TEST(r.sentences[0].assessments.empty());
}

BOOST_AUTO_TEST_SUITE_END()
