#include <cstddef>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <ta/vader.hpp>

#include "detail/sentences.hpp"
#include "detail/vader.hpp"
#include "detail/vader_tables.hpp"
#include "detail/vader_words.hpp"

namespace {

/// A text and the scores vaderSentiment 3.3.2 gives it (../shared/reference/vader-3.3.2.md,
/// tests/data/vader-3.3.2-rules.jsonl).
struct vector_case {
    const char* text;
    double compound;
    double pos;
    double neu;
    double neg;
};
std::ostream& operator<<(std::ostream& out, const vector_case& c) {
    return out << c.text;
}

void check_scores(const vector_case& c) {
    const ta::vader_scores s = ta::vader_polarity_scores(c.text);
    BOOST_TEST(s.compound == c.compound);
    BOOST_TEST(s.pos == c.pos);
    BOOST_TEST(s.neu == c.neu);
    BOOST_TEST(s.neg == c.neg);
}

double compound(const char* text) {
    return ta::vader_polarity_scores(text).compound;
}

/// _but_check as vaderSentiment.py writes it, transcribed literally: for each value (as it is
/// now), list.index finds the first equal one, which is scaled.
void reference_but_check(std::vector<double>& sentiments, std::size_t bi) {
    for (std::size_t p = 0; p < sentiments.size(); ++p) {
        const double sentiment = sentiments[p];
        std::size_t si = 0;
        while (sentiments[si] != sentiment) {
            ++si;
        }
        if (si < bi) {
            sentiments[si] = sentiment * 0.5;
        } else if (si > bi) {
            sentiments[si] = sentiment * 1.5;
        }
    }
}

} // namespace

BOOST_AUTO_TEST_SUITE(vader)

// The reference's README vectors, with 3.3.2's outputs.
BOOST_DATA_TEST_CASE(
    reference_vectors_score_as_vader_3_3_2,
    boost::unit_test::data::make<vector_case>({
        {"I love this", 0.6369, 0.677, 0.323, 0},
        {"I LOVE this", 0.7125, 0.712, 0.288, 0},
        {"VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!", 0.9469, 0.706, 0.294, 0},
        {"VADER is not smart, handsome, nor funny.", -0.7424, 0, 0.354, 0.646},
        {"At least it isn't a horrible book.", 0.431, 0.322, 0.678, 0},
        {"The book was only kind of good.", 0.3832, 0.303, 0.697, 0},
        {"The plot was good, but the characters are uncompelling and the dialog is not great.",
         -0.7042, 0.094, 0.579, 0.327},
        {"Today only kinda sux! But I'll get by, lol", 0.5249, 0.317, 0.556, 0.127},
        {"Make sure you :) or :D today!", 0.8633, 0.706, 0.294, 0},
        {"Catch utf-8 emoji such as \U0001F498 and \U0001F48B and \U0001F601", 0.875, 0.417, 0.583,
         0},
        {"This is so bad!!!!!", -0.769, 0, 0.346, 0.654},
    }),
    c) {
    check_scores(c);
}

BOOST_AUTO_TEST_CASE(the_word_table_finds_every_word_of_every_list_and_nothing_else) {
    const auto& table = ta::detail::vader_word_table::get();
    for (std::size_t i = 0; i < ta::detail::vader_lexicon_size; ++i) {
        const auto& entry = ta::detail::vader_lexicon[i];
        const ta::detail::vader_word& w = table.find(entry.word);
        if (!w.in_lexicon || w.valence != entry.valence) {
            BOOST_ERROR("lexicon word " << entry.word);
        }
    }
    for (const auto& b : ta::detail::booster_words()) {
        BOOST_TEST(table.find(b.word).booster == b.value, b.word);
    }
    for (const std::string_view word : ta::detail::negate_words()) {
        BOOST_TEST(table.find(word).negation, word);
    }
    for (const auto& r : ta::detail::rule_words()) {
        BOOST_TEST((table.find(r.word).rule == r.rule), r.word);
    }
    BOOST_TEST(table.find("lol").valence == 1.8); // the last of a repeated key
    BOOST_TEST(table.find("love").valence == 3.2);
    const ta::detail::vader_word& unknown = table.find("zzzunknownword");
    BOOST_TEST(!unknown.in_lexicon);
    BOOST_TEST(unknown.booster == 0);
    BOOST_TEST(!unknown.negation);
    BOOST_TEST(!table.find("").in_lexicon);
    BOOST_TEST(!table.find("LOVE").in_lexicon); // lookups are of lower case words
}

BOOST_AUTO_TEST_CASE(text_without_words_scores_zero_everywhere_even_neutral) {
    check_scores({"", 0, 0, 0, 0});
    check_scores({" \t\u00A0\u3000 ", 0, 0, 0, 0});
}

// The scorer splits words itself (fused with classifying their bytes): any run of Python's
// white space, ASCII or not, at either end or between words, is one separator.
BOOST_AUTO_TEST_CASE(words_split_at_unicode_white_space_as_at_spaces) {
    const ta::vader_scores plain = ta::vader_polarity_scores("I LOVE caf\u00E9 this");
    for (const char* text : {"I\u00A0LOVE\u3000caf\u00E9\u2003this",
                             "\u00A0 I \u00A0\u2028LOVE\tcaf\u00E9\u0085\u0085this\u3000",
                             " \u3000I LOVE  caf\u00E9\u00A0 this \u00A0"}) {
        const ta::vader_scores s = ta::vader_polarity_scores(text);
        BOOST_TEST(s.compound == plain.compound);
        BOOST_TEST(s.pos == plain.pos);
        BOOST_TEST(s.neu == plain.neu);
    }
    BOOST_TEST(plain.compound == ta::vader_polarity_scores("I LOVE cafe this").compound);
    // U+200B is not white space: "love\u200Bit" is one word, in no lexicon.
    BOOST_TEST(ta::vader_polarity_scores("love\u200Bit").compound == 0);
}

// ASCII text takes a path of its own, which reads a word of up to eight bytes as one number;
// the same words between non-ASCII white space take the general one. Both must agree on every
// kind of word: short and long, stripped of punctuation or kept whole, upper case, "n't",
// marks, control characters inside a word.
BOOST_DATA_TEST_CASE(
    ascii_words_score_as_the_same_words_between_unicode_spaces,
    boost::unit_test::data::make({
        "Not BAD!!! at ALL, isn't it?? :) :-( (good) 'great'",
        "ISN'T GOOD. wouldn't shouldn't Wouldn't-it (isn't) n't can't!",
        "Fabulous terrible horrible! FABULOUS? TERRIBLE!!! loveable",
        "kind of bad BUT good, no good, never so good, without doubt nice",
        "!!good!! ?! !? .. -- (:  :( )-: <3 ;) xD :D x",
        "go\x01od bad\x1b good\x7f dont\x02 nt!\x03 but good wonderful\x02nice AWESOMELY\x1f",
        "a ab abc abcd abcde abcdef abcdefg abcdefgh abcdefghi abcdefghij sad",
        "GOOD good Good gOOD 2GOOD GOOD2 I :D 2020 A1 \"love\" 'hate'",
        "the shit the bomb bad ass badass yeah right kiss of death heart",
        "sort-of good kind-of kinda ALMOST barely just enough at least very least happy",
    }),
    text) {
    std::string spread;
    for (const char c : std::string(text)) {
        spread += c == ' ' ? "\u3000" : std::string(1, c);
    }
    const ta::vader_scores ascii = ta::vader_polarity_scores(text);
    const ta::vader_scores general = ta::vader_polarity_scores(spread);
    BOOST_TEST(ascii.compound != 0);
    BOOST_TEST(ascii.compound == general.compound);
    BOOST_TEST(ascii.pos == general.pos);
    BOOST_TEST(ascii.neu == general.neu);
    BOOST_TEST(ascii.neg == general.neg);
}

BOOST_AUTO_TEST_CASE(caps_count_only_when_some_but_not_all_words_are_upper_case) {
    check_scores({"GOOD", 0.4404, 1, 0, 0});           // all upper: no emphasis
    check_scores({"GOOD GOOD good", 0.8797, 1, 0, 0}); // "I", ":D" and "2020" rules: python_text
    check_scores({"Today SUX!", -0.5461, 0, 0.221, 0.779});
}

// Quirk 1: Python's dict keeps the last of a repeated key (lol 2.9 then 1.8, ok 1.6 then 1.2).
BOOST_AUTO_TEST_CASE(quirk_a_repeated_lexicon_key_has_its_last_value) {
    check_scores({"lol", 0.4215, 1, 0, 0});
    check_scores({"ok", 0.296, 1, 0, 0});
}

// Quirk 2: lookups are lower case, and one token never matches a multi-word key.
BOOST_AUTO_TEST_CASE(quirk_upper_case_and_multi_word_keys_never_match) {
    check_scores({"I can't stand it", 0, 0, 1, 0});
    check_scores({"I am fed up with this", 0, 0, 1, 0});
    check_scores({"xD", 0.5859, 1, 0, 0});
    check_scores({"XD", 0.5859, 1, 0, 0});
}

// Quirk 3: stripping is ASCII only, and not done when it leaves two code points or fewer.
BOOST_AUTO_TEST_CASE(quirk_short_words_keep_their_punctuation_and_unicode_stays_attached) {
    check_scores({"ok!", 0, 0, 1, 0});
    check_scores({"OK.", 0, 0, 1, 0});
    check_scores({"no!", 0, 0, 1, 0});
    check_scores({"good\u2026", 0, 0, 1, 0});
    check_scores({"good.", 0.4404, 1, 0, 0});
}

// Quirk 4.
BOOST_AUTO_TEST_CASE(quirk_a_curly_apostrophe_is_no_negation) {
    BOOST_TEST(compound("I don\u2019t love it") == 0.6369);
    BOOST_TEST(compound("I don't love it") < 0);
}

// Quirk 5: only single code point emoji are keys; a name is glued to a word after it.
BOOST_AUTO_TEST_CASE(quirk_only_single_code_point_emoji_match) {
    check_scores({"I \u2764 you", 0.6369, 0.583, 0.417, 0});
    check_scores({"I \u2764\uFE0F you", 0, 0, 1, 0});
    check_scores({"\U0001F44D", 0, 0, 1, 0});
    check_scores({"\U0001F601today", 0.4588, 0.429, 0.571, 0});
    check_scores({"\U0001F494\U0001F494\U0001F494", 0.6486, 0.575, 0, 0.425});
}

// Quirk 6: 0.4767 where the intended rule gives 0.6705.
BOOST_AUTO_TEST_CASE(quirk_but_scales_the_first_equal_value) {
    BOOST_TEST(compound("alol but np") == 0.4767);
}

// Quirk 7.
BOOST_AUTO_TEST_CASE(quirk_kind_of_adds_its_negative_value_whatever_the_sign) {
    check_scores({"This is kind of bad", -0.5849, 0, 0.513, 0.487});
    check_scores({"This is bad", -0.5423, 0, 0.364, 0.636});
    BOOST_TEST(compound("kind of good") == compound("good"));
}

// Quirk 8.
BOOST_AUTO_TEST_CASE(quirk_special_idioms_need_three_words_before_them) {
    check_scores({"the shit", -0.5574, 0, 0.217, 0.783});
    check_scores({"This is the shit", 0.6124, 0.571, 0.429, 0});
}

// Quirk 9.
BOOST_AUTO_TEST_CASE(quirk_so_or_this_right_before_a_word_multiplies_it) {
    check_scores({"The food was so good", 0.5777, 0.483, 0.517, 0});
    check_scores({"The food was very good", 0.4927, 0.444, 0.556, 0});
}

// Quirk 10.
BOOST_AUTO_TEST_CASE(quirk_negation_flips_emoticons) {
    check_scores({"nothing for redheads :(", 0.3412, 0.445, 0.555, 0});
}

// Quirk 11: "!" and "?" anywhere, URLs included; at most four "!" count.
BOOST_AUTO_TEST_CASE(quirk_marks_count_anywhere_and_only_four_exclamations) {
    check_scores({"https://example.com/love?x=1!!", 0, 0, 1, 0});
    check_scores({"I love this!!!!!!", 0.7482, 0.729, 0.271, 0});
}

BOOST_AUTO_TEST_CASE(proportions_use_the_values_after_negation) {
    BOOST_TEST(ta::vader_polarity_scores("not great").neg == 0.767);
}

// Random valences with many repeats, so that scaled values meet other ones; few values take
// the short path, hundreds the indexed one.
BOOST_DATA_TEST_CASE(but_check_matches_the_reference_loop,
                     boost::unit_test::data::make({8, 40, 400}), size) {
    const std::vector<double> pool{0, 0, 0, 1, 2, 0.5, 1.5, 3, 0.75, 2.25, 4.5, -1, -0.5, -1.5};
    std::mt19937 random(static_cast<unsigned>(size));
    for (int round = 0; round < 200; ++round) {
        std::vector<double> values(static_cast<std::size_t>(size));
        for (double& v : values) {
            v = pool[random() % pool.size()];
        }
        const std::size_t but = random() % values.size();
        values[but] = 0; // "but" has no valence
        std::vector<double> expected = values;
        reference_but_check(expected, but);
        ta::detail::but_check(values, but);
        BOOST_TEST(values == expected, boost::test_tools::per_element());
    }
}

// The analyzer scores a document's sentences and the whole text in one call that splits the
// text into words once: every score must be the one a call of its own gives.
BOOST_DATA_TEST_CASE(sentences_and_the_whole_text_score_as_separate_calls,
                     boost::unit_test::data::make<std::string>({
                         "The plot was good. But the characters are DULL!! And it is not great?",
                         "  I love this.  \n\nThis is kind of bad.\tThe shit, no doubt!  ",
                         "Only one sentence, but it counts!!",
                         "Catch utf-8 emoji \U0001F601. Such as \U0001F498 and \u2764. Ok.",
                         "Not so great.\u00A0\u3000Never so happy!",
                         "GOOD. GOOD. good.",
                     }),
                     text) {
    const std::vector<ta::detail::sentence_span> spans = ta::detail::split_sentences(text);
    std::vector<ta::vader_scores> scores(spans.size());
    const ta::vader_scores whole =
        ta::detail::vader_polarity_scores_of_sentences(text, spans, scores);
    const ta::vader_scores expected = ta::vader_polarity_scores(text);
    BOOST_TEST(whole.compound == expected.compound);
    BOOST_TEST(whole.pos == expected.pos);
    BOOST_TEST(whole.neu == expected.neu);
    BOOST_TEST(whole.neg == expected.neg);
    for (std::size_t i = 0; i < spans.size(); ++i) {
        const ta::vader_scores alone = ta::vader_polarity_scores(
            std::string_view(text).substr(spans[i].begin, spans[i].end - spans[i].begin));
        BOOST_TEST(scores[i].compound == alone.compound, "sentence " << i);
        BOOST_TEST(scores[i].pos == alone.pos, "sentence " << i);
        BOOST_TEST(scores[i].neu == alone.neu, "sentence " << i);
        BOOST_TEST(scores[i].neg == alone.neg, "sentence " << i);
    }
}

// Spans that leave words out (not split_sentences's) are scored one call each, still right.
BOOST_AUTO_TEST_CASE(sentences_that_leave_words_out_still_score_as_separate_calls) {
    const std::string text = "I love this. It is bad! Really bad.";
    const std::vector<ta::detail::sentence_span> spans{{0, 12}, {24, 35}};
    std::vector<ta::vader_scores> scores(spans.size());
    const ta::vader_scores whole =
        ta::detail::vader_polarity_scores_of_sentences(text, spans, scores);
    BOOST_TEST(whole.compound == ta::vader_polarity_scores(text).compound);
    BOOST_TEST(scores[0].compound == ta::vader_polarity_scores("I love this.").compound);
    BOOST_TEST(scores[1].compound == ta::vader_polarity_scores("Really bad.").compound);
}

BOOST_AUTO_TEST_CASE(a_long_text_leaves_later_scores_unchanged) {
    std::string long_text;
    for (int i = 0; i < 40'000; ++i) {
        long_text += i % 3 == 0 ? "good but BAD " : "the day ";
    }
    const ta::vader_scores first = ta::vader_polarity_scores(long_text);
    check_scores({"I love this", 0.6369, 0.677, 0.323, 0});
    const ta::vader_scores again = ta::vader_polarity_scores(long_text);
    BOOST_TEST(again.compound == first.compound);
    BOOST_TEST(again.pos == first.pos);
    BOOST_TEST(again.neg == first.neg);
}

BOOST_AUTO_TEST_CASE(threads_score_alike) {
    const char* const texts[] = {"I love this", "This is so bad!!!!!", "alol but np",
                                 "Catch utf-8 emoji such as \U0001F498"};
    std::vector<ta::vader_scores> here;
    for (const char* t : texts) {
        here.push_back(ta::vader_polarity_scores(t));
    }
    std::vector<ta::vader_scores> there;
    std::thread([&] {
        for (const char* t : texts) {
            there.push_back(ta::vader_polarity_scores(t));
        }
    }).join();
    BOOST_TEST_REQUIRE(there.size() == here.size());
    for (std::size_t i = 0; i < here.size(); ++i) {
        BOOST_TEST(there[i].compound == here[i].compound);
        BOOST_TEST(there[i].pos == here[i].pos);
        BOOST_TEST(there[i].neu == here[i].neu);
        BOOST_TEST(there[i].neg == here[i].neg);
    }
}

BOOST_AUTO_TEST_SUITE_END()
