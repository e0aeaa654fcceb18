#define BOOST_TEST_MODULE ta_cli_tests
#include <boost/test/unit_test.hpp>
