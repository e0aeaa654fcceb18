#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>

#include "detail/retry_policy.hpp"

BOOST_AUTO_TEST_SUITE(retry_policy)

namespace data = boost::unit_test::data;
using namespace std::chrono_literals;
using ta::detail::server_retry_delay;

ta::http_response with_header(const char* name, const char* value) {
    ta::http_response response;
    response.status = 429;
    response.headers = {{name, value}};
    return response;
}

// 2015-10-21 07:28:00 UTC
const auto now = std::chrono::system_clock::from_time_t(1445412480);

BOOST_DATA_TEST_CASE(retryable_statuses,
                     data::make({408, 429, 500, 502, 503, 504, 400, 401, 403, 404, 413, 501, 505}) ^
                         data::make({true, true, true, true, true, true, false, false, false, false,
                                     false, false, false}),
                     status, retryable) {
    BOOST_TEST(ta::detail::is_retryable_status(status) == retryable);
}

BOOST_AUTO_TEST_CASE(retry_after_in_seconds_is_honoured) {
    BOOST_TEST(server_retry_delay(with_header("Retry-After", "1"), now).value().count() == 1000);
    BOOST_TEST(server_retry_delay(with_header("retry-after", " 2.5 "), now).value().count() ==
               2500);
}

BOOST_AUTO_TEST_CASE(retry_after_http_date_is_honoured) {
    const auto delay =
        server_retry_delay(with_header("Retry-After", "Wed, 21 Oct 2015 07:28:30 GMT"), now);
    BOOST_TEST(delay.value().count() == 30'000);
}

BOOST_AUTO_TEST_CASE(retry_after_date_in_the_past_means_now) {
    const auto delay =
        server_retry_delay(with_header("Retry-After", "Wed, 21 Oct 2015 07:00:00 GMT"), now);
    BOOST_TEST(delay.value().count() == 0);
}

BOOST_AUTO_TEST_CASE(retry_after_ms_headers_are_honoured_first) {
    BOOST_TEST(server_retry_delay(with_header("retry-after-ms", "250"), now).value().count() ==
               250);
    BOOST_TEST(server_retry_delay(with_header("x-ms-retry-after-ms", "40"), now).value().count() ==
               40);
    ta::http_response both = with_header("Retry-After", "10");
    both.headers.emplace_back("retry-after-ms", "100");
    BOOST_TEST(server_retry_delay(both, now).value().count() == 100);
}

BOOST_AUTO_TEST_CASE(unreadable_or_absent_retry_after_is_ignored) {
    BOOST_TEST(!server_retry_delay(with_header("Retry-After", "soon"), now).has_value());
    BOOST_TEST(!server_retry_delay(with_header("Retry-After", "-3"), now).has_value());
    BOOST_TEST(!server_retry_delay(ta::http_response{}, now).has_value());
}

// Past long long's range as milliseconds: converting these unclamped is undefined behaviour.
BOOST_DATA_TEST_CASE(absurdly_long_wishes_read_as_a_day,
                     data::make({"retry-after-ms", "x-ms-retry-after-ms", "Retry-After",
                                 "Retry-After", "Retry-After"}) ^
                         data::make({"1e30", "99999999999999999999", "1e300", "99999999999999999",
                                     "Fri, 31 Dec 9999 23:59:59 GMT"}),
                     name, value) {
    const auto delay = server_retry_delay(with_header(name, value), now);
    BOOST_TEST(delay.value().count() == 86'400'000);
}

BOOST_AUTO_TEST_CASE(wishes_up_to_a_day_are_kept_to_the_millisecond) {
    BOOST_TEST(server_retry_delay(with_header("Retry-After", "86400"), now).value().count() ==
               86'400'000);
    BOOST_TEST(
        server_retry_delay(with_header("retry-after-ms", "86399999.5"), now).value().count() ==
        86'400'000);
    BOOST_TEST(server_retry_delay(with_header("Retry-After", "3600.0005"), now).value().count() ==
               3'600'001);
}

BOOST_AUTO_TEST_CASE(backoff_doubles_from_the_base_with_jitter_and_stops_at_the_cap) {
    ta::detail::retry_policy policy({3, 800ms, 60'000ms}, 42);
    for (int round = 0; round < 50; ++round) {
        const auto first = policy.delay(1, std::nullopt);
        const auto second = policy.delay(2, std::nullopt);
        const auto late = policy.delay(12, std::nullopt);
        BOOST_TEST((first >= 640ms && first <= 800ms));
        BOOST_TEST((second >= 1280ms && second <= 1600ms));
        BOOST_TEST((late >= 48'000ms && late <= 60'000ms));
    }
}

BOOST_AUTO_TEST_CASE(the_server_wish_wins_over_backoff_up_to_five_minutes) {
    ta::detail::retry_policy policy({3, 800ms, 60'000ms}, 1);
    BOOST_TEST(policy.delay(1, 5000ms).count() == 5000);
    BOOST_TEST(policy.delay(1, 90'000ms).count() == 90'000);
    BOOST_TEST(policy.delay(1, std::chrono::milliseconds(15LL * 24 * 3600 * 1000)).count() ==
               300'000);
    BOOST_TEST(ta::detail::longest_server_delay.count() == 300'000);
}

BOOST_AUTO_TEST_SUITE_END()
