// v3.0 / v3.1 requests: the options go in the query, the documents in `{"documents":[...]}`.
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "detail/wire.hpp"
#include "detail/wire_json.hpp"

namespace ta::detail {

namespace {

// RFC 3986: everything but the unreserved characters, so a model version can hold anything.
std::string percent_encode(std::string_view value) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string encoded;
    for (const char c : value) {
        const auto byte = static_cast<unsigned char>(c);
        const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                                (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' ||
                                byte == '_' || byte == '~';
        if (unreserved) {
            encoded += c;
        } else {
            encoded += '%';
            encoded += hex[byte >> 4];
            encoded += hex[byte & 0x0f];
        }
    }
    return encoded;
}

class query_builder {
  public:
    void add(std::string_view name, std::string_view value) {
        query_ += query_.empty() ? '?' : '&';
        query_ += name;
        query_ += '=';
        query_ += percent_encode(value);
    }
    std::string str() && { return std::move(query_); }

  private:
    std::string query_;
};

} // namespace

wire_request build_request_v3(const request_parameters& parameters,
                              const std::vector<wire_document>& documents) {
    query_builder query;
    if (!parameters.model_version.empty()) {
        query.add("model-version", parameters.model_version);
    }
    if (parameters.show_stats) {
        query.add("showStats", "true");
    }
    // Only v3.1 knows these; v3.0 would reject the request over them.
    if (parameters.api == api_version::v3_1) {
        if (parameters.logging_opt_out) {
            query.add("loggingOptOut", "true");
        }
        if (parameters.opinion_mining) {
            query.add("opinionMining", "true");
        }
        if (parameters.string_index) {
            query.add("stringIndexType",
                      string_index_type_name(*parameters.string_index, api_generation::v3));
        }
    }

    wire_request request;
    request.target = "/text/analytics/" + std::string(to_string(parameters.api)) + "/sentiment" +
                     std::move(query).str();
    request.body.reserve(body_size_hint(documents));
    request.body = "{\"documents\":";
    if (append_documents_json(request.body, documents)) {
        request.body += '}';
        return request;
    }
    // Not UTF-8: nlohmann replaces the bad bytes.
    nlohmann::ordered_json body;
    body["documents"] = documents_json(documents);
    request.body = to_json_text(body);
    return request;
}

} // namespace ta::detail
