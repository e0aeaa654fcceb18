#define BOOST_TEST_MODULE ta_integration_tests
#include <boost/test/unit_test.hpp>
