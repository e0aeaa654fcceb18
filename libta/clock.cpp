#include <ta/clock.hpp>

#include <thread>

namespace ta {
namespace {

class real_clock final : public clock {
  public:
    time_point now() override { return std::chrono::steady_clock::now(); }
    void sleep_until(time_point when) override { std::this_thread::sleep_until(when); }
};

} // namespace

std::shared_ptr<clock> steady_clock() {
    static const auto shared = std::make_shared<real_clock>();
    return shared;
}

} // namespace ta
