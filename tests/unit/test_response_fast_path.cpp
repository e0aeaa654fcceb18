// The parsers' one-pass fast path (wire_reader.hpp) against the DOM path alone: on every body,
// the documented ones, rewritten ones and broken ones, both give the same results or the same
// error.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <ta/error.hpp>

#include "describe_response.hpp"
#include "detail/wire.hpp"
#include "detail/wire_reader.hpp"
#include "wire_examples.hpp"

using nlohmann::json;
using parser = std::function<ta::detail::wire_response(std::string_view)>;

namespace {

using ta::test::describe;

// The results, or the error a user would read (status and excerpt included).
std::string outcome(const parser& parse, std::string_view body) {
    try {
        return describe(parse(body));
    } catch (const ta::bad_response_error& error) {
        return std::string("refused: ") + error.what() + " | " + error.excerpt();
    }
}

struct generation {
    parser full;
    parser dom;
    std::vector<std::string> seeds;
};

const std::string e2_extras_document =
    R"({"id":"7","sentiment":"mixed","confidenceScores":{"positive":0.5,"neutral":1e-3,"negative":-0,"mixed":2},
  "statistics":{"charactersCount":52,"transactionsCount":1},"unknown":[1,{"a":null},true,"x"],
  "warnings":[{"code":"LongWordsInDocument","message":"long \"words\"","targetRef":"#/documents/0"}],
  "sentences":[{"text":"Caf\u00e9 \ud83d\ude00 \/ \b\f\n\r\t \\ caf\u00C9 中文 😀","sentiment":"NEGATIVE","confidenceScores":{"positive":0.25,"neutral":0.125,"negative":0.625},"offset":0,"length":9},
   {"sentiment":"positive","confidenceScores":{"positive":1,"neutral":0,"negative":0},"offset":10,"length":5,"text":null,
    "targets":[{"text":"it","sentiment":"positive","confidenceScores":{"negative":0.0,"positive":1.0,"neutral":7},"offset":10,"length":2,
                "relations":[{"ref":"#/documents/0/sentences/1/assessments/0"},{"ref":"#/documents/0/sentences/1/targets/0","relationType":"target"}]}],
    "assessments":[{"text":"good","sentiment":"positive","confidenceScores":{"negative":0,"positive":1},"offset":13,"length":4,"isNegated":true}]}]})";

const std::string v3_extras_response = R"({"modelVersion":"2022-11-01","errors":)" +
                                       ta::test::e4_errors + R"(,"documents":[)" +
                                       e2_extras_document + "," + ta::test::e2_document + "]}";

// ta-server's answers, in the service's own spelling, which the fast path reads as literals: a
// plain one, and one with opinion mining, statistics, escapes and a document error.
const std::string server_plain_language_response =
    R"({"kind":"SentimentAnalysisResults","results":{"documents":[{"id":"1","sentiment":"negative","confidenceScores":{"positive":0.0964,"neutral":0.3396,"negative":0.564},"sentences":[{"text":"troubleshooting ad-2500 and ad-2600 no picture scrolling b/w.","sentiment":"negative","confidenceScores":{"positive":0.0964,"neutral":0.3396,"negative":0.564},"offset":0,"length":61}],"warnings":[]},{"id":"2","sentiment":"positive","confidenceScores":{"positive":0.8299,"neutral":0.1701,"negative":0},"sentences":[{"text":"repost from january 13, 2004 with a better fit title.","sentiment":"positive","confidenceScores":{"positive":0.8299,"neutral":0.1701,"negative":0},"offset":0,"length":53}],"warnings":[]},{"id":"3","sentiment":"positive","confidenceScores":{"positive":0.67,"neutral":0.33,"negative":0},"sentences":[{"text":"does your apex dvd player only play dvd audio without video?","sentiment":"positive","confidenceScores":{"positive":0.67,"neutral":0.33,"negative":0},"offset":0,"length":60}],"warnings":[]}],"errors":[],"modelVersion":"vader-3.3.2"}})";
const std::string server_opinion_language_response =
    R"({"kind":"SentimentAnalysisResults","results":{"documents":[{"id":"1","sentiment":"positive","confidenceScores":{"positive":0.7312,"neutral":0.2688,"negative":0},"sentences":[{"text":"The food was great.","sentiment":"positive","confidenceScores":{"positive":0.8125,"neutral":0.1875,"negative":0},"offset":0,"length":19,"targets":[],"assessments":[{"text":"great","sentiment":"positive","confidenceScores":{"positive":0.8124,"negative":0.1876},"offset":13,"length":5,"isNegated":false}]},{"text":"The service was not bad but slow!","sentiment":"positive","confidenceScores":{"positive":0.6499,"neutral":0.3501,"negative":0},"offset":20,"length":33,"targets":[],"assessments":[{"text":"bad","sentiment":"positive","confidenceScores":{"positive":0.7712,"negative":0.2288},"offset":40,"length":3,"isNegated":true}]}],"warnings":[],"statistics":{"charactersCount":53,"transactionsCount":1}},{"id":"2","sentiment":"positive","confidenceScores":{"positive":0.6012,"neutral":0.3988,"negative":0},"sentences":[{"text":"Café \"ok\"\tfine.","sentiment":"positive","confidenceScores":{"positive":0.6012,"neutral":0.3988,"negative":0},"offset":0,"length":15,"targets":[],"assessments":[{"text":"fine","sentiment":"positive","confidenceScores":{"positive":0.6011,"negative":0.3989},"offset":10,"length":4,"isNegated":false}]}],"warnings":[],"statistics":{"charactersCount":15,"transactionsCount":1}}],"statistics":{"documentsCount":3,"validDocumentsCount":2,"erroneousDocumentsCount":1,"transactionsCount":2},"errors":[{"id":"3","error":{"code":"InvalidArgument","message":"Invalid document in request.","innererror":{"code":"InvalidDocument","message":"Document text is empty."}}}],"modelVersion":"vader-3.3.2"}})";

std::vector<generation> generations() {
    using namespace ta::detail;
    return {
        {parse_response_v2,
         parse_response_v2_dom,
         {ta::test::e9_v2_response,
          R"({"documents":[{"id":"1","score":1,"statistics":{"charactersCount":3,"transactionsCount":1}}],
              "errors":[{"id":"2","message":"Document text is empty."}]})",
          R"({"errors":[{"id":"2","message":"bad"}],"documents":[{"id":"1","score":-0}]})"}},
        {parse_response_v3,
         parse_response_v3_dom,
         {ta::test::e1_v3_0_response, ta::test::e2_v3_1_response, ta::test::e4_errors_response,
          v3_extras_response}},
        {parse_response_language,
         parse_response_language_dom,
         {ta::test::e3_language_response, ta::test::e4_errors_language_response,
          server_plain_language_response, server_opinion_language_response,
          R"({"results":)" + v3_extras_response + R"(,"kind":"SentimentAnalysisResults"})"}},
    };
}

// The same JSON spelled otherwise: pretty, every non-ASCII character escaped, keys sorted.
std::vector<std::string> respellings(const std::string& body) {
    const json value = json::parse(body);
    return {body, value.dump(), value.dump(2), value.dump(-1, ' ', true), "\r\n\t " + body + " \n"};
}

// Breaks a body in the ways a truncated, corrupted or unexpected answer would be broken.
std::string mutate(const std::string& body, std::mt19937& random) {
    static const std::vector<std::string> pieces = {"{",
                                                    "}",
                                                    "[",
                                                    "]",
                                                    "\"",
                                                    ",",
                                                    ":",
                                                    "0",
                                                    "-",
                                                    "1e999",
                                                    "1e-400",
                                                    ".5",
                                                    "null",
                                                    "true",
                                                    "x",
                                                    "\\",
                                                    "\\u",
                                                    "\\ud800",
                                                    "\xff",
                                                    "\xc3",
                                                    "\x01",
                                                    "01",
                                                    "1.",
                                                    "\"id\"",
                                                    "99999999999999999999",
                                                    "\"text\":",
                                                    "\"sentiment\":\"x\","};
    std::string out = body;
    const std::size_t at = random() % (out.size() + 1);
    switch (random() % 4) {
    case 0:
        out.erase(at, 1 + random() % 8);
        break;
    case 1:
        out.insert(at, pieces[random() % pieces.size()]);
        break;
    case 2:
        out.resize(at); // truncated
        break;
    default:
        if (at < out.size()) {
            out[at] = pieces[random() % pieces.size()][0];
        }
        break;
    }
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(response_fast_path)

BOOST_AUTO_TEST_CASE(documented_and_respelled_answers_read_as_through_the_dom) {
    for (const generation& g : generations()) {
        for (const std::string& seed : g.seeds) {
            for (const std::string& body : respellings(seed)) {
                const std::string expected = outcome(g.dom, body);
                BOOST_TEST(expected.rfind("refused", 0) != 0, body);
                BOOST_TEST(outcome(g.full, body) == expected, body);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(the_fast_path_reads_the_documented_shapes_itself) {
    // Were it to give up on them, the comparisons above would compare the DOM with itself.
    const std::vector<generation> all = generations();
    for (const std::string& seed : all[1].seeds) {
        for (const std::string& body : respellings(seed)) {
            ta::detail::wire_reader reader(body);
            BOOST_CHECK_NO_THROW(ta::detail::read_sentiment_results(reader); reader.end());
        }
    }
}

BOOST_AUTO_TEST_CASE(broken_answers_are_refused_with_the_doms_message) {
    std::mt19937 random(20240501);
    int refused = 0;
    int compared = 0;
    for (const generation& g : generations()) {
        for (const std::string& seed : g.seeds) {
            for (int i = 0; i < 3000; ++i) {
                std::string body = mutate(seed, random);
                if (i % 3 == 0) {
                    body = mutate(body, random);
                }
                const std::string expected = outcome(g.dom, body);
                refused += expected.rfind("refused", 0) == 0 ? 1 : 0;
                ++compared;
                const std::string got = outcome(g.full, body);
                if (got != expected) {
                    BOOST_TEST(got == expected, body);
                }
            }
        }
    }
    // The mutations must exercise both outcomes, or the comparison shows little.
    BOOST_TEST(refused > compared / 4);
    BOOST_TEST(refused < compared);
}

BOOST_AUTO_TEST_CASE(numbers_read_as_strtod_reads_them) {
    std::mt19937_64 random(99);
    std::vector<std::string> texts = {"0.1",
                                      "-0.0",
                                      "0.3",
                                      "1.7976931348623157e308",
                                      "5e-324",
                                      "0.999999999999999",
                                      "123456789012345.6",
                                      "2.5E+2",
                                      "-7"};
    for (int i = 0; i < 100000; ++i) {
        std::string digits = std::to_string(random() % 1000000000000000ULL);
        const std::size_t point = random() % (digits.size() + 1);
        std::string text = (random() % 4 == 0 ? "-" : "") + digits.substr(0, point);
        text +=
            (point == 0 ? "0." : ".") + digits.substr(point) + (point == digits.size() ? "0" : "");
        texts.push_back(text);
    }
    for (const std::string& text : texts) {
        ta::detail::wire_reader reader(text);
        const double got = reader.number();
        const double expected = json::parse(text).get<double>();
        BOOST_TEST(std::memcmp(&got, &expected, sizeof got) == 0, text);
    }
}

BOOST_AUTO_TEST_CASE(plain_bytes_stop_at_the_first_that_needs_a_look) {
    // Every byte value at every place of a run longer than two sixteen-byte blocks.
    for (int byte = 0; byte < 256; ++byte) {
        const auto c = static_cast<unsigned char>(byte);
        const bool plain = c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
        for (std::size_t at = 0; at < 40; ++at) {
            std::string text(40, 'a');
            text[at] = static_cast<char>(byte);
            const char* stop = ta::detail::skip_plain_json_bytes(text.data(), text.data() + 40);
            BOOST_TEST(static_cast<std::size_t>(stop - text.data()) == (plain ? 40 : at));
        }
    }
}

BOOST_AUTO_TEST_CASE(plain_bytes_stop_at_the_first_of_several_at_any_length) {
    // Runs of every length around a block or two (16 bytes, 8), from every start in the first word,
    // with two bytes that need a look: the first is where it stops, whichever word (or the last,
    // which overlaps bytes already passed) holds it.
    const std::string specials = std::string("\"\\\x01\x1f\x80\xff") + '\0';
    for (std::size_t length = 0; length <= 40; ++length) {
        for (std::size_t start = 0; start <= std::min<std::size_t>(length, 16); ++start) {
            for (std::size_t at = start; at <= length; ++at) {
                for (const char first : specials) {
                    std::string text(length, 'a');
                    if (at < length) {
                        text[at] = first;
                        if (at + 1 < length) {
                            text[length - 1] = '"';
                        }
                    }
                    const char* stop = ta::detail::skip_plain_json_bytes(text.data() + start,
                                                                         text.data() + text.size());
                    BOOST_TEST(static_cast<std::size_t>(stop - text.data()) == at,
                               "length " << length << " start " << start << " at " << at);
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(integers_and_numbers_before_what_follows_them_read_as_the_dom_reads_them) {
    // The one-pass reading of short numbers against nlohmann's, with what may follow a number
    // in an answer (or may not: then the reader must refuse, as the DOM path does).
    const std::vector<std::string> numbers = {"0",
                                              "-0",
                                              "7",
                                              "-7",
                                              "61",
                                              "123456789012345",
                                              "1234567890123456",
                                              "-999999999999999",
                                              "0.5",
                                              "-0.0",
                                              "0.0964",
                                              "1.0",
                                              "00",
                                              "01",
                                              "-",
                                              "1.",
                                              ".5",
                                              "1e2",
                                              "1E+2",
                                              "0.5e-3",
                                              "12.34567890123",
                                              "0.1234567890123456",
                                              "99999999999999999999",
                                              "-9223372036854775808",
                                              "9223372036854775807"};
    const std::vector<std::string> after = {"", ",", "}", "]", " ", "e", "E5", ".", "x", "5"};
    for (const std::string& number : numbers) {
        for (const std::string& tail : after) {
            const std::string body = "[" + number + tail + "]";
            const json expected = json::parse(body, nullptr, false);
            const auto read = [&body](bool as_integer) -> std::string {
                try {
                    ta::detail::wire_reader reader(body);
                    reader.begin_array();
                    reader.element();
                    std::string out;
                    if (as_integer) {
                        out = std::to_string(reader.integer());
                    } else {
                        const double value = reader.number();
                        out = json(value).dump() + (std::signbit(value) ? " (negative)" : "");
                    }
                    if (reader.element()) {
                        return "more";
                    }
                    reader.end();
                    return out;
                } catch (const ta::detail::wire_reader::unusual&) {
                    return "unusual";
                }
            };
            const std::string as_number = read(false);
            const std::string as_integer = read(true);
            if (expected.is_discarded() || expected.size() != 1) {
                BOOST_TEST((as_number == "unusual" || as_number == "more"), body);
                BOOST_TEST((as_integer == "unusual" || as_integer == "more"), body);
                continue;
            }
            const json& value = expected[0];
            if (as_number != "unusual") {
                const double number_value = value.get<double>();
                BOOST_TEST(as_number == json(number_value).dump() +
                                            (std::signbit(number_value) ? " (negative)" : ""),
                           body);
            }
            if (value.is_number_integer()) {
                if (as_integer != "unusual") {
                    BOOST_TEST(as_integer == value.dump(), body);
                }
            } else {
                BOOST_TEST(as_integer == "unusual", body);
            }
        }
    }
    // The usual ones are read on the fast path, not left to the DOM.
    for (const std::string body : {"[0.0964]", "[61]", "[-0]", "[0.5]"}) {
        ta::detail::wire_reader reader(body);
        reader.begin_array();
        reader.element();
        BOOST_CHECK_NO_THROW(reader.number());
    }
}

BOOST_AUTO_TEST_CASE(a_member_given_twice_is_read_as_the_dom_reads_it) {
    const std::string body =
        R"({"documents":[{"id":"1","id":"2","score":0.5},{"id":"3","score":0.1,"score":0.9}]})";
    BOOST_TEST(outcome(ta::detail::parse_response_v2, body) ==
               outcome(ta::detail::parse_response_v2_dom, body));
    BOOST_TEST(outcome(ta::detail::parse_response_v2, body).find("id 2 ") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
