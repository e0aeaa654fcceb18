// Reading an answer with the parser of the API generation that was asked.
#include <ta/error.hpp>

#include "detail/wire.hpp"

namespace ta::detail {

wire_response parse_response(api_version version, std::string_view body) {
    if (version == api_version::automatic) {
        throw usage_error("an answer can only be read for a concrete API version, not \"auto\"");
    }
    switch (generation_of(version)) {
    case api_generation::v2:
        return parse_response_v2(body);
    case api_generation::v3:
        return parse_response_v3(body);
    case api_generation::language:
        break;
    }
    return parse_response_language(body);
}

} // namespace ta::detail
