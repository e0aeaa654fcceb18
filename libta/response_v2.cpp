// v2.0 / v2.1 answers: a score from 0 (negative) to 1 (positive) per document, no labels.
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "detail/wire.hpp"
#include "detail/wire_json.hpp"

namespace ta::detail {

wire_response parse_response_v2(std::string_view body) {
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
