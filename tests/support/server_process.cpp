#include "server_process.hpp"

#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace ta::test {
namespace {

std::runtime_error system_error(const std::string& what, int error_number) {
    return std::runtime_error(what + ": " + std::strerror(error_number));
}

void close_fd(int& fd) {
    if (fd >= 0) {
        ::close(fd);
        fd = -1;
    }
}

/// Reads what is there on `fd` into `into`; false at end of file (or an error).
bool read_some(int fd, std::string& into) {
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n > 0) {
            into.append(buffer, static_cast<std::size_t>(n));
            return true;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        return false;
    }
}

/// Waits until `fd` can be read, for at most `limit`; false when the time ran out.
bool wait_readable(int fd, std::chrono::milliseconds limit) {
    pollfd entry{fd, POLLIN, 0};
    for (;;) {
        const int ready = ::poll(&entry, 1, static_cast<int>(limit.count()));
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        return ready > 0;
    }
}

} // namespace

struct server_process::impl {
    pid_t pid = -1;
    int out_fd = -1;
    int err_fd = -1;
    std::string first_line;
    std::string url;
    std::mutex mutex;
    std::string out; ///< after the first line
    std::string err;
    std::thread out_reader;
    std::thread err_reader;
    bool reaped = false;
    process_result result;

    void drain(int fd, std::string& into) {
        std::string chunk;
        while (read_some(fd, chunk)) {
            const std::lock_guard lock(mutex);
            into += chunk;
            chunk.clear();
        }
    }

    void join_readers() {
        if (out_reader.joinable()) {
            out_reader.join();
        }
        if (err_reader.joinable()) {
            err_reader.join();
        }
        close_fd(out_fd);
        close_fd(err_fd);
    }

    void reap() {
        if (reaped) {
            return;
        }
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        reaped = true;
        if (WIFEXITED(status)) {
            result.exit_code = WEXITSTATUS(status);
        } else if (WIFSIGNALED(status)) {
            result.signal_number = WTERMSIG(status);
        }
    }
};

server_process::server_process(const std::vector<std::string>& argv,
                               std::chrono::milliseconds startup_limit)
    : impl_(std::make_unique<impl>()) {
    int out_pipe[2];
    int err_pipe[2];
    if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
        throw system_error("pipe2", errno);
    }
    if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
        const int error_number = errno;
        ::close(out_pipe[0]);
        ::close(out_pipe[1]);
        throw system_error("pipe2", error_number);
    }
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attributes);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
    // The child starts with no signal blocked and the stop signals at their defaults, whatever
    // the test program does with them.
    sigset_t none;
    sigemptyset(&none);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    std::vector<std::string> args = argv;
    std::vector<char*> pointers;
    for (auto& a : args) {
        pointers.push_back(a.data());
    }
    pointers.push_back(nullptr);
    const int spawned = ::posix_spawn(&impl_->pid, args.at(0).c_str(), &actions, &attributes,
                                      pointers.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    impl_->out_fd = out_pipe[0];
    impl_->err_fd = err_pipe[0];
    if (spawned != 0) {
        close_fd(impl_->out_fd);
        close_fd(impl_->err_fd);
        impl_->reaped = true;
        throw system_error("cannot start " + args.at(0), spawned);
    }
    impl_->err_reader = std::thread([this] { impl_->drain(impl_->err_fd, impl_->err); });

    std::string start;
    const auto deadline = std::chrono::steady_clock::now() + startup_limit;
    bool ended = false;
    while (start.find('\n') == std::string::npos && !ended) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0 || !wait_readable(impl_->out_fd, left)) {
            break;
        }
        ended = !read_some(impl_->out_fd, start);
    }
    const auto newline = start.find('\n');
    const std::string prefix = "listening on ";
    if (newline == std::string::npos || start.compare(0, prefix.size(), prefix) != 0) {
        ::kill(impl_->pid, SIGKILL);
        impl_->reap();
        impl_->join_readers();
        throw std::runtime_error(args.at(0) + " did not start: stdout \"" + start +
                                 "\", stderr \"" + impl_->err + "\"");
    }
    impl_->first_line = start.substr(0, newline);
    impl_->url = impl_->first_line.substr(prefix.size());
    impl_->out = start.substr(newline + 1);
    impl_->out_reader = std::thread([this] { impl_->drain(impl_->out_fd, impl_->out); });
}

server_process::~server_process() {
    if (!impl_->reaped) {
        ::kill(impl_->pid, SIGKILL);
        impl_->reap();
    }
    impl_->join_readers();
}

const std::string& server_process::url() const noexcept {
    return impl_->url;
}

const std::string& server_process::first_line() const noexcept {
    return impl_->first_line;
}

process_result server_process::stop(int signal_number, std::chrono::milliseconds kill_after) {
    if (!impl_->reaped) {
        ::kill(impl_->pid, signal_number);
        // waitpid blocks; a thread does it while this one waits with the safety limit.
        std::mutex mutex;
        std::condition_variable exited;
        bool done = false;
        std::thread waiter([&] {
            impl_->reap();
            const std::lock_guard lock(mutex);
            done = true;
            exited.notify_all();
        });
        {
            std::unique_lock lock(mutex);
            if (!exited.wait_for(lock, kill_after, [&] { return done; })) {
                ::kill(impl_->pid, SIGKILL);
            }
        }
        waiter.join();
    }
    impl_->join_readers();
    process_result result = impl_->result;
    const std::lock_guard lock(impl_->mutex);
    result.out = impl_->out;
    result.err = impl_->err;
    return result;
}

} // namespace ta::test
