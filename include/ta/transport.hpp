// The HTTP seam: libta's client speaks to the service through this interface. The default is
// libcurl (make_curl_transport); tests and embedders may supply their own.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ta {

using http_headers = std::vector<std::pair<std::string, std::string>>;

struct http_request {
    std::string method = "POST";
    std::string url;
    http_headers headers;
    std::string body;
};

struct http_response {
    int status = 0;
    http_headers headers; ///< names as the server sent them
    std::string body;

    /// The first header of that name (case-insensitive), or "" when absent.
    std::string header(std::string_view name) const;
};

class transport {
  public:
    virtual ~transport() = default;
    /// Sends one request and returns the answer, whatever its status. A client with
    /// concurrency > 1 calls it from several threads at once.
    /// Throws ta::transport_error when there is no answer (unreachable, TLS, timeout).
    virtual http_response send(const http_request& request) = 0;
};

struct curl_transport_options {
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds timeout{100'000}; ///< the whole request
    std::string user_agent;                     ///< empty = "ta/<version>"
    std::string ca_file;                        ///< empty = the system's CA store
    /// A longer answer (after decoding) fails with ta::transport_error rather than fill memory.
    std::size_t max_response_bytes = std::size_t{64} * 1024 * 1024;
};

/// libcurl: connections reused, TLS verified, redirects never followed (a 3xx is returned as is).
std::unique_ptr<transport> make_curl_transport(const curl_transport_options& options = {});

} // namespace ta
