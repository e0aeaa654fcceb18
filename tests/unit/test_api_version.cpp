#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <string>

#include <ta/api_version.hpp>

BOOST_AUTO_TEST_SUITE(api_version)

namespace data = boost::unit_test::data;

static const char* const names[] = {"auto", "2025-11-01", "2024-11-01", "2023-04-01", "2022-05-01",
                                    "v3.1", "v3.0",       "v2.1",       "v2.0"};

BOOST_DATA_TEST_CASE(every_name_round_trips, data::make(names), name) {
    const auto version = ta::parse_api_version(name);
    BOOST_REQUIRE(version.has_value());
    BOOST_TEST(std::string(ta::to_string(*version)) == name);
}

BOOST_AUTO_TEST_CASE(version_numbers_without_the_v_are_accepted) {
    BOOST_TEST((ta::parse_api_version("3.1") == ta::api_version::v3_1));
    BOOST_TEST((ta::parse_api_version("V2.0") == ta::api_version::v2_0));
}

BOOST_DATA_TEST_CASE(unknown_names_are_refused,
                     data::make({"", "v4.0", "v3", "2023-04-15-preview", "latest", "v3.10"}),
                     name) {
    BOOST_TEST(!ta::parse_api_version(name).has_value());
}

BOOST_AUTO_TEST_CASE(generations_follow_the_wire_shapes) {
    BOOST_TEST((ta::generation_of(ta::api_version::v2_0) == ta::api_generation::v2));
    BOOST_TEST((ta::generation_of(ta::api_version::v2_1) == ta::api_generation::v2));
    BOOST_TEST((ta::generation_of(ta::api_version::v3_0) == ta::api_generation::v3));
    BOOST_TEST((ta::generation_of(ta::api_version::v3_1) == ta::api_generation::v3));
    BOOST_TEST(
        (ta::generation_of(ta::api_version::language_2022_05_01) == ta::api_generation::language));
    BOOST_TEST(
        (ta::generation_of(ta::api_version::language_2025_11_01) == ta::api_generation::language));
}

BOOST_AUTO_TEST_CASE(automatic_tries_the_language_api_then_older_generations) {
    const auto& order = ta::automatic_fallback_order();
    BOOST_REQUIRE_EQUAL(order.size(), 5u);
    BOOST_TEST((order[0] == ta::api_version::language_2023_04_01));
    BOOST_TEST((order[1] == ta::api_version::v3_1));
    BOOST_TEST((order[2] == ta::api_version::v3_0));
    BOOST_TEST((order[3] == ta::api_version::v2_1));
    BOOST_TEST((order[4] == ta::api_version::v2_0));
}

BOOST_AUTO_TEST_SUITE_END()
