// v3.0 / v3.1 answers: the results object at the top level of the body.
#include <nlohmann/json.hpp>

#include "detail/wire.hpp"
#include "detail/wire_json.hpp"
#include "detail/wire_reader.hpp"

namespace ta::detail {

wire_response parse_response_v3(std::string_view body) {
    // One pass for the documented shape; the DOM path for the rest says what is wrong with it.
    try {
        wire_reader reader(body);
        wire_response response = read_sentiment_results(reader);
        reader.end();
        return response;
    } catch (const wire_reader::unusual&) {
    }
    return parse_response_v3_dom(body);
}

wire_response parse_response_v3_dom(std::string_view body) {
    const nlohmann::json root = parse_json_body(body);
    return parse_sentiment_results(json_fields(root, "", body));
}

} // namespace ta::detail
