// The unit tests' seam: a transport whose answers come from a function, with every request kept.
#pragma once

#include <functional>
#include <mutex>
#include <utility>
#include <vector>

#include <ta/transport.hpp>

namespace ta::test {

class fake_transport final : public ta::transport {
  public:
    using handler = std::function<ta::http_response(const ta::http_request&)>;
    explicit fake_transport(handler h) : handler_(std::move(h)) {}

    ta::http_response send(const ta::http_request& request) override {
        {
            const std::lock_guard lock(mutex_);
            requests.push_back(request);
        }
        return handler_(request);
    }

    /// Read it when the client is done: the workers append under a lock.
    std::vector<ta::http_request> requests;

  private:
    std::mutex mutex_;
    handler handler_;
};

} // namespace ta::test
