// Every field of a parsed answer as text, doubles to the last bit (%a): what the response
// tests and the response fuzzers compare when two parsers must agree.
#pragma once

#include <cstdio>
#include <string>

#include <ta/result.hpp>

#include "detail/wire.hpp"

namespace ta::test {

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

} // namespace ta::test
