// The built `ta` as a child that a test talks to while it runs: its stdin a pipe the test writes
// to (and may leave open: a pipe that never ends), its stdout read as it comes, a signal sent
// when the test chooses. For the interruption tests; run_process covers the rest.
#pragma once

#include <cerrno>
#include <chrono>
#include <csignal>
#include <fstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

extern char** environ;

namespace ta::cli::test {

class running_ta {
  public:
    /// Starts TA_BINARY with `args`; `environment` is added to ours (TA_* variables of the
    /// machine are not passed on). SIGINT, SIGTERM and SIGHUP start at their defaults,
    /// unblocked, but for those in `ignored`, which a shell's `trap ''` ignores before it runs ta.
    running_ta(const std::vector<std::string>& args,
               const std::vector<std::pair<std::string, std::string>>& environment,
               const std::vector<int>& ignored = {}) {
        int in[2];
        int out[2];
        int err[2];
        BOOST_REQUIRE(::pipe2(in, O_CLOEXEC) == 0);
        BOOST_REQUIRE(::pipe2(out, O_CLOEXEC) == 0);
        BOOST_REQUIRE(::pipe2(err, O_CLOEXEC) == 0);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
        posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
        posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
        posix_spawnattr_t attributes;
        posix_spawnattr_init(&attributes);
        sigset_t none;
        sigemptyset(&none);
        sigset_t defaults;
        sigemptyset(&defaults);
        for (const int s : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) {
            sigaddset(&defaults, s);
        }
        posix_spawnattr_setsigmask(&attributes, &none);
        posix_spawnattr_setsigdefault(&attributes, &defaults);
        posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

        std::vector<std::string> argv{TA_BINARY};
        if (!ignored.empty()) {
            std::string trap = "trap ''";
            for (const int s : ignored) {
                trap += " " + std::to_string(s);
            }
            argv = {"/bin/sh", "-c", trap + "; exec \"$0\" \"$@\"", TA_BINARY};
        }
        argv.insert(argv.end(), args.begin(), args.end());
        std::vector<std::string> env;
        for (char** entry = environ; *entry != nullptr; ++entry) {
            const std::string text = *entry;
            if (!text.starts_with("TA_") && !text.starts_with("AZURE_LANGUAGE_")) {
                env.push_back(text);
            }
        }
        for (const auto& [name, value] : environment) {
            env.push_back(name + "=" + value);
        }
        std::vector<char*> argp;
        for (auto& a : argv) {
            argp.push_back(a.data());
        }
        argp.push_back(nullptr);
        std::vector<char*> envp;
        for (auto& e : env) {
            envp.push_back(e.data());
        }
        envp.push_back(nullptr);
        const int spawned =
            ::posix_spawn(&pid_, argv[0].c_str(), &actions, &attributes, argp.data(), envp.data());
        posix_spawn_file_actions_destroy(&actions);
        posix_spawnattr_destroy(&attributes);
        ::close(in[0]);
        ::close(out[1]);
        ::close(err[1]);
        in_ = in[1];
        out_ = out[0];
        err_ = err[0];
        BOOST_REQUIRE(spawned == 0);
    }

    ~running_ta() {
        if (!reaped_) {
            ::kill(pid_, SIGKILL);
            wait_for_exit(std::chrono::seconds(30));
        }
        for (int fd : {in_, out_, err_}) {
            if (fd >= 0) {
                ::close(fd);
            }
        }
    }
    running_ta(const running_ta&) = delete;
    running_ta& operator=(const running_ta&) = delete;

    /// Writes `text` to its stdin (blocking; keep it within a pipe's 64 KB or have it read).
    void write(const std::string& text) {
        std::size_t done = 0;
        while (done < text.size()) {
            const ssize_t n = ::write(in_, text.data() + done, text.size() - done);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            BOOST_REQUIRE(n > 0);
            done += static_cast<std::size_t>(n);
        }
    }

    void close_input() {
        ::close(in_);
        in_ = -1;
    }

    /// Reads its stdout until it holds `lines` line breaks or `limit` passes (a safety net);
    /// true when they came.
    bool wait_for_lines(std::size_t lines, std::chrono::milliseconds limit) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (count_lines() < lines) {
            if (!read_some(deadline)) {
                return false;
            }
        }
        return true;
    }

    void signal(int signal_number) { ::kill(pid_, signal_number); }

    /// Whether a file whose path has `name` in it is mapped into it now (/proc's maps): which
    /// libraries it has loaded.
    bool has_mapped(const std::string& name) const {
        std::ifstream maps("/proc/" + std::to_string(pid_) + "/maps");
        std::string line;
        while (std::getline(maps, line)) {
            if (line.find(name) != std::string::npos) {
                return true;
            }
        }
        return false;
    }

    /// Waits until ta runs `count` threads or more (/proc's Threads): its stop-signal thread
    /// starts first thing, the stream's reader once a run is under way; false when `limit`
    /// passed first.
    bool wait_for_threads(int count, std::chrono::milliseconds limit) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < deadline) {
            std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
            std::string line;
            while (std::getline(status, line)) {
                if (line.starts_with("Threads:") && std::stoi(line.substr(8)) >= count) {
                    return true;
                }
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(1)); // a poll, not a wait
        }
        return false;
    }

    /// Waits until ta has taken `signal_number` (no longer pending for the process, /proc's
    /// ShdPnd: its stop-signal thread received it); false when `limit` passed first.
    bool wait_for_signal_taken(int signal_number, std::chrono::milliseconds limit) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        const unsigned long long bit = 1ULL << (signal_number - 1);
        while (std::chrono::steady_clock::now() < deadline) {
            std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
            std::string line;
            while (std::getline(status, line)) {
                if (line.starts_with("ShdPnd:") &&
                    (std::stoull(line.substr(7), nullptr, 16) & bit) == 0) {
                    return true;
                }
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(1)); // a poll, not a wait
        }
        return false;
    }

    /// Waits for it to end, reading the rest of its output; false when `limit` passed first
    /// (it is then killed).
    bool wait_for_exit(std::chrono::milliseconds limit) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (out_ >= 0 && read_some(deadline)) {
        }
        bool in_time = true;
        for (;;) {
            int status = 0;
            const pid_t done = ::waitpid(pid_, &status, WNOHANG);
            if (done == pid_) {
                reaped_ = true;
                exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
                signal_number_ = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
                break;
            }
            if (std::chrono::steady_clock::now() >= deadline) {
                in_time = false;
                ::kill(pid_, SIGKILL);
                ::waitpid(pid_, &status, 0);
                reaped_ = true;
                break;
            }
            ::usleep(10'000);
        }
        drain(err_, err_text_);
        return in_time;
    }

    /// Waits, without reading, until `bytes` of its output wait in the pipe (a full pipe: it is
    /// then blocked writing); false when `limit` passed first.
    bool wait_for_unread_output(int bytes, std::chrono::milliseconds limit) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        for (;;) {
            int waiting = 0;
            if (::ioctl(out_, FIONREAD, &waiting) == 0 && waiting >= bytes) {
                return true;
            }
            if (std::chrono::steady_clock::now() >= deadline) {
                return false;
            }
            ::usleep(10'000);
        }
    }

    /// Whether it ended within `limit` while nobody read its stdout (it is killed otherwise).
    bool exited_unread_within(std::chrono::milliseconds limit) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        for (;;) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                reaped_ = true;
                exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
                signal_number_ = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
                return true;
            }
            if (std::chrono::steady_clock::now() >= deadline) {
                return false;
            }
            ::usleep(10'000);
        }
    }

    const std::string& out() const { return out_text_; }
    const std::string& err() const { return err_text_; }
    int exit_code() const { return exit_code_; }
    int signal_number() const { return signal_number_; }

  private:
    std::size_t count_lines() const {
        std::size_t n = 0;
        for (const char c : out_text_) {
            n += c == '\n' ? 1 : 0;
        }
        return n;
    }

    /// Reads what comes on stdout before `deadline`; false at its end or at the deadline.
    /// stderr is read meanwhile, so that a chatty child never blocks on it.
    bool read_some(std::chrono::steady_clock::time_point deadline) {
        for (;;) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                                  deadline - std::chrono::steady_clock::now())
                                  .count();
            if (left <= 0 || out_ < 0) {
                return false;
            }
            pollfd fds[2] = {{out_, POLLIN, 0}, {err_, POLLIN, 0}};
            const nfds_t count = err_ >= 0 ? 2 : 1;
            if (::poll(fds, count, static_cast<int>(left)) <= 0) {
                continue;
            }
            if (count == 2 && fds[1].revents != 0 && !read_into(err_, err_text_)) {
                ::close(err_);
                err_ = -1;
            }
            if (fds[0].revents != 0) {
                if (!read_into(out_, out_text_)) {
                    ::close(out_);
                    out_ = -1;
                    return false;
                }
                return true;
            }
        }
    }

    static bool read_into(int fd, std::string& text) {
        char buffer[65536];
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n > 0) {
            text.append(buffer, static_cast<std::size_t>(n));
            return true;
        }
        return n < 0 && errno == EINTR;
    }

    static void drain(int& fd, std::string& text) {
        if (fd < 0) {
            return;
        }
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
        while (read_into(fd, text)) {
        }
        ::close(fd);
        fd = -1;
    }

    pid_t pid_ = -1;
    int in_ = -1;
    int out_ = -1;
    int err_ = -1;
    bool reaped_ = false;
    int exit_code_ = -1;
    int signal_number_ = 0;
    std::string out_text_;
    std::string err_text_;
};

} // namespace ta::cli::test
