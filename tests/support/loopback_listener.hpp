// A TCP socket listening on 127.0.0.1, on a port the kernel picks: for the tests that need a
// listener of their own, not a server.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <boost/test/unit_test.hpp>

namespace ta::test {

struct loopback_listener {
    int fd = -1;
    sockaddr_in address{}; ///< where it listens, for connect()
    int port = 0;
};

/// Listens with `backlog`; the caller closes `fd`.
inline loopback_listener listen_on_loopback(int backlog) {
    loopback_listener l;
    l.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    BOOST_TEST_REQUIRE(l.fd >= 0);
    l.address.sin_family = AF_INET;
    l.address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof l.address;
    BOOST_TEST_REQUIRE(::bind(l.fd, reinterpret_cast<sockaddr*>(&l.address), length) == 0);
    BOOST_TEST_REQUIRE(::listen(l.fd, backlog) == 0);
    BOOST_TEST_REQUIRE(::getsockname(l.fd, reinterpret_cast<sockaddr*>(&l.address), &length) == 0);
    l.port = ntohs(l.address.sin_port);
    return l;
}

} // namespace ta::test
