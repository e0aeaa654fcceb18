// The `ta` command: everything happens in ta::cli::run, which the tests call in-process too.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <iterator>
#include <memory>
#include <mutex>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fd_output.hpp"
#include "run.hpp"

namespace {

/// A standard descriptor that was closed (`ta >&-`) is taken by /dev/null, opened the wrong way
/// round: otherwise the next file or socket ta opens would get the number, and the output would
/// go there. Writing to it still fails, which ta reports.
void occupy_closed_standard_descriptors() {
    for (const int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) {
        if (::fcntl(fd, F_GETFD) == -1) {
            ::open("/dev/null", fd == STDIN_FILENO ? O_WRONLY : O_RDONLY);
        }
    }
}

/// Whether standard input has something to read (or its end) within `limit`.
bool wait_for_stdin(std::chrono::milliseconds limit) {
    pollfd watched{STDIN_FILENO, POLLIN, 0};
    const int ready = ::poll(&watched, 1, static_cast<int>(limit.count()));
    // An error (EINTR, or stdin not pollable) is not worth waiting on: the read will tell.
    return ready != 0;
}

/// The signals that stop ta: SIGINT, SIGTERM and SIGHUP (the terminal closed).
constexpr int stop_signal_numbers[] = {SIGINT, SIGTERM, SIGHUP};

/// The stop signals, each unless it was ignored when ta started (`trap '' INT`, a background job
/// of a script; SIGHUP under nohup), which it stays.
sigset_t stop_signals() {
    sigset_t signals;
    sigemptyset(&signals);
    for (const int signal_number : stop_signal_numbers) {
        struct sigaction current {};
        if (::sigaction(signal_number, nullptr, &current) == 0 && current.sa_handler != SIG_IGN) {
            sigaddset(&signals, signal_number);
        }
    }
    return signals;
}

/// Ends ta as `signal_number` would have, so that the shell sees it (130 for SIGINT) and a
/// script that ran ta stops too, as it would for a program that did not catch the signal.
[[noreturn]] void die_by(int signal_number) {
    std::signal(signal_number, SIG_DFL);
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, signal_number);
    ::pthread_sigmask(SIG_UNBLOCK, &only, nullptr);
    ::raise(signal_number);
    std::_Exit(128 + signal_number);
}

/// The stop signals, received by a thread of their own (they are blocked in every other, which
/// inherit the mask from main). On one, the run's handler ends the output after a whole record,
/// and ta then dies by the signal. A signal that comes before the run has given its handler (ta
/// is still reading its options, its key, opening its files) waits for it, so that the output
/// ends the same way (a json response is closed); ta without a run (--help, a usage error) dies
/// by it as run() returns. The handler gets two seconds; a second signal does not wait for it.
class stop_signal_thread {
  public:
    explicit stop_signal_thread(sigset_t signals) : signals_(signals) {
        // POSIX has no test for an empty set (sigisemptyset is glibc's): ask for each member.
        if (std::any_of(
                std::begin(stop_signal_numbers), std::end(stop_signal_numbers),
                [this](int signal_number) { return sigismember(&signals_, signal_number) == 1; })) {
            ::pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
            std::thread([this] { receive(); }).detach();
        }
    }

    /// The signal received, or 0.
    int received() const noexcept { return received_; }

    /// What io::on_interrupt does: the handler while a run writes, nullptr after.
    void set_handler(std::function<void(int)> handler) {
        {
            const std::lock_guard lock(handler_mutex_);
            handler_ = std::move(handler);
        }
        handler_given_.notify_all();
    }

  private:
    void receive() {
        int received = 0;
        while (sigwait(&signals_, &received) != 0) {
        }
        received_ = received;
        // The handler may wait on a stuck output: it runs on a thread of its own.
        auto done = std::make_shared<std::atomic<bool>>(false);
        std::thread([this, received, done] {
            {
                std::unique_lock lock(handler_mutex_);
                // Before the run gave its handler: it gets the signal as soon as it does. After
                // it took it back, the output is whole and main dies by the signal.
                handler_given_.wait(lock, [this] { return handler_ != nullptr; });
                handler_(received);
            }
            *done = true;
        }).detach();
        const auto limit = std::chrono::steady_clock::now() + std::chrono::seconds(2);
        const timespec slice{0, 20'000'000};
        while (!*done && std::chrono::steady_clock::now() < limit) {
            if (sigtimedwait(&signals_, nullptr, &slice) > 0) {
                break; // asked twice
            }
        }
        die_by(received);
    }

    sigset_t signals_;
    std::atomic<int> received_{0};
    std::mutex handler_mutex_;
    std::condition_variable handler_given_;
    std::function<void(int)> handler_;
};

} // namespace

int main(int argc, char** argv) {
    // Before any thread starts: every thread after this one has the stop signals blocked.
    // Never destroyed: its thread may still wait for a signal while the program exits.
    static stop_signal_thread& stop_signals_thread = *new stop_signal_thread(stop_signals());
    occupy_closed_standard_descriptors();
    // Output is written in large chunks; the C streams are not used.
    std::ios::sync_with_stdio(false);
    // Never destroyed, like the signal thread: a signal may end the output while main returns.
    static std::ostream& out = *new std::ostream(new ta::cli::fd_output_buffer(STDOUT_FILENO));
    const ta::cli::io streams{
        std::cin,
        out,
        std::cerr,
        isatty(STDIN_FILENO) == 1,
        isatty(STDOUT_FILENO) == 1,
        [](const std::string& name) -> std::optional<std::string> {
            const char* value = std::getenv(name.c_str());
            return value == nullptr ? std::nullopt : std::optional<std::string>(value);
        },
        isatty(STDERR_FILENO) == 1,
        wait_for_stdin,
        nullptr,
        [](std::function<void(int)> handler) {
            stop_signals_thread.set_handler(std::move(handler));
        },
        [] {
            struct stat st {};
            return fstat(STDOUT_FILENO, &st) == 0 && S_ISREG(st.st_mode);
        }(),
    };
    const int exit_code = ta::cli::run(argc, argv, streams);
    out.flush(); // run() flushed what it wrote; this is for anything it did not
    // An interrupted run returns as soon as its output is ended: it dies by the signal all the
    // same, whichever thread gets there first.
    if (const int signal_number = stop_signals_thread.received(); signal_number != 0) {
        die_by(signal_number);
    }
    return exit_code;
}
