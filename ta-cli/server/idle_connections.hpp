// Ending the kept-alive connections of a server that is stopping: httplib waits for each idle
// one to time out (5 s) before its threads finish.
#pragma once

#include <vector>

namespace ta::server {

/// The descriptors of this process's TCP connections whose local port is `port` and that have
/// a peer: the connections a server on `port` accepted (its listening socket has no peer).
/// Linux (/proc/self/fd); elsewhere none.
std::vector<int> accepted_connections(int port);

/// Shuts down the reading side of every TCP connection of this process whose local port is
/// `port` (the connections the server accepted): one waiting for its next request sees the end
/// and closes; one in the middle of an answer still writes it. Linux (/proc/self/fd); elsewhere
/// it does nothing.
void end_reading_connections(int port) noexcept;

} // namespace ta::server
