// The built-in engine (VADER and ta::builtin_analyzer) on any text: it never crashes or throws,
// VADER's scores are in range, and a scored document has confidence scores in 0..1 that sum to
// 1 with the label's the largest, and sentences whose offsets lie in order within the text.
//
// The first byte chooses the options (bits 0-1: string index type, none or one of the three;
// bit 2: opinion mining; bit 3: statistics; bits 4-5: the language: default, "en", "", "fr");
// the rest is the text.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <ta/builtin.hpp>
#include <ta/vader.hpp>

#include "detail/sentences.hpp"
#include "fuzz_check.hpp"

namespace {

bool in_unit_range(double value) {
    return std::isfinite(value) && value >= 0 && value <= 1;
}

void check_confidence(const ta::confidence_scores& c, ta::sentiment_label label, const char* what) {
    TA_FUZZ_CHECK(in_unit_range(c.positive) && in_unit_range(c.neutral) &&
                      in_unit_range(c.negative),
                  "%s: confidence %g %g %g", what, c.positive, c.neutral, c.negative);
    const double sum = c.positive + c.neutral + c.negative;
    TA_FUZZ_CHECK(std::fabs(sum - 1) < 1e-9, "%s: confidence %g %g %g sums to %.17g", what,
                  c.positive, c.neutral, c.negative, sum);
    const double largest = std::fmax(c.positive, std::fmax(c.neutral, c.negative));
    const double own = label == ta::sentiment_label::positive   ? c.positive
                       : label == ta::sentiment_label::negative ? c.negative
                       : label == ta::sentiment_label::neutral  ? c.neutral
                                                                : largest;
    TA_FUZZ_CHECK(own == largest, "%s: the label %s has %g, not the largest score %g", what,
                  std::string(ta::to_string(label)).c_str(), own, largest);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const unsigned flags = data[0];
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);

    const ta::vader_scores v = ta::vader_polarity_scores(text);
    TA_FUZZ_CHECK(std::isfinite(v.compound) && v.compound >= -1 && v.compound <= 1, "compound %g",
                  v.compound);
    TA_FUZZ_CHECK(in_unit_range(v.pos) && in_unit_range(v.neu) && in_unit_range(v.neg),
                  "pos %g neu %g neg %g", v.pos, v.neu, v.neg);
    const double vader_sum = v.pos + v.neu + v.neg;
    // Each is rounded to 3 places; all 0 when the text has no words.
    TA_FUZZ_CHECK(vader_sum == 0 || std::fabs(vader_sum - 1) <= 0.0015 + 1e-9,
                  "pos %g neu %g neg %g sum to %g", v.pos, v.neu, v.neg, vader_sum);

    ta::builtin_options options;
    options.threads = 1;
    if ((flags & 3) != 0) {
        options.string_index = static_cast<ta::string_index_type>((flags & 3) - 1);
    }
    options.opinion_mining = (flags & 4) != 0;
    options.show_stats = (flags & 8) != 0;
    ta::document document{"1", text, ""};
    switch ((flags >> 4) & 3) {
    case 1:
        document.language = "en";
        break;
    case 2:
        options.default_language = "";
        break;
    case 3:
        document.language = "fr";
        break;
    default:
        break;
    }

    const ta::builtin_analyzer analyzer(options);
    const ta::result r = analyzer.analyze_one(document);
    TA_FUZZ_CHECK(r.id == "1", "id %s", r.id.c_str());
    if (!r.ok()) {
        TA_FUZZ_CHECK(!r.error->code.empty() && !r.error->message.empty(),
                      "an error without words");
        TA_FUZZ_CHECK(!r.sentiment && !r.confidence && r.sentences.empty(),
                      "an error with a score");
        return 0;
    }
    TA_FUZZ_CHECK(r.sentiment && r.confidence && r.vader, "a scored document without scores");
    TA_FUZZ_CHECK(r.vader->compound == v.compound, "the document's compound %g, VADER's %g",
                  r.vader->compound, v.compound);
    check_confidence(*r.confidence, *r.sentiment, "document");
    TA_FUZZ_CHECK(options.show_stats == r.statistics.has_value(), "statistics");

    const ta::string_index_type unit =
        options.string_index.value_or(ta::string_index_type::text_element);
    const std::int64_t total = ta::detail::measure_offsets(text, {text.size()}, unit).front();
    std::int64_t end = 0;
    for (const ta::sentence& s : r.sentences) {
        check_confidence(s.confidence, s.sentiment, "sentence");
        TA_FUZZ_CHECK(s.offset >= end && s.length > 0 && s.offset + s.length <= total,
                      "sentence at %lld+%lld after %lld in %lld", static_cast<long long>(s.offset),
                      static_cast<long long>(s.length), static_cast<long long>(end),
                      static_cast<long long>(total));
        end = s.offset + s.length;
        TA_FUZZ_CHECK(options.opinion_mining || s.assessments.empty(), "assessments unasked");
        for (const ta::sentence_assessment& a : s.assessments) {
            TA_FUZZ_CHECK(a.offset >= s.offset && a.length > 0 &&
                              a.offset + a.length <= s.offset + s.length,
                          "assessment at %lld+%lld in a sentence at %lld+%lld",
                          static_cast<long long>(a.offset), static_cast<long long>(a.length),
                          static_cast<long long>(s.offset), static_cast<long long>(s.length));
            TA_FUZZ_CHECK(in_unit_range(a.positive) && in_unit_range(a.negative),
                          "assessment scores %g %g", a.positive, a.negative);
        }
    }
    return 0;
}
