// Slow clients (slowloris): httplib's read timeout is per read, so a client that sends a byte
// every few seconds, or a body that trickles, holds a serving thread for ever, and enough of them
// hold them all. The watch gives each request a deadline of its own and closes the connections
// that miss it.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace ta::server {

class slow_client_watch {
  public:
    /// Watches the connections this process accepted on `port`: each must deliver a whole
    /// request (headers and body) within `limit` of its opening or of its previous answer, or
    /// it is shut down (no answer: the client is not reading one). Linux (/proc/self/fd). The
    /// connections are looked at on a thread of the watch's, a fifth of `limit` apart; without
    /// `own_thread`, only when scan() is called (for the tests).
    slow_client_watch(int port, std::chrono::milliseconds limit, bool own_thread = true);
    /// Stops the watch and joins its thread.
    ~slow_client_watch();
    slow_client_watch(const slow_client_watch&) = delete;
    slow_client_watch& operator=(const slow_client_watch&) = delete;

    /// The request from this peer (as httplib names it: numeric address, port) has arrived
    /// whole and is being answered: no deadline until answered().
    void answering(const std::string& address, int port);
    /// Its answer went out: the next request's deadline starts now. A peer whose connection
    /// closes without it is forgotten all the same, at the next scan.
    void answered(const std::string& address, int port);

    /// Looks at the connections once: cuts off those late, forgets the peers that are gone.
    void scan();
    /// The peers answering() named that are still held.
    std::size_t peers_being_answered() const;

  private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace ta::server
