// When and how long to wait before retrying a request (azure-core's policy).
#pragma once

#include <chrono>
#include <optional>
#include <random>

#include <ta/transport.hpp>

namespace ta::detail {

/// The longest wait a server can ask of us: beyond this it is not a throttle but an outage, and
/// waiting would only hold the user up.
inline constexpr std::chrono::milliseconds longest_server_delay{5 * 60 * 1000};

/// 408, 429, 500, 502, 503, 504.
bool is_retryable_status(int status) noexcept;

/// The server's wish, from `retry-after-ms`, `x-ms-retry-after-ms` (milliseconds) or
/// `Retry-After` (seconds or an HTTP date, relative to `now`); nullopt when absent or unreadable.
/// Absurdly long wishes come back as 24 hours.
std::optional<std::chrono::milliseconds>
server_retry_delay(const http_response& response, std::chrono::system_clock::time_point now);

class retry_policy {
  public:
    struct settings {
        int max_retries = 3;
        std::chrono::milliseconds base{800};
        std::chrono::milliseconds cap{60'000};
    };
    explicit retry_policy(settings s, unsigned seed = std::random_device{}());

    int max_retries() const noexcept { return settings_.max_retries; }
    /// The wait before retry number `attempt` (1-based): exponential from the base, capped,
    /// with jitter (80%..100%); or the server's wish when it gave one (up to five minutes:
    /// waiting less than it asked would only earn another refusal).
    std::chrono::milliseconds delay(int attempt, std::optional<std::chrono::milliseconds> server);

  private:
    settings settings_;
    std::mt19937 random_;
};

} // namespace ta::detail
