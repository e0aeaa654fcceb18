#include "idle_connections.hpp"

#include <charconv>
#include <filesystem>
#include <string>
#include <system_error>

#include <netinet/in.h>
#include <sys/socket.h>

namespace ta::server {
namespace {

int local_port(int fd) noexcept {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        return -1;
    }
    if (address.ss_family == AF_INET) {
        return ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
    }
    if (address.ss_family == AF_INET6) {
        return ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
    }
    return -1;
}

bool is_connected_stream(int fd) noexcept {
    int type = 0;
    socklen_t length = sizeof type;
    if (::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &length) != 0 || type != SOCK_STREAM) {
        return false;
    }
    sockaddr_storage peer{};
    socklen_t peer_length = sizeof peer;
    return ::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_length) == 0;
}

} // namespace

std::vector<int> accepted_connections(int port) {
    std::vector<int> found;
    std::error_code error;
    std::filesystem::directory_iterator entries("/proc/self/fd", error);
    for (; !error && entries != std::filesystem::directory_iterator(); entries.increment(error)) {
        const std::string name = entries->path().filename().string();
        int fd = -1;
        const auto [end, failure] = std::from_chars(name.data(), name.data() + name.size(), fd);
        if (failure != std::errc() || end != name.data() + name.size()) {
            continue;
        }
        // The listening socket has no peer; a client's socket has another local port.
        if (local_port(fd) == port && is_connected_stream(fd)) {
            found.push_back(fd);
        }
    }
    return found;
}

void end_reading_connections(int port) noexcept {
    try {
        for (const int fd : accepted_connections(port)) {
            ::shutdown(fd, SHUT_RD);
        }
    } catch (...) {
        // Out of memory: the idle connections then end at their timeout.
    }
}

} // namespace ta::server
