#include "progress.hpp"

#include <chrono>
#include <cmath>
#include <utility>

namespace ta::cli {
namespace {

using namespace std::chrono_literals;

// A run shorter than this finishes before a progress line would tell anything.
constexpr auto first_draw_after = 1s;
// Often enough to look alive on a terminal; a log file gets a line a second.
constexpr auto terminal_redraw = 200ms;
constexpr auto log_redraw = 1s;

/// 1234567 as "1,234,567".
std::string grouped(std::size_t n) {
    std::string digits = std::to_string(n);
    for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3) {
        digits.insert(static_cast<std::size_t>(at), ",");
    }
    return digits;
}

/// 42 as "0:42", 3725 as "1:02:05".
std::string clock_time(double seconds) {
    const auto total = static_cast<long long>(std::llround(std::max(0.0, seconds)));
    const long long hours = total / 3600;
    const long long minutes = total / 60 % 60;
    const long long secs = total % 60;
    std::string text;
    if (hours > 0) {
        text = std::to_string(hours) + ":" + (minutes < 10 ? "0" : "");
    }
    text += std::to_string(minutes) + ":" + (secs < 10 ? "0" : "") + std::to_string(secs);
    return text;
}

} // namespace

progress_meter::progress_meter(std::ostream& err, ta::clock& time, bool terminal, bool at_once,
                               std::function<std::optional<double>()> fraction_read)
    : err_(err), clock_(time), terminal_(terminal), fraction_read_(std::move(fraction_read)),
      started_(time.now()), next_draw_(at_once ? started_ : started_ + first_draw_after) {}

std::string progress_meter::line(std::size_t documents, std::size_t failed, double seconds,
                                 std::optional<double> fraction_read) {
    std::string text = "ta: " + grouped(documents) + (documents == 1 ? " document" : " documents");
    if (failed > 0) {
        text += " (" + grouped(failed) + " failed)";
    }
    // Over the first moments a rate says more about the first answer's latency than the run's.
    if (seconds >= 0.5) {
        text += ", " + grouped(static_cast<std::size_t>(std::llround(documents / seconds))) + "/s";
    }
    // Too early, the estimate is noise.
    if (fraction_read && *fraction_read > 0.001 && *fraction_read < 1 && seconds >= 1) {
        text += ", about " + clock_time(seconds * (1 - *fraction_read) / *fraction_read) + " left";
    }
    return text;
}

void progress_meter::update(std::size_t documents, std::size_t failed) {
    const ta::clock::time_point now = clock_.now();
    if (now >= next_draw_) {
        draw(documents, failed, now);
    }
}

void progress_meter::finish(std::size_t documents, std::size_t failed) {
    if (!shown_) {
        return;
    }
    const double seconds = std::chrono::duration<double>(clock_.now() - started_).count();
    const std::string text =
        line(documents, failed, seconds, std::nullopt) + ", done in " + clock_time(seconds);
    err_ << (terminal_ ? "\r" + text + "\x1b[K\n" : text + "\n") << std::flush;
}

void progress_meter::draw(std::size_t documents, std::size_t failed, ta::clock::time_point now) {
    const double seconds = std::chrono::duration<double>(now - started_).count();
    const std::string text =
        line(documents, failed, seconds, fraction_read_ ? fraction_read_() : std::nullopt);
    // On a terminal the line is rewritten in place, the rest of the old one erased.
    err_ << (terminal_ ? "\r" + text + "\x1b[K" : text + "\n") << std::flush;
    shown_ = true;
    next_draw_ = now + (terminal_ ? terminal_redraw : log_redraw);
}

} // namespace ta::cli
