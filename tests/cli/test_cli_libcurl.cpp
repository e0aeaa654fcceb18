// libcurl is loaded only when a request needs it: a run on the built-in engine, or one that ta's
// own HTTP/1.1 client serves (plain http:// to an address), starts without mapping it and the
// thirty libraries it brings. The built `ta` as a running process, its /proc/PID/maps read while
// a pipe that never ends keeps it running.
#include <chrono>
#include <string>

#include <boost/test/unit_test.hpp>

#include "fake_service.hpp"
#include "running_ta.hpp"

using namespace std::chrono_literals;
using ta::cli::test::running_ta;

BOOST_AUTO_TEST_SUITE(cli_libcurl)

BOOST_AUTO_TEST_CASE(the_built_in_engine_runs_without_libcurl) {
    running_ta ta({"--format", "jsonl"}, {});
    ta.write("I love it\n");
    BOOST_TEST_REQUIRE(ta.wait_for_lines(1, 10s));

    BOOST_TEST(!ta.has_mapped("libcurl"));
    BOOST_TEST(ta.has_mapped("libta"));

    ta.close_input();
    BOOST_TEST(ta.wait_for_exit(10s));
}

BOOST_AUTO_TEST_CASE(plain_http_to_an_address_runs_without_libcurl) {
    const ta::test::fake_service service;
    running_ta ta({"--endpoint", service.url(), "--format", "jsonl"}, {});
    ta.write("I love it\n");
    BOOST_TEST_REQUIRE(ta.wait_for_lines(1, 10s));

    BOOST_TEST(!ta.has_mapped("libcurl"));

    ta.close_input();
    BOOST_TEST(ta.wait_for_exit(10s));
}

BOOST_AUTO_TEST_CASE(with_ta_native_http_0_the_same_run_loads_libcurl) {
    const ta::test::fake_service service;
    running_ta ta({"--endpoint", service.url(), "--format", "jsonl"}, {{"TA_NATIVE_HTTP", "0"}});
    ta.write("I love it\n");
    BOOST_TEST_REQUIRE(ta.wait_for_lines(1, 10s));

    BOOST_TEST(ta.has_mapped("libcurl"));

    ta.close_input();
    BOOST_TEST(ta.wait_for_exit(10s));
}

BOOST_AUTO_TEST_SUITE_END()
