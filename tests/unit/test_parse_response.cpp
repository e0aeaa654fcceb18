// parse_response: each version's answer goes to its generation's parser.
#include <ostream>
#include <vector>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <ta/error.hpp>

#include "detail/wire.hpp"
#include "wire_examples.hpp"

namespace data = boost::unit_test::data;
using ta::api_version;

namespace {

struct version_answer {
    api_version api;
    std::string body;
    bool scored; // v2: a score, no label
    friend std::ostream& operator<<(std::ostream& out, const version_answer& c) {
        return out << ta::to_string(c.api);
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(parse_response)

BOOST_DATA_TEST_CASE(each_version_reads_its_own_shape,
                     data::make(std::vector<version_answer>{
                         {api_version::language_2025_11_01, ta::test::e3_language_response, false},
                         {api_version::language_2024_11_01, ta::test::e3_language_response, false},
                         {api_version::language_2023_04_01, ta::test::e3_language_response, false},
                         {api_version::language_2022_05_01, ta::test::e3_language_response, false},
                         {api_version::v3_1, ta::test::e2_v3_1_response, false},
                         {api_version::v3_0, ta::test::e1_v3_0_response, false},
                         {api_version::v2_1, ta::test::e9_v2_response, true},
                         {api_version::v2_0, ta::test::e9_v2_response, true},
                     }),
                     c) {
    const auto response = ta::detail::parse_response(c.api, c.body);
    BOOST_TEST_REQUIRE(!response.results.empty());
    BOOST_TEST(response.results[0].id == "1");
    BOOST_TEST(response.results[0].score.has_value() == c.scored);
    BOOST_TEST(response.results[0].sentiment.has_value() == !c.scored);
}

BOOST_DATA_TEST_CASE(another_generations_shape_is_refused,
                     data::make(std::vector<version_answer>{
                         {api_version::language_2023_04_01, ta::test::e2_v3_1_response, false},
                         {api_version::v3_1, ta::test::e9_v2_response, false},
                         {api_version::v3_0, ta::test::e3_language_response, false},
                         {api_version::v2_0, ta::test::e1_v3_0_response, true},
                     }),
                     c) {
    BOOST_CHECK_THROW(ta::detail::parse_response(c.api, c.body), ta::bad_response_error);
}

BOOST_AUTO_TEST_SUITE_END()
