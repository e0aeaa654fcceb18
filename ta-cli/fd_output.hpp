// Standard output in 64 KiB writes: libstdc++'s cout writes 8 KiB at a time, which for a large
// run is thousands of system calls more.
#pragma once

#include <array>
#include <streambuf>

namespace ta::cli {

/// A write-only stream buffer over a file descriptor. A write that fails leaves errno as the
/// system set it, and the stream sees the failure (badbit), as with cout.
class fd_output_buffer : public std::streambuf {
  public:
    explicit fd_output_buffer(int fd);
    fd_output_buffer(const fd_output_buffer&) = delete;
    fd_output_buffer& operator=(const fd_output_buffer&) = delete;
    ~fd_output_buffer() override;

    /// The errno of the first write that failed (0: none has): the stream's badbit outlives
    /// errno, which the calls after the failure may have changed.
    int first_error() const noexcept { return first_error_; }

  protected:
    int_type overflow(int_type c) override;
    std::streamsize xsputn(const char_type* s, std::streamsize n) override;
    int sync() override;

  private:
    /// Writes all of [data, data + size), or returns false.
    bool write_all(const char* data, std::size_t size);
    /// Writes what is buffered, or returns false.
    bool drain();

    int fd_;
    int first_error_ = 0;
    std::array<char, 64 * 1024> buffer_;
};

} // namespace ta::cli
