// Loopback sockets for transport tests: a port nothing listens on, a listener that never
// accepts.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include "fake_service.hpp"
#include "loopback_listener.hpp"

namespace ta::test {

/// A port on 127.0.0.1 that nothing listens on any more.
inline int closed_port() {
    const fake_service service;
    return service.port();
}

/// A listening socket on 127.0.0.1 whose accept queue is full: the kernel drops further SYNs,
/// so a connect to it hangs until the client's connect timeout, all on loopback.
class full_listener {
  public:
    full_listener() {
        const auto listening = listen_on_loopback(0);
        listener_ = listening.fd;
        port_ = listening.port;
        for (int& filler : fillers_) {
            filler = ::socket(AF_INET, SOCK_STREAM, 0);
            ::fcntl(filler, F_SETFL, O_NONBLOCK);
            ::connect(filler, reinterpret_cast<const sockaddr*>(&listening.address),
                      sizeof listening.address);
        }
    }
    ~full_listener() {
        for (const int filler : fillers_) {
            ::close(filler);
        }
        ::close(listener_);
    }
    full_listener(const full_listener&) = delete;
    full_listener& operator=(const full_listener&) = delete;

    int port() const { return port_; }

  private:
    int listener_ = -1;
    int port_ = 0;
    int fillers_[4] = {-1, -1, -1, -1};
};

} // namespace ta::test
