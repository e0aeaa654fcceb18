#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "detail/sentiment_mapping.hpp"

namespace {

using ta::sentiment_label;

ta::sentence sentence_with(sentiment_label label, double positive, double neutral,
                           double negative) {
    ta::sentence s;
    s.sentiment = label;
    s.confidence = {positive, neutral, negative};
    return s;
}

/// The label whose score is the largest, or nullopt on a tie for the largest.
std::optional<sentiment_label> strict_argmax(const ta::confidence_scores& c) {
    const double top = std::max({c.positive, c.neutral, c.negative});
    const int ties = (c.positive == top) + (c.neutral == top) + (c.negative == top);
    if (ties > 1) {
        return std::nullopt;
    }
    if (c.positive == top) {
        return sentiment_label::positive;
    }
    return c.negative == top ? sentiment_label::negative : sentiment_label::neutral;
}

} // namespace

BOOST_TEST_DONT_PRINT_LOG_VALUE(ta::sentiment_label)
BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<ta::sentiment_label>)

BOOST_AUTO_TEST_SUITE(sentiment_mapping)

BOOST_DATA_TEST_CASE(
    labels_follow_vaders_thresholds,
    boost::unit_test::data::make({-1.0, -0.5, -0.05, -0.0499, 0.0, 0.0499, 0.05, 0.4404, 1.0}) ^
        boost::unit_test::data::make({sentiment_label::negative, sentiment_label::negative,
                                      sentiment_label::negative, sentiment_label::neutral,
                                      sentiment_label::neutral, sentiment_label::neutral,
                                      sentiment_label::positive, sentiment_label::positive,
                                      sentiment_label::positive}),
    compound, label) {
    BOOST_TEST(ta::detail::label_of(compound) == label);
}

// compound x (pos, neu, neg) as VADER could give them, including the one the reference warns
// about: "The book was good." has neu 0.508 > pos 0.492 with compound 0.4404.
BOOST_DATA_TEST_CASE(sentence_scores_sum_to_one_and_the_largest_is_the_label,
                     boost::unit_test::data::make({-1.0, -0.9, -0.5423, -0.05, -0.0499, -0.01, 0.0,
                                                   0.01, 0.0499, 0.05, 0.4404, 0.9, 1.0}) *
                         boost::unit_test::data::make({0, 1, 2, 3}),
                     compound, shape) {
    const ta::vader_scores shapes[] = {{compound, 0.492, 0.508, 0.0},
                                       {compound, 0.0, 0.2, 0.8},
                                       {compound, 0.3, 0.4, 0.3},
                                       {compound, 0.0, 0.0, 0.0}};
    const ta::confidence_scores c = ta::detail::sentence_confidence(shapes[shape]);
    BOOST_TEST(std::fabs(c.positive + c.neutral + c.negative - 1) < 1e-9);
    BOOST_TEST(c.positive >= 0);
    BOOST_TEST(c.neutral >= 0);
    BOOST_TEST(c.negative >= 0);
    BOOST_TEST(strict_argmax(c) == std::optional(ta::detail::label_of(compound)));
}

BOOST_AUTO_TEST_CASE(a_polar_sentence_scores_half_of_one_plus_its_compound) {
    const auto c = ta::detail::sentence_confidence({0.6369, 0.677, 0.323, 0.0});
    BOOST_TEST(c.positive == 0.8185); // (1 + 0.6369) / 2 = 0.81845, to 4 places
    BOOST_TEST(c.negative == 0.0);    // VADER found nothing negative
    BOOST_TEST(c.neutral == 0.1815);
}

BOOST_AUTO_TEST_CASE(the_rest_of_a_negative_sentence_is_split_as_vader_splits_it) {
    const auto c = ta::detail::sentence_confidence({-0.5, 0.1, 0.3, 0.6});
    BOOST_TEST(c.negative == 0.75);
    BOOST_TEST(c.neutral == 0.1875); // 0.25 x 0.3 / (0.3 + 0.1)
    BOOST_TEST(c.positive == 0.0625);
}

BOOST_AUTO_TEST_CASE(a_sentence_without_sentiment_is_all_neutral) {
    const auto c = ta::detail::sentence_confidence({0.0, 0.0, 1.0, 0.0});
    BOOST_TEST(c.positive == 0.0);
    BOOST_TEST(c.neutral == 1.0);
    BOOST_TEST(c.negative == 0.0);
}

BOOST_DATA_TEST_CASE(the_document_label_is_the_services_rule,
                     boost::unit_test::data::make({0, 1, 2, 3, 4}), row) {
    const auto p = sentence_with(sentiment_label::positive, 0.8, 0.2, 0.0);
    const auto u = sentence_with(sentiment_label::neutral, 0.0, 1.0, 0.0);
    const auto n = sentence_with(sentiment_label::negative, 0.0, 0.3, 0.7);
    const std::vector<ta::sentence> documents[] = {{u, u}, {u, p, u}, {n, u}, {p, u, n}, {}};
    const sentiment_label expected[] = {sentiment_label::neutral, sentiment_label::positive,
                                        sentiment_label::negative, sentiment_label::mixed,
                                        sentiment_label::neutral};
    BOOST_TEST(ta::detail::document_label(documents[row]) == expected[row]);
}

BOOST_AUTO_TEST_CASE(a_positive_document_averages_its_positive_sentences) {
    const std::vector<ta::sentence> sentences{
        sentence_with(sentiment_label::positive, 0.8, 0.2, 0.0),
        sentence_with(sentiment_label::neutral, 0.0, 1.0, 0.0),
        sentence_with(sentiment_label::positive, 0.6, 0.3, 0.1)};
    const auto c = ta::detail::document_confidence(sentiment_label::positive, sentences);
    BOOST_TEST(c.positive == 0.7);
    BOOST_TEST(c.neutral == 0.25);
    BOOST_TEST(c.negative == 0.05);
}

BOOST_AUTO_TEST_CASE(a_mixed_document_weighs_its_positive_against_its_negative_sentences) {
    const std::vector<ta::sentence> sentences{
        sentence_with(sentiment_label::positive, 0.6, 0.4, 0.0),
        sentence_with(sentiment_label::negative, 0.0, 0.1, 0.9)};
    const auto c = ta::detail::document_confidence(sentiment_label::mixed, sentences);
    BOOST_TEST(c.positive == 0.4); // 0.6 / (0.6 + 0.9)
    BOOST_TEST(c.negative == 0.6);
    BOOST_TEST(c.neutral == 0.0);
}

BOOST_AUTO_TEST_CASE(halves_that_both_round_up_still_sum_to_one) {
    // (1 + 0.6369) / 2 and (1 - 0.6369) / 2 both end in 5 at the fifth place.
    const auto c = ta::detail::sentence_confidence({0.6369, 0.6, 0.0, 0.4});
    BOOST_TEST(c.positive + c.neutral + c.negative == 1.0, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(c.neutral >= 0.0);
}

BOOST_AUTO_TEST_SUITE_END()
