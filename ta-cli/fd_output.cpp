#include "fd_output.hpp"

#include <cerrno>
#include <cstring>

#include <unistd.h>

namespace ta::cli {

fd_output_buffer::fd_output_buffer(int fd) : fd_(fd) {
    setp(buffer_.data(), buffer_.data() + buffer_.size());
}

fd_output_buffer::~fd_output_buffer() {
    drain();
}

bool fd_output_buffer::write_all(const char* data, std::size_t size) {
    while (size > 0) {
        const ssize_t written = ::write(fd_, data, size);
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (first_error_ == 0) {
                first_error_ = errno;
            }
            return false;
        }
        data += written;
        size -= static_cast<std::size_t>(written);
    }
    return true;
}

bool fd_output_buffer::drain() {
    const auto size = static_cast<std::size_t>(pptr() - pbase());
    // What could not be written is dropped either way: the stream has failed, and a retry
    // would only write the same bytes twice around a gap.
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return write_all(buffer_.data(), size);
}

fd_output_buffer::int_type fd_output_buffer::overflow(int_type c) {
    if (!drain()) {
        return traits_type::eof();
    }
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
        *pptr() = traits_type::to_char_type(c);
        pbump(1);
    }
    return traits_type::not_eof(c);
}

std::streamsize fd_output_buffer::xsputn(const char_type* s, std::streamsize n) {
    const auto size = static_cast<std::size_t>(n);
    const auto room = static_cast<std::size_t>(epptr() - pptr());
    if (size <= room) {
        std::memcpy(pptr(), s, size);
        pbump(static_cast<int>(n));
        return n;
    }
    if (!drain()) {
        return 0;
    }
    if (size >= buffer_.size() / 2) {
        return write_all(s, size) ? n : 0;
    }
    std::memcpy(pptr(), s, size);
    pbump(static_cast<int>(n));
    return n;
}

int fd_output_buffer::sync() {
    return drain() ? 0 : -1;
}

} // namespace ta::cli
