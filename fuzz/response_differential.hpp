// The response parsers of one API generation, differentially: the parser as the client calls it
// (the one-pass reader of wire_reader.hpp, and the DOM path for what the reader leaves) against
// the DOM path alone. On every body both give the same results, to the last bit of every double,
// or refuse it with the same message; anything else thrown is a bug too (it escapes, and
// libFuzzer reports it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include <ta/error.hpp>

#include "detail/wire.hpp"
#include "detail/wire_reader.hpp"
#include "fuzz_check.hpp"

namespace ta::fuzz {

inline std::string number_text(double value) {
    char text[40];
    std::snprintf(text, sizeof text, "%a", value);
    return text;
}

// Every field of every result.
inline std::string describe(const ta::detail::wire_response& response) {
    std::string out = "model " + response.model_version + "\n";
    for (const ta::result& r : response.results) {
        out += "id " + r.id + " mv " + r.model_version;
        if (r.sentiment) {
            out += " label " + std::string(ta::to_string(*r.sentiment));
        }
        if (r.confidence) {
            out += " scores " + number_text(r.confidence->positive) + " " +
                   number_text(r.confidence->neutral) + " " + number_text(r.confidence->negative);
        }
        if (r.score) {
            out += " score " + number_text(*r.score);
        }
        if (r.statistics) {
            out += " stats " + std::to_string(r.statistics->characters_count) + " " +
                   std::to_string(r.statistics->transactions_count);
        }
        if (r.vader) {
            out += " vader";
        }
        if (r.error) {
            out += " error " + r.error->code + ": " + r.error->message;
        }
        out += "\n";
        for (const ta::sentence& s : r.sentences) {
            out += " sentence [" + s.text + "] " + std::string(ta::to_string(s.sentiment)) + " " +
                   number_text(s.confidence.positive) + " " + number_text(s.confidence.neutral) +
                   " " + number_text(s.confidence.negative) + " " + std::to_string(s.offset) + "+" +
                   std::to_string(s.length) + "\n";
            for (const ta::sentence_target& t : s.targets) {
                out += "  target [" + t.text + "] " + std::string(ta::to_string(t.sentiment)) +
                       " " + number_text(t.positive) + " " + number_text(t.negative) + " " +
                       std::to_string(t.offset) + "+" + std::to_string(t.length) + "\n";
                for (const ta::target_relation& rel : t.relations) {
                    out += "   relation " + rel.relation_type + " " + std::to_string(rel.sentence) +
                           " " + std::to_string(rel.index) + "\n";
                }
            }
            for (const ta::sentence_assessment& a : s.assessments) {
                out += "  assessment [" + a.text + "] " + std::string(ta::to_string(a.sentiment)) +
                       " " + number_text(a.positive) + " " + number_text(a.negative) + " " +
                       std::to_string(a.offset) + "+" + std::to_string(a.length) +
                       (a.is_negated ? " negated" : "") + "\n";
            }
        }
        for (const ta::warning& w : r.warnings) {
            out += " warning " + w.code + " " + w.message + " " + w.target_ref + "\n";
        }
    }
    return out;
}

// The results, or the refusal a user would read (status and excerpt included).
template <typename Parser> std::string outcome(Parser parse, std::string_view body) {
    try {
        return describe(parse(body));
    } catch (const ta::bad_response_error& error) {
        return "refused (" + std::to_string(error.status()) + "): " + error.what() + " | " +
               error.excerpt();
    }
}

template <typename Full, typename Dom>
void check_agreement(Full full, Dom dom, const std::uint8_t* data, std::size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    const std::string fast = outcome(full, body);
    const std::string slow = outcome(dom, body);
    TA_FUZZ_CHECK(fast == slow, "the parser:\n%s\nthe DOM path alone:\n%s", fast.c_str(),
                  slow.c_str());
    // Error bodies and the excerpts of messages come from every answer, whatever its shape.
    (void)ta::detail::parse_service_error(body);
    (void)ta::detail::excerpt(body);
}

} // namespace ta::fuzz
