// What the requests of every generation share: which options a version has and how they are
// spelled, the document list, and the dispatch to the generation's builder.
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include <ta/error.hpp>

#include "detail/text_elements.hpp"
#include "detail/wire.hpp"
#include "detail/wire_json.hpp"
#include "detail/wire_reader.hpp"

namespace ta::detail {

namespace {

// The documented remedy for the options v3.1 introduced and the Language API kept.
constexpr std::string_view newer_api = "v3.1 or a Language API version (2022-05-01 or later)";

bool has_show_stats(api_version version) noexcept {
    return version != api_version::v2_0;
}

bool has_model_version(api_version version) noexcept {
    return generation_of(version) != api_generation::v2;
}

// Opinion mining, logging opt-out and the string index type.
bool has_v3_1_options(api_version version) noexcept {
    return version == api_version::v3_1 || generation_of(version) == api_generation::language;
}

[[noreturn]] void throw_unavailable(std::string_view option, api_version version,
                                    std::string_view remedy) {
    throw usage_error(std::string(option) + " in API " + std::string(to_string(version)) +
                      "; use " + std::string(remedy));
}

} // namespace

std::string_view string_index_type_name(string_index_type type, api_generation generation) {
    switch (type) {
    case string_index_type::unicode_code_point:
        return "UnicodeCodePoint";
    case string_index_type::utf16_code_unit:
        return "Utf16CodeUnit";
    case string_index_type::text_element:
        break;
    }
    return generation == api_generation::language ? "TextElements_v8" : "TextElement_v8";
}

void check_parameters(const request_parameters& parameters) {
    const api_version version = parameters.api;
    // `automatic` starts with a version that has every option and drops what a fallback lacks.
    if (version == api_version::automatic) {
        return;
    }
    if (parameters.opinion_mining && !has_v3_1_options(version)) {
        throw_unavailable("opinion mining is not available", version, newer_api);
    }
    if (parameters.logging_opt_out && !has_v3_1_options(version)) {
        throw_unavailable("logging opt-out is not available", version, newer_api);
    }
    if (parameters.string_index && !has_v3_1_options(version)) {
        throw_unavailable("the string index type cannot be chosen", version, newer_api);
    }
    if (!parameters.model_version.empty() && !has_model_version(version)) {
        throw_unavailable("the model version cannot be chosen", version, "v3.0 or later");
    }
    if (parameters.show_stats && !has_show_stats(version)) {
        throw_unavailable("statistics are not available", version, "v2.1 or later");
    }
}

request_parameters supported_parameters(request_parameters parameters) {
    const api_version version = parameters.api;
    if (version == api_version::automatic) {
        return parameters;
    }
    if (!has_v3_1_options(version)) {
        parameters.opinion_mining = false;
        parameters.logging_opt_out = false;
        parameters.string_index.reset();
    }
    if (!has_model_version(version)) {
        parameters.model_version.clear();
    }
    if (!has_show_stats(version)) {
        parameters.show_stats = false;
    }
    return parameters;
}

wire_request build_request(const request_parameters& parameters,
                           const std::vector<wire_document>& documents) {
    if (parameters.api == api_version::automatic) {
        throw usage_error("a request needs a concrete API version, not \"auto\"");
    }
    switch (generation_of(parameters.api)) {
    case api_generation::v2:
        return build_request_v2(parameters, documents);
    case api_generation::v3:
        return build_request_v3(parameters, documents);
    case api_generation::language:
        break;
    }
    return build_request_language(parameters, documents);
}

nlohmann::ordered_json documents_json(const std::vector<wire_document>& documents) {
    auto array = nlohmann::ordered_json::array();
    for (const wire_document& document : documents) {
        nlohmann::ordered_json entry;
        entry["id"] = document.id;
        entry["text"] = std::string(document.text);
        // Absent, the service assumes English; the client normally fills in its default.
        if (!document.language.empty()) {
            entry["language"] = document.language;
        }
        array.push_back(std::move(entry));
    }
    return array;
}

bool append_json_string(std::string& out, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef"; // nlohmann writes \u001f, lower case
    out += '"';
    const char* p = text.data();
    const char* const end = p + text.size();
    const char* run = p; // copied as it is, up to the next byte that needs escaping
    while ((p = skip_plain_json_bytes(p, end)) != end) {
        const auto c = static_cast<unsigned char>(*p);
        if (c >= 0x80) {
            const std::size_t length = utf8_sequence_length(p, end);
            if (length == 0) {
                return false;
            }
            p += length;
            continue;
        }
        out.append(run, p);
        out += '\\';
        switch (c) {
        case '"':
            out += '"';
            break;
        case '\\':
            out += '\\';
            break;
        case '\b':
            out += 'b';
            break;
        case '\f':
            out += 'f';
            break;
        case '\n':
            out += 'n';
            break;
        case '\r':
            out += 'r';
            break;
        case '\t':
            out += 't';
            break;
        default:
            out += "u00";
            out += hex[c >> 4];
            out += hex[c & 0x0f];
            break;
        }
        run = ++p;
    }
    out.append(run, p);
    out += '"';
    return true;
}

bool append_documents_json(std::string& out, const std::vector<wire_document>& documents) {
    out += '[';
    const auto plain = [](std::string_view text) {
        return skip_plain_json_bytes(text.data(), text.data() + text.size()) ==
               text.data() + text.size();
    };
    for (const wire_document& document : documents) {
        // Nothing to escape or check (ASCII, most documents): the strings go in as they are,
        // between the literals around them, seven appends instead of twelve.
        if (!document.language.empty() && plain(document.text) && plain(document.id) &&
            plain(document.language)) {
            out += &document == documents.data() ? R"({"id":")" : R"(,{"id":")";
            out += document.id;
            out += R"(","text":")";
            out += document.text;
            out += R"(","language":")";
            out += document.language;
            out += R"("})";
            continue;
        }
        out += &document == documents.data() ? "{\"id\":" : ",{\"id\":";
        if (!append_json_string(out, document.id)) {
            return false;
        }
        out += ",\"text\":";
        if (!append_json_string(out, document.text)) {
            return false;
        }
        // Absent, the service assumes English; the client normally fills in its default.
        if (!document.language.empty()) {
            out += ",\"language\":";
            if (!append_json_string(out, document.language)) {
                return false;
            }
        }
        out += '}';
    }
    out += ']';
    return true;
}

std::size_t body_size_hint(const std::vector<wire_document>& documents) noexcept {
    // The options and the brackets, then per document its strings, their quotes and names, and
    // a few escapes: enough that appending rarely reallocates.
    std::size_t size = 160;
    for (const wire_document& document : documents) {
        size += document.text.size() + document.id.size() + document.language.size() + 48;
    }
    return size;
}

std::string to_json_text(const nlohmann::ordered_json& value) {
    return value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

} // namespace ta::detail
