// v2.0 / v2.1 answers: a score from 0 (negative) to 1 (positive) per document, no labels.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "detail/wire.hpp"
#include "detail/wire_json.hpp"
#include "detail/wire_reader.hpp"

namespace ta::detail {

namespace {

using unusual = wire_reader::unusual;

// {"id","score","statistics"}, or {"id","message"} in `errors`; nullopt for a member missing.
std::optional<result> read_v2_entry(wire_reader& reader, bool is_error) {
    result read;
    bool has_id = false;
    bool has_value = false; // the score, or the error's message
    bool seen_statistics = false;
    reader.begin_object();
    std::string_view key;
    while (reader.member(key)) {
        if (key == "id") {
            if (has_id) {
                return std::nullopt; // twice: the DOM path keeps the last
            }
            if (!reader.null()) {
                reader.string(read.id); // a number id is the DOM path's
                has_id = true;
            }
        } else if (key == (is_error ? "message" : "score")) {
            if (has_value || reader.null()) {
                return std::nullopt;
            }
            if (is_error) {
                std::string message;
                reader.string(message);
                // v2's document errors carry only a message.
                read.error = document_error{"DocumentError", std::move(message)};
            } else {
                read.score = reader.number();
            }
            has_value = true;
        } else if (key == "statistics" && !is_error) {
            if (seen_statistics) {
                return std::nullopt;
            }
            seen_statistics = true;
            if (!reader.null()) {
                read.statistics = read_document_statistics(reader);
            }
        } else {
            reader.skip();
        }
    }
    if (!has_id || !has_value) {
        return std::nullopt;
    }
    return read;
}

std::optional<wire_response> read_v2_answer(std::string_view body) {
    try {
        wire_reader reader(body);
        wire_response response;
        std::vector<result> errors;
        bool has_documents = false;
        bool seen_errors = false;
        reader.begin_object();
        std::string_view key;
        while (reader.member(key)) {
            const bool is_error = key == "errors";
            if (is_error || key == "documents") {
                bool& seen = is_error ? seen_errors : has_documents;
                if (seen || reader.null()) {
                    return std::nullopt; // twice, or a null documents: the DOM path's
                }
                seen = true;
                std::vector<result>& into = is_error ? errors : response.results;
                reader.begin_array();
                while (reader.element()) {
                    std::optional<result> entry = read_v2_entry(reader, is_error);
                    if (!entry) {
                        return std::nullopt;
                    }
                    into.push_back(std::move(*entry));
                }
            } else {
                reader.skip();
            }
        }
        reader.end();
        if (!has_documents) {
            return std::nullopt;
        }
        for (result& error : errors) {
            response.results.push_back(std::move(error));
        }
        return response;
    } catch (const unusual&) {
        return std::nullopt;
    }
}

} // namespace

wire_response parse_response_v2(std::string_view body) {
    // One pass for the documented shape; the DOM path for the rest says what is wrong with it.
    if (std::optional<wire_response> response = read_v2_answer(body)) {
        return std::move(*response);
    }
    return parse_response_v2_dom(body);
}

wire_response parse_response_v2_dom(std::string_view body) {
    const nlohmann::json root = parse_json_body(body);
    const json_fields fields(root, "", body);
    wire_response response;
    for (const json_fields& document : fields.required_objects("documents")) {
        result read;
        read.id = document.required_id("id");
        read.score = document.required_number("score");
        if (document.has("statistics")) {
            read.statistics = parse_document_statistics(document.required_object("statistics"));
        }
        response.results.push_back(std::move(read));
    }
    for (const json_fields& error : fields.optional_objects("errors")) {
        result read;
        read.id = error.required_id("id");
        // v2's document errors carry only a message.
        read.error = document_error{"DocumentError", error.required_string("message")};
        response.results.push_back(std::move(read));
    }
    return response;
}

} // namespace ta::detail
