#include "process.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>
#include <string_view>

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace ta::test {
namespace {

std::runtime_error system_error(const std::string& what, int error_number) {
    return std::runtime_error(what + ": " + std::strerror(error_number));
}

/// A pipe whose ends are closed on exec (the child gets copies through dup2).
struct pipe_pair {
    int read = -1;
    int write = -1;

    pipe_pair() {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) {
            throw system_error("pipe2", errno);
        }
        read = fds[0];
        write = fds[1];
    }
    ~pipe_pair() {
        close_read();
        close_write();
    }
    pipe_pair(const pipe_pair&) = delete;
    pipe_pair& operator=(const pipe_pair&) = delete;

    void close_read() {
        if (read >= 0) {
            ::close(read);
            read = -1;
        }
    }
    void close_write() {
        if (write >= 0) {
            ::close(write);
            write = -1;
        }
    }
};

/// posix_spawn's attribute and file-action objects, destroyed on every path.
struct spawn_setup {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;

    spawn_setup() {
        posix_spawn_file_actions_init(&actions);
        posix_spawnattr_init(&attributes);
    }
    ~spawn_setup() {
        posix_spawn_file_actions_destroy(&actions);
        posix_spawnattr_destroy(&attributes);
    }
    spawn_setup(const spawn_setup&) = delete;
    spawn_setup& operator=(const spawn_setup&) = delete;
};

bool is_removed(std::string_view entry) {
    constexpr std::array<std::string_view, 5> removed{
        "TA_ENDPOINT", "TA_KEY", "AZURE_LANGUAGE_ENDPOINT", "AZURE_LANGUAGE_KEY", "NO_COLOR"};
    const auto name = entry.substr(0, entry.find('='));
    return std::find(removed.begin(), removed.end(), name) != removed.end();
}

std::vector<std::string> child_environment(const process_options& options) {
    std::vector<std::string> entries;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        const std::string_view text = *entry;
        const auto name = text.substr(0, text.find('='));
        const bool overridden =
            std::any_of(options.environment.begin(), options.environment.end(),
                        [&](const auto& variable) { return variable.first == name; });
        if (!is_removed(text) && !overridden) {
            entries.emplace_back(text);
        }
    }
    for (const auto& [name, value] : options.environment) {
        entries.push_back(name + "=" + value);
    }
    return entries;
}

std::vector<char*> pointers_to(std::vector<std::string>& strings) {
    std::vector<char*> pointers;
    for (auto& s : strings) {
        pointers.push_back(s.data());
    }
    pointers.push_back(nullptr);
    return pointers;
}

/// SIGPIPE blocked in this thread while we write to a child that may have stopped reading; a
/// pending one is consumed before the mask is restored, so it never reaches the test program.
class sigpipe_blocked {
  public:
    sigpipe_blocked() {
        sigset_t pipe_only;
        sigemptyset(&pipe_only);
        sigaddset(&pipe_only, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &pipe_only, &previous_);
    }
    ~sigpipe_blocked() {
        sigset_t pipe_only;
        sigemptyset(&pipe_only);
        sigaddset(&pipe_only, SIGPIPE);
        const timespec no_wait{0, 0};
        while (sigtimedwait(&pipe_only, nullptr, &no_wait) == SIGPIPE) {
        }
        pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
    }
    sigpipe_blocked(const sigpipe_blocked&) = delete;
    sigpipe_blocked& operator=(const sigpipe_blocked&) = delete;

    const sigset_t& previous() const { return previous_; }

  private:
    sigset_t previous_;
};

} // namespace

process_result run_process(const std::vector<std::string>& argv, const process_options& options) {
    if (argv.empty()) {
        throw std::invalid_argument("run_process: argv is empty");
    }
    const sigpipe_blocked no_sigpipe;

    pipe_pair out;
    pipe_pair err;
    std::optional<pipe_pair> in;
    if (options.input) {
        in.emplace();
    }

    spawn_setup setup;
    if (in) {
        posix_spawn_file_actions_adddup2(&setup.actions, in->read, STDIN_FILENO);
    } else {
        posix_spawn_file_actions_addopen(&setup.actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    }
    posix_spawn_file_actions_adddup2(&setup.actions, out.write, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&setup.actions, err.write, STDERR_FILENO);
    if (!options.working_directory.empty()) {
        posix_spawn_file_actions_addchdir_np(&setup.actions, options.working_directory.c_str());
    }
    // The child starts with the signal mask we had before blocking SIGPIPE, and SIGPIPE at its
    // default action, as a program run from a shell would.
    sigset_t default_signals;
    sigemptyset(&default_signals);
    sigaddset(&default_signals, SIGPIPE);
    posix_spawnattr_setsigmask(&setup.attributes, &no_sigpipe.previous());
    posix_spawnattr_setsigdefault(&setup.attributes, &default_signals);
    posix_spawnattr_setflags(&setup.attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    std::vector<std::string> arguments = argv;
    if (options.ignore_sigpipe) {
        // posix_spawn can reset a signal to its default but not ignore it; a shell can, and an
        // ignored signal stays ignored across exec.
        arguments.insert(arguments.begin(), {"/bin/sh", "-c", "trap '' PIPE; exec \"$0\" \"$@\""});
    }
    std::vector<std::string> environment = child_environment(options);
    const auto argument_pointers = pointers_to(arguments);
    const auto environment_pointers = pointers_to(environment);

    pid_t pid = -1;
    const int spawned =
        posix_spawn(&pid, arguments.front().c_str(), &setup.actions, &setup.attributes,
                    argument_pointers.data(), environment_pointers.data());
    if (spawned != 0) {
        throw system_error("cannot start " + argv.front(), spawned);
    }
    out.close_write();
    err.close_write();
    if (in) {
        in->close_read();
        ::fcntl(in->write, F_SETFL, ::fcntl(in->write, F_GETFL) | O_NONBLOCK);
    }

    process_result result;
    const std::string_view input = options.input ? std::string_view(*options.input) : "";
    std::size_t written = 0;
    if (in && input.empty()) {
        in->close_write();
    }
    auto deadline = std::chrono::steady_clock::now() + options.kill_after;
    bool killed = false;
    std::array<char, 65536> buffer;

    // Reading and writing in one loop: a child that fills its stdout before it has read all of
    // its stdin (or the other way round) never waits on us.
    while (out.read >= 0 || err.read >= 0) {
        std::array<pollfd, 3> fds{};
        nfds_t count = 0;
        const auto add = [&](int fd, short events) {
            if (fd >= 0) {
                fds[count++] = pollfd{fd, events, 0};
            }
        };
        add(out.read, POLLIN);
        add(err.read, POLLIN);
        add(in ? in->write : -1, POLLOUT);

        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        const int timeout_ms = static_cast<int>(std::max<std::int64_t>(0, left.count()));
        const int ready = ::poll(fds.data(), count, timeout_ms);
        if (ready < 0) {
            if (errno == EINTR) {
                continue;
            }
            const int error_number = errno;
            ::kill(pid, SIGKILL);
            ::waitpid(pid, nullptr, 0);
            throw system_error("poll", error_number);
        }
        if (ready == 0 && !killed) {
            // The safety net: a hung child must not hang the test run.
            ::kill(pid, SIGKILL);
            killed = true;
            deadline = std::chrono::steady_clock::now() + options.grace_after_kill;
            continue;
        }
        if (ready == 0) {
            // A grandchild still holds the pipes: what it would write is not the child's.
            out.close_read();
            err.close_read();
            break;
        }
        for (nfds_t i = 0; i < count; ++i) {
            const pollfd& p = fds[i];
            if (p.revents == 0) {
                continue;
            }
            if (in && p.fd == in->write) {
                if ((p.revents & (POLLERR | POLLHUP)) != 0) {
                    in->close_write();
                    continue;
                }
                const ssize_t n =
                    ::write(in->write, input.data() + written, input.size() - written);
                if (n > 0) {
                    written += static_cast<std::size_t>(n);
                } else if (n < 0 && errno != EAGAIN && errno != EINTR) {
                    in->close_write(); // EPIPE: the child stopped reading
                }
                if (written == input.size()) {
                    in->close_write();
                }
                continue;
            }
            const bool is_out = p.fd == out.read;
            const ssize_t n = ::read(p.fd, buffer.data(), buffer.size());
            if (n > 0) {
                (is_out ? result.out : result.err)
                    .append(buffer.data(), static_cast<std::size_t>(n));
                if (is_out && options.close_output_after &&
                    result.out.size() >= *options.close_output_after) {
                    out.close_read();
                }
            } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
                is_out ? out.close_read() : err.close_read();
            }
        }
    }
    if (in) {
        in->close_write();
    }

    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            throw system_error("waitpid", errno);
        }
    }
    if (WIFEXITED(status)) {
        result.exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        result.exit_code = -1;
        result.signal_number = WTERMSIG(status);
    }
    return result;
}

} // namespace ta::test
