// cpp-httplib's server as ta-server and the tests' fake service run it: a listen backlog that a
// burst of clients does not overflow, and serving on a thread of its own.
#pragma once

#include <atomic>
#include <thread>

#include <sys/socket.h>

#include <httplib.h>

namespace ta::server {

class httplib_server : public httplib::Server {
  public:
    /// Sends every request, whatever its method and path, to `handler`: with regular expressions
    /// that match any path, so that the Language API's "/language/:analyze-text" is not taken
    /// for a pattern and unknown paths reach the handler (which answers the gateway's 404).
    void route_every_path(const Handler& handler) {
        Get(".*", handler)
            .Post(".*", handler)
            .Put(".*", handler)
            .Patch(".*", handler)
            .Delete(".*", handler)
            .Options(".*", handler);
    }

    /// Stops (as stop()) and joins the serving thread.
    ~httplib_server() override { stop_and_join(); }

    /// After binding: listens with a wide backlog and serves on a thread of its own; returns once
    /// it is running. False (the thread joined) when the socket would not listen or the server
    /// stopped at once.
    bool start() {
        // httplib listens with a backlog of 5 (compiled into Debian's library): a burst of clients
        // connecting at once overflows it, and the kernel drops their SYNs, which they send again
        // only a second later. Listening again on the bound socket widens it.
        if (::listen(svr_sock_, SOMAXCONN) != 0) {
            return false;
        }
        thread_ = std::thread([this] {
            listen_after_bind();
            listen_returned_ = true;
        });
        while (!is_running() && !listen_returned_) {
            std::this_thread::yield();
        }
        if (!is_running()) {
            thread_.join();
            return false;
        }
        return true;
    }

    /// Stops accepting and waits for the requests in progress. Idempotent.
    void stop_and_join() {
        stop();
        if (thread_.joinable()) {
            thread_.join();
        }
    }

  private:
    std::thread thread_;
    std::atomic<bool> listen_returned_{false};
};

} // namespace ta::server
