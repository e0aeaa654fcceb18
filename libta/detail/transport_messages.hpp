// What a transport says when a request has no answer: the same words from libcurl's path and
// from ta's own HTTP/1.1 client.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include <ta/error.hpp>

namespace ta::detail {

/// "0.3", "2", "1.25": seconds as people write them.
std::string seconds_text(std::chrono::milliseconds duration);
/// "64 MiB", "512 KiB", "1000 bytes": a size limit as people write it.
std::string size_text(std::size_t bytes);

/// `where` is "host:port".
transport_error answer_too_large(const std::string& where, std::size_t limit,
                                 const std::string& url);
transport_error answer_timed_out(const std::string& where, std::chrono::milliseconds timeout,
                                 const std::string& url);
transport_error connect_timed_out(const std::string& where, std::chrono::milliseconds timeout,
                                  const std::string& url);
/// `reason`: "connection refused", "network unreachable", ...
transport_error could_not_connect(const std::string& where, const std::string& reason,
                                  const std::string& url);
/// The words for a connect() errno: "connection refused" and the like.
std::string connect_reason(int os_errno, const char* otherwise);
transport_error closed_without_answering(const std::string& where, const std::string& url);

} // namespace ta::detail
