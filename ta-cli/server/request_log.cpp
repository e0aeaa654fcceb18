#include "request_log.hpp"

#include <cstdio>

namespace ta::server {
namespace {

constexpr std::size_t max_path_bytes = 200;

void append_escaped(std::string& out, std::string_view text) {
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x21 || byte > 0x7e || c == '\\') {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
            out += escaped;
        } else {
            out += c;
        }
    }
}

void append_cut(std::string& out, std::string_view text) {
    if (text.size() > max_path_bytes) {
        append_escaped(out, text.substr(0, max_path_bytes));
        out += "...";
    } else {
        append_escaped(out, text);
    }
}

} // namespace

std::string log_line(const logged_request& request) {
    std::string line;
    append_escaped(line, request.method.empty() ? std::string_view("-") : request.method);
    line += ' ';
    append_cut(line, request.path.empty() ? std::string_view("-") : request.path);
    if (!request.api_version.empty()) {
        line += "?api-version=";
        append_cut(line, request.api_version);
    }
    char rest[96];
    std::snprintf(rest, sizeof rest, " %d %zu doc%s %.2f ms", request.status, request.documents,
                  request.documents == 1 ? "" : "s",
                  static_cast<double>(request.duration.count()) / 1000.0);
    line += rest;
    return line;
}

} // namespace ta::server
