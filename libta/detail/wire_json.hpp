// JSON plumbing shared by the request builders and response parsers of every API generation.
// Only the forward header here: the definitions live in the .cpp files named below.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "detail/wire.hpp"

namespace ta::detail {

// Requests (defined in request.cpp).

/// `[{"id","text","language"}, ...]`: the same in every generation.
nlohmann::ordered_json documents_json(const std::vector<wire_document>& documents);
/// Appends `text` as a JSON string, byte for byte as to_json_text writes it (UTF-8 as it is;
/// quotes, backslashes and control characters escaped). False, with `out` then unusable, when
/// `text` is not valid UTF-8: the caller then goes through nlohmann, which replaces the bad bytes.
bool append_json_string(std::string& out, std::string_view text);
/// Appends documents_json's text; false as append_json_string.
bool append_documents_json(std::string& out, const std::vector<wire_document>& documents);
/// Room for a body of these documents: their texts and what goes around them.
std::size_t body_size_hint(const std::vector<wire_document>& documents) noexcept;
/// Compact JSON. Invalid UTF-8 becomes U+FFFD instead of an exception: a safety net for direct
/// callers of the builders, since the client refuses documents that are not valid UTF-8 before it
/// builds a request.
std::string to_json_text(const nlohmann::ordered_json& value);

// Responses (defined in wire_json.cpp).

/// Throws ta::bad_response_error(what, 200, excerpt(body), "").
[[noreturn]] void throw_bad_response(const std::string& what, std::string_view body);
/// The parsed body; throws ta::bad_response_error when it is not JSON.
nlohmann::json parse_json_body(std::string_view body);

/// Reads fields of one JSON object and names its place in the body ("documents[0].sentences[1]")
/// when something is missing or of the wrong type. A null member counts as absent.
class json_fields {
  public:
    /// Throws ta::bad_response_error when `value` is not an object.
    json_fields(const nlohmann::json& value, std::string path, std::string_view body);

    const nlohmann::json& value() const noexcept { return *object_; }
    const std::string& path() const noexcept { return path_; }
    bool has(const char* key) const;

    std::string required_string(const char* key) const;
    std::string optional_string(const char* key) const; ///< "" when absent
    /// Ids are strings on the wire, but a number is accepted and written in decimal.
    std::string required_id(const char* key) const;
    double required_number(const char* key) const;
    std::int64_t required_integer(const char* key) const;
    bool optional_bool(const char* key, bool fallback) const;
    /// The array's elements as objects; an absent optional array is empty.
    std::vector<json_fields> required_objects(const char* key) const;
    std::vector<json_fields> optional_objects(const char* key) const;
    json_fields required_object(const char* key) const;

    /// Throws ta::bad_response_error "the service's answer <problem> in <path>".
    [[noreturn]] void fail(const std::string& problem) const;

  private:
    const nlohmann::json* find(const char* key) const;
    std::vector<json_fields> objects_of(const char* key, const nlohmann::json& array) const;

    const nlohmann::json* object_;
    std::string path_;
    std::string_view body_;
};

/// The code and message of the most specific error in an `{code,message,innererror}` chain
/// (v2's `innerError` too): each from the innermost level that has it. Empty when none has it.
struct innermost_error {
    std::string code;
    std::string message;
};
innermost_error find_innermost_error(const nlohmann::json& error); // service_error.cpp

/// The v3.x `{"documents","errors","modelVersion"}` object, which is also the Language API's
/// `results` (its path then prefixes the places named in messages). In sentiment_results.cpp.
wire_response parse_sentiment_results(const json_fields& results);
/// `{"charactersCount","transactionsCount"}`, in every generation that has statistics
/// (wire_json.cpp).
document_statistics parse_document_statistics(const json_fields& statistics);

} // namespace ta::detail
