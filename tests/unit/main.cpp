#define BOOST_TEST_MODULE ta_unit_tests
#include <boost/test/unit_test.hpp>
