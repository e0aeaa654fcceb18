// cpp-httplib's server with a listen backlog that a burst of clients does not overflow.
#pragma once

#include <sys/socket.h>

#include <httplib.h>

namespace ta::server {

/// httplib listens with a backlog of 5 (compiled into Debian's library): a burst of clients
/// connecting at once overflows it, and the kernel drops their SYNs, which they send again only a
/// second later. Listening again on the bound socket widens the backlog.
class wide_backlog_server : public httplib::Server {
  public:
    /// Call after binding, before listen_after_bind(). False when the socket would not listen.
    bool widen_backlog() { return ::listen(svr_sock_, SOMAXCONN) == 0; }
};

} // namespace ta::server
