// The progress line on standard error: documents done, their rate, failures, and the time left
// when the input's size is known. On a terminal one line is rewritten in place; elsewhere (when
// asked for with --progress) a line is written now and then.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <ostream>
#include <string>

#include <ta/clock.hpp>

namespace ta::cli {

class progress_meter {
  public:
    /// `fraction_read` says how much of the input has been read (0..1), or nullopt when its
    /// size is unknown (a pipe). `at_once`: shown from the first update, not only once the
    /// run has lasted a moment.
    progress_meter(std::ostream& err, ta::clock& time, bool terminal, bool at_once,
                   std::function<std::optional<double>()> fraction_read);

    /// After each record; cheap when it is not time to redraw.
    void update(std::size_t documents, std::size_t failed);
    /// The final figures, when the line was shown; the line then ends.
    void finish(std::size_t documents, std::size_t failed);

    /// "12,345 documents (3 failed), 1,234/s, about 0:42 left"
    static std::string line(std::size_t documents, std::size_t failed, double seconds,
                            std::optional<double> fraction_read);

  private:
    void draw(std::size_t documents, std::size_t failed, ta::clock::time_point now);

    std::ostream& err_;
    ta::clock& clock_;
    bool terminal_;
    std::function<std::optional<double>()> fraction_read_;
    ta::clock::time_point started_;
    ta::clock::time_point next_draw_;
    bool shown_ = false;
};

} // namespace ta::cli
