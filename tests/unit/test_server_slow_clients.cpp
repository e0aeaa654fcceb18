// ta-server's watch on slow clients (--request-timeout): what it holds of the requests being
// answered is bounded by the connections open, whether or not answered() came for each.
#include <chrono>
#include <string>

#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "loopback_listener.hpp"
#include "slow_clients.hpp"

using ta::server::slow_client_watch;
using namespace std::chrono_literals;

namespace {

/// A listening socket on loopback, one client connected to it and the accepted end: the
/// process's connection on the listening port, as a server's is.
class loopback_connection {
  public:
    loopback_connection() {
        const auto listening = ta::test::listen_on_loopback(4);
        listener_ = listening.fd;
        port_ = listening.port;
        client_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        BOOST_REQUIRE(::connect(client_, reinterpret_cast<const sockaddr*>(&listening.address),
                                sizeof listening.address) == 0);
        accepted_ = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
        BOOST_REQUIRE(accepted_ >= 0);
        sockaddr_in client_address{};
        socklen_t client_length = sizeof client_address;
        BOOST_REQUIRE(::getsockname(client_, reinterpret_cast<sockaddr*>(&client_address),
                                    &client_length) == 0);
        client_port_ = ntohs(client_address.sin_port);
    }
    ~loopback_connection() {
        close_accepted();
        ::close(client_);
        ::close(listener_);
    }
    loopback_connection(const loopback_connection&) = delete;
    loopback_connection& operator=(const loopback_connection&) = delete;

    int port() const noexcept { return port_; }
    /// The peer as httplib names the client: its address and port.
    int client_port() const noexcept { return client_port_; }
    void close_accepted() {
        if (accepted_ >= 0) {
            ::close(accepted_);
            accepted_ = -1;
        }
    }

  private:
    int listener_ = -1;
    int client_ = -1;
    int accepted_ = -1;
    int port_ = 0;
    int client_port_ = 0;
};

} // namespace

BOOST_AUTO_TEST_SUITE(server_slow_clients)

BOOST_AUTO_TEST_CASE(peers_answered_without_answered_are_forgotten_once_their_connection_is_gone) {
    const loopback_connection open;
    slow_client_watch watch(open.port(), 1h, false);
    // Requests whose answer never reached answered() (no log line, a failed write): their
    // connections are closed (none of these ports is connected).
    for (int port = 1; port <= 1000; ++port) {
        watch.answering("127.0.0.1", port);
    }
    BOOST_TEST(watch.peers_being_answered() == 1000U);
    watch.scan();
    BOOST_TEST(watch.peers_being_answered() == 0U);
}

BOOST_AUTO_TEST_CASE(a_peer_being_answered_on_an_open_connection_is_kept_until_it_closes) {
    loopback_connection open;
    slow_client_watch watch(open.port(), 1h, false);
    watch.answering("127.0.0.1", open.client_port());
    watch.scan();
    watch.scan();
    BOOST_TEST(watch.peers_being_answered() == 1U);
    open.close_accepted();
    watch.scan();
    BOOST_TEST(watch.peers_being_answered() == 0U);
}

BOOST_AUTO_TEST_CASE(answered_forgets_the_peer_at_once) {
    const loopback_connection open;
    slow_client_watch watch(open.port(), 1h, false);
    watch.answering("127.0.0.1", open.client_port());
    watch.answered("127.0.0.1", open.client_port());
    BOOST_TEST(watch.peers_being_answered() == 0U);
}

BOOST_AUTO_TEST_SUITE_END()
