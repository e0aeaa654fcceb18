#include "slow_clients.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "idle_connections.hpp"

namespace ta::server {
namespace {

using steady = std::chrono::steady_clock;

/// A peer as httplib's Request names it: getnameinfo's numeric host, and the port.
using peer_name = std::pair<std::string, int>;

struct connection {
    int fd = -1;
    ino_t inode = 0; ///< so that a descriptor number used again is not taken for this one
    peer_name peer;
};

int port_of(const sockaddr_storage& address) noexcept {
    if (address.ss_family == AF_INET6) {
        return ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
    }
    return ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
}

ino_t inode_of(int fd) noexcept {
    struct stat status {};
    return ::fstat(fd, &status) == 0 && S_ISSOCK(status.st_mode) ? status.st_ino : 0;
}

/// Whether a whole request head is waiting, unread, in the socket's buffer: a connection still
/// queued for a free thread (the server is busy), not a slow client, whose bytes a serving
/// thread takes as they come.
bool head_waiting(int fd) {
    std::string peeked(16'384, '\0');
    const ssize_t n = ::recv(fd, peeked.data(), peeked.size(), MSG_PEEK | MSG_DONTWAIT);
    return n > 0 &&
           peeked.substr(0, static_cast<std::size_t>(n)).find("\r\n\r\n") != std::string::npos;
}

/// The connections accepted on `port`, each with its peer as httplib names it.
std::vector<connection> watched_connections(int port) {
    std::vector<connection> found;
    for (const int fd : accepted_connections(port)) {
        sockaddr_storage peer{};
        socklen_t peer_length = sizeof peer;
        char host[NI_MAXHOST];
        if (::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_length) != 0 ||
            ::getnameinfo(reinterpret_cast<const sockaddr*>(&peer), peer_length, host, sizeof host,
                          nullptr, 0, NI_NUMERICHOST) != 0) {
            continue;
        }
        if (const ino_t inode = inode_of(fd); inode != 0) {
            found.push_back({fd, inode, {host, port_of(peer)}});
        }
    }
    return found;
}

} // namespace

struct slow_client_watch::impl {
    struct state {
        steady::time_point since; ///< opened, or last answered
        bool answering = false;
        bool seen = false; ///< in the last scan
    };

    int port;
    std::chrono::milliseconds limit;
    mutable std::mutex mutex;
    std::condition_variable wake;
    bool stopping = false;
    std::map<std::pair<ino_t, peer_name>, state> watched;
    /// The peers being answered, each with the scan that was the last to begin before it came.
    /// answered() takes a peer out; a scan too, once its connection is gone, so that what the
    /// set holds is bounded by the connections open, whatever else answers or fails to.
    std::map<peer_name, std::uint64_t> answering_peers;
    std::uint64_t scans = 0; ///< scans begun
    std::thread thread;

    impl(int p, std::chrono::milliseconds l) : port(p), limit(l) {}

    /// How often the connections are looked at: a fifth of the limit, within 10 ms and 1 s.
    std::chrono::milliseconds tick() const {
        return std::clamp(limit / 5, std::chrono::milliseconds(10),
                          std::chrono::milliseconds(1000));
    }

    void run() {
        std::unique_lock lock(mutex);
        while (!wake.wait_for(lock, tick(), [this] { return stopping; })) {
            lock.unlock();
            scan();
            lock.lock();
        }
    }

    void scan() {
        std::unique_lock lock(mutex);
        const std::uint64_t this_scan = ++scans;
        lock.unlock();
        const auto connections = watched_connections(port);
        const auto now = steady::now();
        lock.lock();
        for (auto& [key, s] : watched) {
            s.seen = false;
        }
        std::set<peer_name> open_peers;
        for (const connection& c : connections) {
            open_peers.insert(c.peer);
            auto [it, added] = watched.try_emplace({c.inode, c.peer}, state{now});
            state& s = it->second;
            s.seen = true;
            s.answering = answering_peers.count(c.peer) != 0;
            if (!s.answering && now - s.since > limit && !head_waiting(c.fd) &&
                inode_of(c.fd) == c.inode) {
                // The serving thread sees the end of its reads and closes the connection.
                ::shutdown(c.fd, SHUT_RDWR);
            }
        }
        std::erase_if(watched, [](const auto& entry) { return !entry.second.seen; });
        // A peer whose connection was open before this scan looked (it came before the scan
        // began) and is not among those found: gone, with no answered().
        std::erase_if(answering_peers, [&](const auto& entry) {
            return entry.second < this_scan && open_peers.count(entry.first) == 0;
        });
    }
};

slow_client_watch::slow_client_watch(int port, std::chrono::milliseconds limit, bool own_thread)
    : impl_(std::make_unique<impl>(port, limit)) {
    if (own_thread) {
        impl_->thread = std::thread([this] { impl_->run(); });
    }
}

slow_client_watch::~slow_client_watch() {
    {
        const std::lock_guard lock(impl_->mutex);
        impl_->stopping = true;
    }
    impl_->wake.notify_all();
    if (impl_->thread.joinable()) {
        impl_->thread.join();
    }
}

void slow_client_watch::scan() {
    impl_->scan();
}

std::size_t slow_client_watch::peers_being_answered() const {
    const std::lock_guard lock(impl_->mutex);
    return impl_->answering_peers.size();
}

void slow_client_watch::answering(const std::string& address, int port) {
    const std::lock_guard lock(impl_->mutex);
    impl_->answering_peers.insert_or_assign(peer_name{address, port}, impl_->scans);
}

void slow_client_watch::answered(const std::string& address, int port) {
    const std::lock_guard lock(impl_->mutex);
    const peer_name peer{address, port};
    impl_->answering_peers.erase(peer);
    const auto now = steady::now();
    for (auto& [key, s] : impl_->watched) {
        if (key.second == peer) {
            s.since = now;
            s.answering = false;
        }
    }
}

} // namespace ta::server
