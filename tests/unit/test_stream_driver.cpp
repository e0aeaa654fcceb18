// The stream under analyze_stream: order, one record per entry, back-pressure, and what a
// failure does, with scoring functions that finish in any order.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <ta/error.hpp>

#include "detail/stream_driver.hpp"
#include "manual_clock.hpp"

BOOST_AUTO_TEST_SUITE(stream_driver)

using namespace std::chrono_literals;

namespace {

// Only a guard against a hang: a test that works never waits this long.
constexpr auto hang_guard = 20s;

/// A source of `count` documents, "1".."count", `text` as their text.
struct counting_source {
    std::size_t count;
    std::size_t next = 0;
    std::atomic<std::size_t> read{0};

    bool operator()(std::vector<ta::stream_entry>& out, std::size_t max) {
        for (std::size_t i = 0; i < max && next < count; ++i) {
            ++next;
            out.push_back({{std::to_string(next), "text " + std::to_string(next), ""}, {}});
            ++read;
        }
        return next < count;
    }
};

std::vector<ta::result> score_all(const std::vector<ta::document>& documents) {
    std::vector<ta::result> results;
    for (const auto& doc : documents) {
        ta::result r;
        r.id = doc.id;
        r.sentiment = ta::sentiment_label::positive;
        results.push_back(r);
    }
    return results;
}

struct collected {
    std::mutex mutex;
    std::vector<std::string> ids;
    std::vector<ta::result> results;
    std::vector<std::string> texts;
};

ta::stream_sink collect_into(collected& c) {
    return [&c](ta::document&& doc, ta::result&& r) {
        const std::lock_guard lock(c.mutex);
        c.ids.push_back(r.id);
        c.texts.push_back(doc.text);
        c.results.push_back(std::move(r));
    };
}

std::vector<std::string> ids_1_to(std::size_t n) {
    std::vector<std::string> ids;
    for (std::size_t i = 1; i <= n; ++i) {
        ids.push_back(std::to_string(i));
    }
    return ids;
}

ta::detail::stream_driver_settings settings_for(std::size_t batch, std::size_t concurrency) {
    ta::detail::stream_driver_settings s;
    s.batch_size = [batch] { return batch; };
    s.concurrency = concurrency;
    s.score = score_all;
    return s;
}

/// A failure the client would turn into error records.
std::optional<ta::document_error> records_for_503(const std::exception_ptr& failure) {
    try {
        std::rethrow_exception(failure);
    } catch (const ta::http_error& e) {
        if (e.status() == 503) {
            return ta::document_error{"ServiceUnavailable", "busy"};
        }
    } catch (...) {
    }
    return std::nullopt;
}

ta::http_error busy() {
    return ta::http_error(503, "ServiceUnavailable", "busy", "", "http://x");
}

} // namespace

BOOST_AUTO_TEST_CASE(results_come_out_in_input_order_whatever_finishes_first) {
    // Each batch waits until the one after it has finished: the last to start is the first
    // done, so the order of completion is the reverse of the input's.
    constexpr std::size_t batches = 4;
    std::vector<std::promise<void>> finished(batches + 1);
    finished[batches].set_value();
    auto s = settings_for(10, batches);
    s.score = [&](const std::vector<ta::document>& documents) {
        const std::size_t index = (std::stoul(documents.front().id) - 1) / 10;
        if (finished[index + 1].get_future().wait_for(hang_guard) != std::future_status::ready) {
            throw std::runtime_error("hung");
        }
        auto results = score_all(documents);
        finished[index].set_value();
        return results;
    };
    counting_source source{batches * 10};
    collected out;
    ta::detail::run_stream(s, std::ref(source), collect_into(out));
    BOOST_TEST(out.ids == ids_1_to(batches * 10), boost::test_tools::per_element());
    // The documents come back with their results, untouched.
    BOOST_TEST(out.texts.back() == "text 40");
}

BOOST_AUTO_TEST_CASE(every_entry_gets_one_record_and_entries_with_errors_keep_their_place) {
    auto s = settings_for(3, 2);
    std::size_t next = 0;
    const ta::stream_source source = [&next](std::vector<ta::stream_entry>& out, std::size_t) {
        // Line 2 and the whole batch of lines 4-5 could not be read.
        ++next;
        if (next == 1) {
            out.push_back({{"1", "a", ""}, {}});
            out.push_back({{"2", "", ""}, ta::document_error{"InvalidInput", "not JSON"}});
            out.push_back({{"3", "c", ""}, {}});
        } else if (next == 2) {
            out.push_back({{"4", "", ""}, ta::document_error{"InvalidInput", "no text"}});
            out.push_back({{"5", "", ""}, ta::document_error{"InvalidInput", "no text"}});
        } else {
            out.push_back({{"6", "f", ""}, {}});
        }
        return next < 3;
    };
    std::vector<std::size_t> batch_sizes;
    std::mutex sizes_mutex;
    s.score = [&](const std::vector<ta::document>& documents) {
        const std::lock_guard lock(sizes_mutex);
        batch_sizes.push_back(documents.size());
        return score_all(documents);
    };
    collected out;
    ta::detail::run_stream(s, source, collect_into(out));
    BOOST_TEST(out.ids == ids_1_to(6), boost::test_tools::per_element());
    BOOST_TEST(out.results[0].ok());
    BOOST_TEST(out.results[1].error->message == "not JSON");
    BOOST_TEST(out.results[3].error->code == "InvalidInput");
    BOOST_TEST(out.results[4].error->message == "no text");
    BOOST_TEST(out.results[5].ok());
    // The entries with errors are never scored.
    std::size_t scored = 0;
    for (const std::size_t size : batch_sizes) {
        scored += size;
    }
    BOOST_TEST(scored == 3U);
}

BOOST_AUTO_TEST_CASE(no_more_than_the_window_is_held_however_long_the_input) {
    auto s = settings_for(10, 4);
    s.options.window = 50;
    counting_source source{5'000};
    std::atomic<std::size_t> delivered{0};
    std::size_t most_held = 0;
    const ta::stream_source watched = [&](std::vector<ta::stream_entry>& out, std::size_t max) {
        most_held = std::max(most_held, source.read - delivered);
        return source(out, max);
    };
    const ta::stream_sink sink = [&](ta::document&&, ta::result&&) { ++delivered; };
    ta::detail::run_stream(s, watched, sink);
    BOOST_TEST(delivered == 5'000U);
    // The feeder reads a batch while below the window: at most one batch past it.
    BOOST_TEST(most_held <= 50U + 10U);
    BOOST_TEST(most_held >= 40U); // it does read ahead
}

BOOST_AUTO_TEST_CASE(a_result_reaches_the_sink_before_more_input_comes) {
    // The second read waits until the first document's record is out: a stream that held the
    // record until more input came would never finish.
    auto s = settings_for(10, 2);
    std::promise<void> first_delivered;
    std::size_t reads = 0;
    const ta::stream_source source = [&](std::vector<ta::stream_entry>& out, std::size_t) {
        if (++reads == 2) {
            if (first_delivered.get_future().wait_for(hang_guard) != std::future_status::ready) {
                throw std::runtime_error("the first record was held back");
            }
        }
        out.push_back({{std::to_string(reads), "x", ""}, {}});
        return reads < 2;
    };
    std::size_t delivered = 0;
    std::size_t caught_up = 0;
    s.options.on_caught_up = [&caught_up] { ++caught_up; };
    const ta::stream_sink sink = [&](ta::document&&, ta::result&&) {
        if (++delivered == 1) {
            first_delivered.set_value();
        }
    };
    ta::detail::run_stream(s, source, sink);
    BOOST_TEST(delivered == 2U);
    BOOST_TEST(caught_up >= 1U);
}

BOOST_AUTO_TEST_CASE(a_batch_that_fails_after_others_were_scored_gives_error_records) {
    auto s = settings_for(10, 1);
    s.batch_failure = records_for_503;
    s.score = [](const std::vector<ta::document>& documents) {
        if (documents.front().id == "11") {
            throw busy();
        }
        return score_all(documents);
    };
    counting_source source{30};
    collected out;
    ta::detail::run_stream(s, std::ref(source), collect_into(out));
    BOOST_TEST(out.ids == ids_1_to(30), boost::test_tools::per_element());
    for (std::size_t i = 0; i < 30; ++i) {
        BOOST_TEST(out.results[i].ok() == (i < 10 || i >= 20), i);
    }
    BOOST_TEST(out.results[10].error->code == "ServiceUnavailable");
    BOOST_TEST(out.texts[15] == "text 16"); // the documents still come back
}

BOOST_AUTO_TEST_CASE(a_first_batch_that_fails_ends_the_run_with_its_error) {
    auto s = settings_for(10, 1);
    s.batch_failure = records_for_503;
    s.score = [](const std::vector<ta::document>&) -> std::vector<ta::result> { throw busy(); };
    counting_source source{30};
    collected out;
    BOOST_CHECK_THROW(ta::detail::run_stream(s, std::ref(source), collect_into(out)),
                      ta::http_error);
    BOOST_TEST(out.ids.empty());
}

BOOST_AUTO_TEST_CASE(failure_after_failure_ends_the_run_after_the_records_before_it) {
    auto s = settings_for(10, 1);
    s.batch_failure = records_for_503;
    std::atomic<int> calls{0};
    s.score = [&calls](const std::vector<ta::document>& documents) {
        ++calls;
        if (documents.front().id != "1") {
            throw busy();
        }
        return score_all(documents);
    };
    counting_source source{1'000};
    collected out;
    BOOST_CHECK_THROW(ta::detail::run_stream(s, std::ref(source), collect_into(out)),
                      ta::http_error);
    const std::size_t limit = ta::detail::consecutive_failures_limit(1);
    // Batch 1 scored, then limit - 1 batches of error records; the next failure ends it.
    BOOST_TEST(calls == static_cast<int>(1 + limit));
    BOOST_TEST_REQUIRE(out.ids.size() == 10 * limit);
    BOOST_TEST(out.ids == ids_1_to(10 * limit), boost::test_tools::per_element());
    BOOST_TEST(!out.results.back().ok());
}

BOOST_AUTO_TEST_CASE(a_failure_that_ends_the_run_keeps_the_records_done_before_it) {
    auto s = settings_for(10, 1);
    s.batch_failure = records_for_503;
    s.score = [](const std::vector<ta::document>& documents) -> std::vector<ta::result> {
        if (documents.front().id == "21") {
            throw ta::http_error(401, "401", "Access denied.", "", "http://x");
        }
        return score_all(documents);
    };
    counting_source source{100};
    collected out;
    BOOST_CHECK_THROW(ta::detail::run_stream(s, std::ref(source), collect_into(out)),
                      ta::http_error);
    BOOST_TEST(out.ids == ids_1_to(20), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(on_stop_releases_a_source_that_waits_for_input) {
    auto s = settings_for(10, 2);
    std::promise<void> stopped;
    s.options.on_stop = [&stopped] { stopped.set_value(); };
    s.score = [](const std::vector<ta::document>&) -> std::vector<ta::result> {
        throw ta::http_error(401, "401", "Access denied.", "", "http://x");
    };
    std::size_t reads = 0;
    const ta::stream_source source = [&](std::vector<ta::stream_entry>& out, std::size_t) {
        if (++reads == 1) {
            out.push_back({{"1", "x", ""}, {}});
            return true;
        }
        // Like a pipe with no more lines yet: only the stop lets it go.
        if (stopped.get_future().wait_for(hang_guard) != std::future_status::ready) {
            throw std::runtime_error("never told to stop");
        }
        return false;
    };
    BOOST_CHECK_THROW(ta::detail::run_stream(s, source, [](ta::document&&, ta::result&&) {}),
                      ta::http_error);
}

BOOST_AUTO_TEST_CASE(a_source_that_throws_ends_the_run_with_its_exception) {
    auto s = settings_for(10, 2);
    std::size_t reads = 0;
    const ta::stream_source source = [&](std::vector<ta::stream_entry>& out, std::size_t) {
        if (++reads == 3) {
            throw std::runtime_error("cannot read standard input");
        }
        out.push_back({{std::to_string(reads), "x", ""}, {}});
        return true;
    };
    collected out;
    BOOST_CHECK_EXCEPTION(ta::detail::run_stream(s, source, collect_into(out)), std::runtime_error,
                          [](const std::runtime_error& e) {
                              return std::string(e.what()) == "cannot read standard input";
                          });
    BOOST_TEST(out.ids.size() <= 2U);
}

BOOST_AUTO_TEST_CASE(a_sink_that_throws_stops_the_scoring) {
    auto s = settings_for(10, 2);
    std::atomic<std::size_t> scored{0};
    s.score = [&scored](const std::vector<ta::document>& documents) {
        scored += documents.size();
        return score_all(documents);
    };
    counting_source source{100'000};
    std::size_t delivered = 0;
    const ta::stream_sink sink = [&delivered](ta::document&&, ta::result&&) {
        if (++delivered == 25) {
            throw std::runtime_error("cannot write the output");
        }
    };
    BOOST_CHECK_THROW(ta::detail::run_stream(s, std::ref(source), sink), std::runtime_error);
    BOOST_TEST(delivered == 25U);
    // What was read ahead and in flight, no more: the window's default is 4 batches a worker.
    BOOST_TEST(scored <= 25U + 4 * 2 * 10 + 2 * 10);
}

BOOST_AUTO_TEST_CASE(an_empty_input_gives_no_records) {
    auto s = settings_for(10, 2);
    counting_source source{0};
    collected out;
    ta::detail::run_stream(s, std::ref(source), collect_into(out));
    BOOST_TEST(out.ids.empty());
}

BOOST_AUTO_TEST_CASE(with_a_caught_up_delay_the_records_are_not_held_while_the_input_waits) {
    // run_stream's workers are real threads: how many calls come before the input waits
    // depends on the scheduler (a reader slowed by the machine's load looks like input that
    // waits). What does not: the records so far are out, and said to be, while it waits, and
    // nothing is called once the input is over. The engine tests below, on a planned engine
    // and a test's clock, check that one call follows many results.
    auto s = settings_for(10, 2);
    s.options.caught_up_delay = std::chrono::hours(1);
    std::atomic<std::size_t> delivered{0};
    std::atomic<bool> input_over{false};
    std::atomic<std::size_t> calls_after_the_input{0};
    std::promise<void> all_out;
    std::atomic<bool> said_all_out{false};
    s.options.on_caught_up = [&] {
        if (input_over) {
            ++calls_after_the_input;
        } else if (delivered == 30 && !said_all_out.exchange(true)) {
            all_out.set_value();
        }
    };
    // Three batches, then an input that waits (a pipe's writer gone quiet) until the records
    // so far are out: a delay of an hour must not hold them back.
    std::size_t reads = 0;
    const ta::stream_source source = [&](std::vector<ta::stream_entry>& out, std::size_t max) {
        if (++reads == 4) {
            if (all_out.get_future().wait_for(hang_guard) != std::future_status::ready) {
                throw std::runtime_error("the records were held back while the input waited");
            }
            input_over = true;
            return false;
        }
        for (std::size_t i = 0; i < max; ++i) {
            const std::string id = std::to_string((reads - 1) * max + i + 1);
            out.push_back({{id, "text", ""}, {}});
        }
        return true;
    };
    const ta::stream_sink sink = [&](ta::document&&, ta::result&&) { ++delivered; };
    ta::detail::run_stream(s, source, sink);
    BOOST_TEST(delivered == 30U);
    BOOST_TEST(said_all_out.load());
    BOOST_TEST(calls_after_the_input == 0U); // nothing came after the last call
}

namespace {

/// A batch engine that scores at once and whose waits say what the test's plan does: finish
/// the next batch, or move the clock to the time the driver asked for.
struct planned_engine final : ta::detail::batch_engine {
    enum class step { finish_one, move_clock_to_until, finish_one_later };
    ta::test::manual_clock& time;
    std::vector<step> plan;
    ta::clock::duration later{}; // how long finish_one_later takes
    std::size_t all_batches;     // none is done before the driver has started them all
    std::size_t next_step = 0;
    std::size_t started_count = 0;
    std::deque<std::pair<std::uint64_t, std::vector<ta::document>>> started;
    std::vector<std::optional<ta::clock::time_point>> untils; // from the planned waits

    planned_engine(ta::test::manual_clock& t, std::vector<step> p, std::size_t batches)
        : time(t), plan(std::move(p)), all_batches(batches) {}

    void start(std::uint64_t tag, std::vector<ta::document> documents) override {
        started.emplace_back(tag, std::move(documents));
        ++started_count;
    }
    void wait(std::vector<done_batch>& done, std::optional<ta::clock::time_point> until) override {
        if (started_count < all_batches) {
            return; // the feeder is still reading: as a wake
        }
        untils.push_back(until);
        const step s = next_step < plan.size() ? plan[next_step++] : step::finish_one;
        if (s == step::move_clock_to_until && until) {
            time.sleep_until(*until);
            return;
        }
        if (s == step::finish_one_later) {
            time.advance(later);
        }
        if (started.empty()) {
            return;
        }
        done_batch d;
        d.tag = started.front().first;
        d.documents = std::move(started.front().second);
        started.pop_front();
        d.results = score_all(d.documents);
        done.push_back(std::move(d));
    }
    void wake() override {}
};

} // namespace

namespace {

/// What run_recording_calls saw: the records handed over, and each on_caught_up call with how
/// many were out by then and when (since the start).
struct recorded_run {
    std::size_t delivered = 0;
    std::vector<std::pair<std::size_t, ta::clock::duration>> calls;
};

/// 30 documents in batches of 10 through `engine`, with `options`' delay and slack.
recorded_run run_recording_calls(planned_engine& engine, ta::test::manual_clock& time,
                                 std::size_t concurrency, ta::stream_options options) {
    ta::detail::batch_engine_settings s;
    s.batch_size = [] { return std::size_t{10}; };
    s.concurrency = concurrency;
    s.engine = &engine;
    s.time = &time;
    s.options = std::move(options);
    recorded_run run;
    const ta::clock::time_point start = time.now();
    s.options.on_caught_up = [&] { run.calls.emplace_back(run.delivered, time.now() - start); };
    counting_source source{30};
    ta::detail::run_batch_engine(s, std::ref(source),
                                 [&](ta::document&&, ta::result&&) { ++run.delivered; });
    return run;
}

} // namespace

BOOST_AUTO_TEST_CASE(on_an_engine_the_caught_up_delay_is_a_deadline_for_its_wait) {
    ta::test::manual_clock time;
    using step = planned_engine::step;
    // Batch 1 done; then nothing until the clock reaches what the driver asked for; then the
    // other two.
    planned_engine engine(time, {step::finish_one, step::move_clock_to_until}, 3);
    ta::stream_options options;
    options.caught_up_delay = std::chrono::milliseconds(50);
    const ta::clock::time_point start = time.now();
    const recorded_run run = run_recording_calls(engine, time, 3, options);
    BOOST_TEST(run.delivered == 30U);
    // The wait before any record had nothing to ask; the one after batch 1 was handed over
    // asked to be back by the delay; after on_caught_up, nothing again; after batch 2, the
    // delay from then.
    BOOST_REQUIRE(engine.untils.size() == 4U);
    BOOST_TEST(!engine.untils[0].has_value());
    BOOST_REQUIRE(engine.untils[1].has_value());
    BOOST_TEST((*engine.untils[1] - start == std::chrono::milliseconds(50)));
    BOOST_TEST(!engine.untils[2].has_value());
    BOOST_REQUIRE(engine.untils[3].has_value());
    BOOST_TEST((*engine.untils[3] - start == std::chrono::milliseconds(100)));
    // on_caught_up came when due, after batch 1 alone, and once more at the end for the rest
    // (the clock stood still after that).
    BOOST_REQUIRE(run.calls.size() == 2U);
    BOOST_TEST(run.calls[0].first == 10U);
    BOOST_TEST((run.calls[0].second == std::chrono::milliseconds(50)));
    BOOST_TEST(run.calls[1].first == 30U);
}

BOOST_AUTO_TEST_CASE(with_a_caught_up_slack_the_call_comes_with_the_next_batch) {
    ta::test::manual_clock time;
    using step = planned_engine::step;
    // Batch 1 done at once; batch 2 60 ms later, after the delay and within the slack; batch 3
    // at once after it.
    planned_engine engine(time, {step::finish_one, step::finish_one_later, step::finish_one}, 3);
    engine.later = std::chrono::milliseconds(60);
    ta::stream_options options;
    options.caught_up_delay = std::chrono::milliseconds(50);
    options.caught_up_slack = std::chrono::milliseconds(50);
    const ta::clock::time_point start = time.now();
    const recorded_run run = run_recording_calls(engine, time, 3, options);
    BOOST_TEST(run.delivered == 30U);
    // The wait after batch 1 asked to be back by the delay and the slack, not by the delay.
    BOOST_REQUIRE(engine.untils.size() == 3U);
    BOOST_TEST(!engine.untils[0].has_value());
    BOOST_REQUIRE(engine.untils[1].has_value());
    BOOST_TEST((*engine.untils[1] - start == std::chrono::milliseconds(100)));
    // The call came as batch 2 woke the driver, past the delay, with both batches' records;
    // and at the end for the last.
    BOOST_REQUIRE(run.calls.size() == 2U);
    BOOST_TEST(run.calls[0].first == 20U);
    BOOST_TEST((run.calls[0].second == std::chrono::milliseconds(60)));
    BOOST_TEST(run.calls[1].first == 30U);
}

BOOST_AUTO_TEST_CASE(without_a_caught_up_delay_an_engine_is_never_given_a_deadline) {
    ta::test::manual_clock time;
    planned_engine engine(time, {}, 1);
    const recorded_run run = run_recording_calls(engine, time, 1, {});
    BOOST_TEST(run.delivered == 30U);
    for (const auto& until : engine.untils) {
        BOOST_TEST(!until.has_value());
    }
    BOOST_TEST(run.calls.size() == 3U); // after each batch, as before
}

BOOST_AUTO_TEST_SUITE_END()
