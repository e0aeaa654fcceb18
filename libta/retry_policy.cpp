#include "detail/retry_policy.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ctime>
#include <iomanip>
#include <locale>
#include <sstream>

#include "detail/strings.hpp"

namespace ta::detail {
namespace {

// Server wishes are clamped to this while still a double: a value past long long's range
// ("Retry-After: 1e300") would make the conversion undefined. Far beyond any wait worth honouring.
constexpr double longest_readable_delay_ms = 24.0 * 60 * 60 * 1000;

std::chrono::milliseconds whole_milliseconds(double ms) {
    return std::chrono::milliseconds(
        static_cast<long long>(std::ceil(std::min(ms, longest_readable_delay_ms))));
}

std::optional<double> parse_number(std::string_view text) {
    text = trim(text);
    if (text.empty()) {
        return std::nullopt;
    }
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value) ||
        value < 0) {
        return std::nullopt;
    }
    return value;
}

// An HTTP date (RFC 9110: IMF-fixdate, and the obsolete RFC 850 and asctime forms), in seconds
// since the epoch.
std::optional<std::time_t> parse_http_date(std::string_view text) {
    static constexpr const char* formats[] = {"%a, %d %b %Y %H:%M:%S GMT",
                                              "%A, %d-%b-%y %H:%M:%S GMT", "%a %b %d %H:%M:%S %Y"};
    for (const char* format : formats) {
        std::tm tm{};
        std::istringstream in{std::string(trim(text))};
        in.imbue(std::locale::classic());
        in >> std::get_time(&tm, format);
        if (!in.fail()) {
            const std::time_t seconds = timegm(&tm);
            if (seconds != static_cast<std::time_t>(-1)) {
                return seconds;
            }
        }
    }
    return std::nullopt;
}

} // namespace

bool is_retryable_status(int status) noexcept {
    switch (status) {
    case 408:
    case 429:
    case 500:
    case 502:
    case 503:
    case 504:
        return true;
    default:
        return false;
    }
}

std::optional<std::chrono::milliseconds>
server_retry_delay(const http_response& response, std::chrono::system_clock::time_point now) {
    for (const char* name : {"retry-after-ms", "x-ms-retry-after-ms"}) {
        if (const auto value = parse_number(response.header(name))) {
            return whole_milliseconds(*value);
        }
    }
    const std::string retry_after = response.header("retry-after");
    if (retry_after.empty()) {
        return std::nullopt;
    }
    if (const auto seconds = parse_number(retry_after)) {
        return whole_milliseconds(*seconds * 1000);
    }
    if (const auto when = parse_http_date(retry_after)) {
        // In seconds as a double: a date centuries ahead would overflow the clock's nanoseconds.
        const double ahead = static_cast<double>(*when) -
                             std::chrono::duration<double>(now.time_since_epoch()).count();
        return whole_milliseconds(std::max(0.0, ahead * 1000));
    }
    return std::nullopt;
}

retry_policy::retry_policy(settings s, unsigned seed) : settings_(s), random_(seed) {}

std::chrono::milliseconds retry_policy::delay(int attempt,
                                              std::optional<std::chrono::milliseconds> server) {
    if (server) {
        return std::min(*server, longest_server_delay);
    }
    const int exponent = std::clamp(attempt - 1, 0, 30);
    const double exponential =
        static_cast<double>(settings_.base.count()) * std::ldexp(1.0, exponent);
    const double capped = std::min(exponential, static_cast<double>(settings_.cap.count()));
    // Jitter spreads clients that failed together, so they do not retry together.
    std::uniform_real_distribution<double> jitter(0.8, 1.0);
    return std::chrono::milliseconds(static_cast<long long>(capped * jitter(random_)));
}

} // namespace ta::detail
