// The CLI's own failures, beside libta's ta::error family. messages.cpp turns every one of them
// into text and an exit code.
#pragma once

#include <cerrno>
#include <stdexcept>
#include <string>

namespace ta::cli {

/// The command line cannot be understood (an unknown option, a bad value).
class command_line_error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// An input cannot be read (a missing file, a directory, an unreadable key file).
class input_error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Standard output cannot be written (a full disk, a closed pipe with SIGPIPE ignored, a closed
/// descriptor): what is left would be lost, so the run stops.
class output_error : public std::runtime_error {
  public:
    /// `reason` is the system's ("No space left on device"); `error_number` its errno.
    explicit output_error(const std::string& reason, int error_number = 0)
        : std::runtime_error("cannot write the output: " + reason), error_number_(error_number) {}
    /// EPIPE: the reader went away (`ta ... | head -1`), which is no news to the user.
    bool reader_left() const noexcept { return error_number_ == EPIPE; }

  private:
    int error_number_;
};

/// Nothing to score: no text arguments, no files, and standard input is a terminal.
class no_input_error : public std::runtime_error {
  public:
    no_input_error() : std::runtime_error("no text to score") {}
};

/// --engine remote, and no endpoint is configured.
class no_endpoint_error : public std::runtime_error {
  public:
    no_endpoint_error() : std::runtime_error("no endpoint configured") {}
};

} // namespace ta::cli
