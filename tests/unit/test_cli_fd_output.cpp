#include <cerrno>
#include <ostream>
#include <string>

#include <fcntl.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include "fd_output.hpp"

namespace {

/// Everything readable from `fd` until its writing end is closed.
std::string read_all(int fd) {
    std::string text;
    char chunk[65536];
    for (;;) {
        const ssize_t got = ::read(fd, chunk, sizeof chunk);
        if (got <= 0) {
            return text;
        }
        text.append(chunk, static_cast<std::size_t>(got));
    }
}

/// A temporary file's descriptor, for writing and reading back.
struct temp_file {
    temp_file() {
        char name[] = "/tmp/ta-fd-output-XXXXXX";
        fd = ::mkstemp(name);
        ::unlink(name);
    }
    ~temp_file() { ::close(fd); }
    std::string contents() const {
        ::lseek(fd, 0, SEEK_SET);
        return read_all(fd);
    }
    int fd = -1;
};

} // namespace

BOOST_AUTO_TEST_SUITE(cli_fd_output)

BOOST_AUTO_TEST_CASE(small_and_large_writes_arrive_whole_and_in_order) {
    const temp_file file;
    BOOST_REQUIRE(file.fd >= 0);
    std::string expected;
    {
        ta::cli::fd_output_buffer buffer(file.fd);
        std::ostream out(&buffer);
        // Single characters, pieces that fill the buffer across its end, and writes larger
        // than the buffer, which go out directly.
        for (int i = 0; i < 5000; ++i) {
            out << 'a' << std::string(static_cast<std::size_t>(i % 97), 'b') << i << '\n';
            expected +=
                'a' + std::string(static_cast<std::size_t>(i % 97), 'b') + std::to_string(i) + '\n';
        }
        const std::string big(200'000, 'z');
        out << big;
        expected += big;
        out << "end\n";
        expected += "end\n";
        BOOST_TEST(file.contents().size() < expected.size()); // the tail still buffered
        out.flush();
        BOOST_TEST(static_cast<bool>(out));
    }
    BOOST_TEST(file.contents() == expected);
}

BOOST_AUTO_TEST_CASE(a_failed_write_fails_the_stream_and_keeps_its_errno) {
    const int full = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
    BOOST_REQUIRE(full >= 0);
    {
        ta::cli::fd_output_buffer buffer(full);
        std::ostream out(&buffer);
        out << "a record\n";
        errno = 0;
        out.flush();
        BOOST_TEST(!out);
        BOOST_TEST(errno == ENOSPC);
    }
    ::close(full);
}

BOOST_AUTO_TEST_SUITE_END()
