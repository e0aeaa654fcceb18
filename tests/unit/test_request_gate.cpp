// The gate in front of the service: the pace of --rate, the halving on 429 and the climb back,
// and the pause a Retry-After asks for. Time is a manual clock.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <future>
#include <thread>

#include "detail/request_gate.hpp"
#include "manual_clock.hpp"

BOOST_AUTO_TEST_SUITE(request_gate)

using namespace std::chrono_literals;
using gate = ta::detail::request_gate;
using ta::test::manual_clock;

namespace {

/// As the client's loop does: asks, and sleeps the clock until the gate says to ask again.
gate::ticket enter(gate& g, manual_clock& time) {
    for (;;) {
        ta::clock::time_point not_before{};
        if (const auto ticket = g.try_enter(not_before)) {
            return *ticket;
        }
        BOOST_TEST_REQUIRE((not_before != ta::clock::time_point::max())); // no slot: no answer
        time.sleep_until(not_before);
    }
}

} // namespace

BOOST_AUTO_TEST_CASE(with_no_rate_requests_start_at_once) {
    manual_clock time;
    gate g({4, 0}, time);
    for (int i = 0; i < 100; ++i) {
        g.leave(enter(g, time), gate::outcome::answered);
    }
    BOOST_TEST(time.elapsed().count() == 0);
    BOOST_TEST(time.waits().empty());
}

BOOST_AUTO_TEST_CASE(a_rate_spaces_the_starts) {
    manual_clock time;
    gate g({4, 10}, time); // 10 a second: one every 100 ms
    for (int i = 0; i < 50; ++i) {
        g.leave(enter(g, time), gate::outcome::answered);
    }
    BOOST_TEST(std::chrono::duration_cast<std::chrono::milliseconds>(time.elapsed()).count() ==
               4'900);
}

BOOST_AUTO_TEST_CASE(a_rate_below_one_a_second_works) {
    manual_clock time;
    gate g({1, 0.5}, time);
    for (int i = 0; i < 3; ++i) {
        g.leave(enter(g, time), gate::outcome::answered);
    }
    BOOST_TEST(std::chrono::duration_cast<std::chrono::milliseconds>(time.elapsed()).count() ==
               4'000);
}

BOOST_AUTO_TEST_CASE(a_429_halves_the_requests_in_flight_once_per_round) {
    manual_clock time;
    gate g({8, 0}, time);
    BOOST_TEST(g.limit() == 8);
    // Three requests out together, all refused: the window halves once, not three times.
    const auto a = enter(g, time);
    const auto b = enter(g, time);
    const auto c = enter(g, time);
    time.advance(10ms);
    g.leave(a, gate::outcome::throttled, 0ms);
    g.leave(b, gate::outcome::throttled, 0ms);
    g.leave(c, gate::outcome::throttled, 0ms);
    BOOST_TEST(g.limit() == 4);
    // A request sent after that, refused too: it halves again.
    const auto d = enter(g, time);
    time.advance(10ms);
    g.leave(d, gate::outcome::throttled, 0ms);
    BOOST_TEST(g.limit() == 2);
    // And it never goes below one.
    for (int i = 0; i < 5; ++i) {
        const auto t = enter(g, time);
        time.advance(10ms);
        g.leave(t, gate::outcome::throttled, 0ms);
    }
    BOOST_TEST(g.limit() == 1);
}

BOOST_AUTO_TEST_CASE(answers_climb_back_to_the_concurrency_asked_for) {
    manual_clock time;
    gate g({8, 0}, time);
    const auto t = enter(g, time);
    g.leave(t, gate::outcome::throttled, 0ms);
    BOOST_TEST(g.limit() == 4);
    // One more in flight per window's worth of answers: 4 + 5 + 6 + 7 answers to get to 8.
    int answers = 0;
    while (g.limit() < 8 && answers < 1000) {
        g.leave(enter(g, time), gate::outcome::answered);
        ++answers;
    }
    BOOST_TEST(g.limit() == 8);
    BOOST_TEST(answers >= 20);
    BOOST_TEST(answers <= 24);
    // Failures without an answer neither shrink nor grow it.
    g.leave(enter(g, time), gate::outcome::failed);
    BOOST_TEST(g.limit() == 8);
}

BOOST_AUTO_TEST_CASE(a_429_holds_new_requests_for_its_retry_after) {
    manual_clock time;
    gate g({4, 0}, time);
    g.leave(enter(g, time), gate::outcome::throttled, 2'000ms);
    g.leave(enter(g, time), gate::outcome::answered);
    BOOST_TEST(std::chrono::duration_cast<std::chrono::milliseconds>(time.elapsed()).count() ==
               2'000);
    // Without a Retry-After, the smaller window is all.
    g.leave(enter(g, time), gate::outcome::throttled);
    g.leave(enter(g, time), gate::outcome::answered);
    BOOST_TEST(std::chrono::duration_cast<std::chrono::milliseconds>(time.elapsed()).count() ==
               2'000);
}

BOOST_AUTO_TEST_CASE(waiting_for_room_lasts_until_a_request_leaves) {
    // Another call's requests hold every place: the loop waits for one to leave.
    manual_clock time;
    gate g({2, 0}, time);
    const auto a = enter(g, time);
    const auto b = enter(g, time);
    auto third = std::async(std::launch::async, [&g] { g.wait_for_room(); });
    // Still waiting after a while (this can only pass wrongly, never fail wrongly).
    BOOST_TEST((third.wait_for(50ms) == std::future_status::timeout));
    g.leave(a, gate::outcome::answered);
    BOOST_TEST_REQUIRE((third.wait_for(20s) == std::future_status::ready));
    g.leave(enter(g, time), gate::outcome::answered);
    g.leave(b, gate::outcome::answered);
}

// try_enter: the same gate for a thread that drives many requests and must not block.

BOOST_AUTO_TEST_CASE(try_enter_lets_through_up_to_the_limit_then_says_wait_for_an_answer) {
    manual_clock time;
    gate g({2, 0}, time);
    ta::clock::time_point not_before{};
    const auto first = g.try_enter(not_before);
    const auto second = g.try_enter(not_before);
    BOOST_TEST_REQUIRE(first.has_value());
    BOOST_TEST_REQUIRE(second.has_value());
    BOOST_TEST(!g.try_enter(not_before).has_value());
    BOOST_TEST((not_before == ta::clock::time_point::max())); // no time helps: an answer does
    g.leave(*first, gate::outcome::answered);
    BOOST_TEST(g.try_enter(not_before).has_value());
    BOOST_TEST(time.waits().empty()); // it never slept
}

BOOST_AUTO_TEST_CASE(try_enter_keeps_the_rate_and_says_when_the_next_may_start) {
    manual_clock time;
    gate g({8, 10}, time); // one every 100 ms
    ta::clock::time_point not_before{};
    const auto start = time.now();
    int started = 0;
    while (started < 20) {
        if (const auto ticket = g.try_enter(not_before)) {
            g.leave(*ticket, gate::outcome::answered);
            ++started;
        } else {
            BOOST_TEST_REQUIRE((not_before > time.now()));
            time.sleep_until(not_before);
        }
    }
    BOOST_TEST(std::chrono::duration_cast<std::chrono::milliseconds>(time.now() - start).count() ==
               1'900);
}

BOOST_AUTO_TEST_CASE(try_enter_waits_out_a_retry_after_and_halves_on_a_429) {
    manual_clock time;
    gate g({8, 0}, time);
    ta::clock::time_point not_before{};
    const auto ticket = g.try_enter(not_before);
    BOOST_TEST_REQUIRE(ticket.has_value());
    g.leave(*ticket, gate::outcome::throttled, 2000ms);
    BOOST_TEST(g.limit() == 4);
    BOOST_TEST(!g.try_enter(not_before).has_value());
    BOOST_TEST((not_before == time.now() + 2000ms));
    time.advance(1999ms);
    BOOST_TEST(!g.try_enter(not_before).has_value());
    time.advance(1ms);
    BOOST_TEST(g.try_enter(not_before).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
