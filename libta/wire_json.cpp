// Reading the service's JSON answers: parsing a body, and reading an object's fields with
// messages that name the place in the body where the answer is not the documented shape.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include <ta/error.hpp>

#include "detail/wire.hpp"
#include "detail/wire_json.hpp"

namespace ta::detail {

namespace {

using nlohmann::json;

std::string type_name(const json& value) {
    switch (value.type()) {
    case json::value_t::object:
        return "an object";
    case json::value_t::array:
        return "an array";
    case json::value_t::string:
        return "a string";
    case json::value_t::boolean:
        return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
        return "a number";
    default:
        return "null";
    }
}

std::string quoted(const char* key) {
    return std::string("\"") + key + "\"";
}

} // namespace

void throw_bad_response(const std::string& what, std::string_view body) {
    throw bad_response_error(what, 200, excerpt(body), "");
}

json parse_json_body(std::string_view body) {
    json root = json::parse(body.begin(), body.end(), nullptr, false);
    if (root.is_discarded()) {
        throw_bad_response(body.empty() ? "the service's answer is empty"
                                        : "the service's answer is not valid JSON",
                           body);
    }
    return root;
}

json_fields::json_fields(const json& value, std::string path, std::string_view body)
    : object_(&value), path_(std::move(path)), body_(body) {
    if (!value.is_object()) {
        if (path_.empty()) {
            throw_bad_response("the service's answer is not a JSON object", body_);
        }
        throw_bad_response(
            "the service's answer has " + type_name(value) + ", not an object, in " + path_, body_);
    }
}

void json_fields::fail(const std::string& problem) const {
    throw_bad_response("the service's answer " + problem + (path_.empty() ? "" : " in " + path_),
                       body_);
}

const json* json_fields::find(const char* key) const {
    const auto it = object_->find(key);
    return it == object_->end() || it->is_null() ? nullptr : &*it;
}

bool json_fields::has(const char* key) const {
    return find(key) != nullptr;
}

std::string json_fields::required_string(const char* key) const {
    const json* value = find(key);
    if (value == nullptr) {
        fail("has no " + quoted(key) + " string");
    }
    if (!value->is_string()) {
        fail("has " + type_name(*value) + ", not a string, as " + quoted(key));
    }
    return value->get<std::string>();
}

std::string json_fields::optional_string(const char* key) const {
    return has(key) ? required_string(key) : std::string();
}

std::string json_fields::required_id(const char* key) const {
    const json* value = find(key);
    if (value != nullptr && value->is_number()) {
        return value->dump();
    }
    return required_string(key);
}

double json_fields::required_number(const char* key) const {
    const json* value = find(key);
    if (value == nullptr) {
        fail("has no " + quoted(key) + " number");
    }
    if (!value->is_number()) {
        fail("has " + type_name(*value) + ", not a number, as " + quoted(key));
    }
    return value->get<double>();
}

std::int64_t json_fields::required_integer(const char* key) const {
    const json* value = find(key);
    if (value == nullptr) {
        fail("has no " + quoted(key) + " integer");
    }
    const bool fits = value->is_number_integer() &&
                      !(value->is_number_unsigned() &&
                        value->get<std::uint64_t>() >
                            static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));
    if (!fits) {
        fail("has " + (value->is_number() ? value->dump() : type_name(*value)) +
             ", not an integer, as " + quoted(key));
    }
    return value->get<std::int64_t>();
}

bool json_fields::optional_bool(const char* key, bool fallback) const {
    const json* value = find(key);
    if (value == nullptr) {
        return fallback;
    }
    if (!value->is_boolean()) {
        fail("has " + type_name(*value) + ", not true or false, as " + quoted(key));
    }
    return value->get<bool>();
}

std::vector<json_fields> json_fields::objects_of(const char* key, const json& array) const {
    if (!array.is_array()) {
        fail("has " + type_name(array) + ", not an array, as " + quoted(key));
    }
    const std::string prefix = (path_.empty() ? "" : path_ + ".") + key;
    std::vector<json_fields> objects;
    objects.reserve(array.size());
    for (std::size_t i = 0; i < array.size(); ++i) {
        objects.emplace_back(array[i], prefix + "[" + std::to_string(i) + "]", body_);
    }
    return objects;
}

std::vector<json_fields> json_fields::required_objects(const char* key) const {
    const json* value = find(key);
    if (value == nullptr) {
        fail("has no " + quoted(key) + " array");
    }
    return objects_of(key, *value);
}

std::vector<json_fields> json_fields::optional_objects(const char* key) const {
    const json* value = find(key);
    return value == nullptr ? std::vector<json_fields>() : objects_of(key, *value);
}

json_fields json_fields::required_object(const char* key) const {
    const json* value = find(key);
    if (value == nullptr) {
        fail("has no " + quoted(key) + " object");
    }
    return json_fields(*value, (path_.empty() ? "" : path_ + ".") + key, body_);
}

document_statistics parse_document_statistics(const json_fields& statistics) {
    return {statistics.required_integer("charactersCount"),
            statistics.required_integer("transactionsCount")};
}

} // namespace ta::detail
