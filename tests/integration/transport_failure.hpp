// The transport_error a call throws, for tests that look at its message.
#pragma once

#include <stdexcept>

#include <boost/test/unit_test.hpp>

#include <ta/error.hpp>

namespace ta::test {

/// The transport_error that `call` throws; fails the test when it throws nothing.
template <typename Call> ta::transport_error transport_failure(Call call) {
    try {
        call();
    } catch (const ta::transport_error& e) {
        return e;
    }
    BOOST_FAIL("no transport_error");
    throw std::logic_error("unreachable");
}

} // namespace ta::test
