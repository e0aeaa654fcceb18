// ta-server's log: one line per request on stderr. Never the key, the texts, or the query but
// the api-version (a query may carry anything a client put there).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace ta::server {

struct logged_request {
    std::string_view method;
    std::string_view path;
    std::string_view api_version; ///< the Language API's ?api-version=, "" when none
    int status = 0;
    std::size_t documents = 0;
    std::chrono::microseconds duration{0};
};

/// "POST /text/analytics/v3.1/sentiment 200 3 docs 1.25 ms", without a line break; the path
/// "/language/:analyze-text?api-version=2023-04-01" when there was an api-version. Control
/// characters and non-ASCII bytes in the method and path are written as \xHH, a path longer
/// than 200 bytes is cut (marked "..."), so a line is always one line.
std::string log_line(const logged_request& request);

} // namespace ta::server
