// What the service says when something went wrong: its error bodies (the whole-call ones and the
// chain of innererrors that per-document errors share), and excerpts of bodies for messages.
#include <cstdio>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>
#include <utf8proc.h>

#include "detail/wire.hpp"
#include "detail/wire_json.hpp"

namespace ta::detail {

namespace {

using nlohmann::json;

// Gateways send numeric codes as strings ("429"); accept a bare number as well.
std::string text_member(const json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end()) {
        return {};
    }
    if (it->is_string()) {
        return it->get<std::string>();
    }
    if (it->is_number_integer()) {
        return it->dump();
    }
    return {};
}

const json* inner_error(const json& error) {
    // v2 spells it innerError; v3 and the Language API innererror.
    for (const char* key : {"innererror", "innerError"}) {
        const auto it = error.find(key);
        if (it != error.end() && it->is_object()) {
            return &*it;
        }
    }
    return nullptr;
}

} // namespace

innermost_error find_innermost_error(const json& error) {
    innermost_error found;
    // The depth bound only guards against absurd bodies; the service nests two or three levels.
    const json* level = error.is_object() ? &error : nullptr;
    for (int depth = 0; level != nullptr && depth < 64; ++depth) {
        if (std::string code = text_member(*level, "code"); !code.empty()) {
            found.code = std::move(code);
        }
        if (std::string message = text_member(*level, "message"); !message.empty()) {
            found.message = std::move(message);
        }
        level = inner_error(*level);
    }
    return found;
}

std::optional<service_error> parse_service_error(std::string_view body) {
    const json root = json::parse(body.begin(), body.end(), nullptr, false);
    if (root.is_discarded() || !root.is_object()) {
        return std::nullopt;
    }
    const json* error = nullptr;
    if (const auto it = root.find("error"); it != root.end() && it->is_object()) {
        error = &*it;
    } else if (root.contains("code") || root.contains("message")) {
        error = &root; // v2's unwrapped form
    } else {
        return std::nullopt;
    }
    innermost_error found = find_innermost_error(*error);
    if (found.code.empty() && found.message.empty()) {
        return std::nullopt;
    }
    return service_error{std::move(found.code), std::move(found.message),
                         text_member(*error, "code")};
}

std::string excerpt(std::string_view body, std::size_t max_bytes) {
    std::string out;
    std::size_t position = 0;
    while (position < body.size()) {
        utf8proc_int32_t code_point = -1;
        const utf8proc_ssize_t decoded =
            utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(body.data() + position),
                             static_cast<utf8proc_ssize_t>(body.size() - position), &code_point);
        const std::size_t length = decoded > 0 ? static_cast<std::size_t>(decoded) : 1;
        if (position + length > max_bytes) {
            break;
        }
        char escaped[16];
        if (decoded <= 0) {
            // Not UTF-8: show the byte rather than pass garbage to a terminal.
            std::snprintf(escaped, sizeof escaped, "\\x%02X",
                          static_cast<unsigned char>(body[position]));
            out += escaped;
        } else if (code_point == '\n') {
            out += "\\n";
        } else if (code_point == '\r') {
            out += "\\r";
        } else if (code_point == '\t') {
            out += "\\t";
        } else if (code_point < 0x20 || (code_point >= 0x7f && code_point < 0xa0)) {
            // C0 and C1 controls could drive the terminal the message is printed on.
            std::snprintf(escaped, sizeof escaped, "\\u%04X", static_cast<unsigned>(code_point));
            out += escaped;
        } else {
            out.append(body.substr(position, length));
        }
        position += length;
    }
    if (position < body.size()) {
        out += "…";
    }
    return out;
}

} // namespace ta::detail
