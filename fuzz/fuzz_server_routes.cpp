// ta-server's handling of a request (server/service_routes.cpp: the key, the routes of every
// generation, the request's options and documents, the engine, the answer), without sockets. It
// never crashes or throws, answers every request with a status the service uses and a JSON
// object, and never with a 500 (which would mean something threw inside).
//
// The input is the request: the first line is "METHOD /path?query" (the query split at '&' and
// '=', as it arrives decoded); the second the Ocp-Apim-Subscription-Key header, and when there
// is one the server wants the key "secret" (an empty line: no header, and a server without a
// key; a line starting with '!': the body was over the size limit); the rest is the body.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "fuzz_check.hpp"
#include "service_routes.hpp"

namespace {

std::string_view next_line(std::string_view& input) {
    const std::size_t end = input.find('\n');
    const std::string_view line = input.substr(0, end);
    input.remove_prefix(end == std::string_view::npos ? input.size() : end + 1);
    return line;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::string_view request_line = next_line(input);
    std::string_view key_line = next_line(input);

    ta::server::incoming_request request;
    const std::size_t space = request_line.find(' ');
    request.method = std::string(request_line.substr(0, space));
    const std::string_view target =
        space == std::string_view::npos ? std::string_view() : request_line.substr(space + 1);
    const std::size_t question = target.find('?');
    request.path = std::string(target.substr(0, question));
    std::vector<std::pair<std::string, std::string>> parameters;
    if (question != std::string_view::npos) {
        std::string_view query = target.substr(question + 1);
        while (!query.empty()) {
            const std::size_t amp = query.find('&');
            const std::string_view pair = query.substr(0, amp);
            query.remove_prefix(amp == std::string_view::npos ? query.size() : amp + 1);
            const std::size_t equals = pair.find('=');
            parameters.emplace_back(
                std::string(pair.substr(0, equals)),
                equals == std::string_view::npos ? "" : std::string(pair.substr(equals + 1)));
        }
    }
    request.query = [&parameters](std::string_view name) {
        for (const auto& [key, value] : parameters) {
            if (key == name) {
                return std::optional<std::string>(value);
            }
        }
        return std::optional<std::string>();
    };
    if (key_line.starts_with('!')) {
        request.body_too_large = true;
        key_line.remove_prefix(1);
    }
    ta::server::routes_options options;
    options.engine = ta::server::builtin_engine();
    if (!key_line.empty()) {
        request.key = std::string(key_line);
        options.key = "secret";
    }
    request.body = request.body_too_large ? std::string_view() : input;

    const ta::server::service_routes routes(std::move(options));
    const ta::server::answer answer = routes.handle(request);
    const int status = answer.status;
    TA_FUZZ_CHECK(status == 200 || status == 400 || status == 401 || status == 404 || status == 413,
                  "status %d: %s", status, answer.body.c_str());
    const nlohmann::json body = nlohmann::json::parse(answer.body, nullptr, false);
    TA_FUZZ_CHECK(body.is_object(), "the answer is not a JSON object: %s", answer.body.c_str());
    return 0;
}
