// v3.0 / v3.1 answers: the results object at the top level of the body.
#include <nlohmann/json.hpp>

#include "detail/wire.hpp"
#include "detail/wire_json.hpp"

namespace ta::detail {

wire_response parse_response_v3(std::string_view body) {
    const nlohmann::json root = parse_json_body(body);
    return parse_sentiment_results(json_fields(root, "", body));
}

} // namespace ta::detail
