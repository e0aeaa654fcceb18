// The built `ta` on a terminal (a pseudo-terminal for stdin, stdout and stderr), where a tool
// that colours would: ta prints no colour, with NO_COLOR or without it. The one escape sequence it
// writes is the progress line's erase-line, on standard error, when a progress line is shown.
#include <boost/test/unit_test.hpp>

#include <cerrno>
#include <cstdlib>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

BOOST_AUTO_TEST_SUITE(cli_terminal)

namespace {

struct terminal_run {
    int exit_code = -1;
    std::string screen; ///< all the terminal got, stdout and stderr together
};

/// Runs the built `ta` with `args` on a new pseudo-terminal; NO_COLOR set when `no_color`.
terminal_run run_on_terminal(const std::vector<std::string>& args, bool no_color) {
    // Everything the child needs is made before the fork: after it, only exec is safe.
    std::vector<std::string> environment;
    for (char** variable = environ; *variable != nullptr; ++variable) {
        const std::string entry = *variable;
        const std::string name = entry.substr(0, entry.find('='));
        if (name != "TA_ENDPOINT" && name != "AZURE_LANGUAGE_ENDPOINT" && name != "NO_COLOR" &&
            name != "TERM") {
            environment.push_back(entry);
        }
    }
    environment.emplace_back("TERM=xterm-256color"); // a terminal that could show colour
    if (no_color) {
        environment.emplace_back("NO_COLOR=1");
    }
    std::vector<char*> envp;
    for (auto& entry : environment) {
        envp.push_back(entry.data());
    }
    envp.push_back(nullptr);
    std::vector<std::string> argv_strings{TA_BINARY};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& arg : argv_strings) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);

    int terminal = -1;
    const pid_t child = forkpty(&terminal, nullptr, nullptr, nullptr);
    if (child < 0) {
        throw std::runtime_error("forkpty failed");
    }
    if (child == 0) {
        execve(argv[0], argv.data(), envp.data());
        _exit(127);
    }
    terminal_run run;
    char buffer[4096];
    for (;;) {
        const ssize_t n = read(terminal, buffer, sizeof buffer);
        if (n > 0) {
            run.screen.append(buffer, static_cast<std::size_t>(n));
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else {
            break; // EIO once the child has exited and the terminal is closed
        }
    }
    close(terminal);
    int status = 0;
    waitpid(child, &status, 0);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

/// Select Graphic Rendition: the sequences that colour or embolden text.
bool has_colour(const std::string& text) {
    static const std::regex sgr("\x1b\\[[0-9;]*m");
    return std::regex_search(text, sgr);
}

} // namespace

BOOST_AUTO_TEST_CASE(records_on_a_terminal_have_no_escape_sequences) {
    for (const bool no_color : {false, true}) {
        const auto run =
            run_on_terminal({"The food was great.", "The service was awful."}, no_color);
        BOOST_TEST(run.exit_code == 0);
        BOOST_TEST(run.screen.find("positive") != std::string::npos, run.screen);
        BOOST_TEST(run.screen.find('\x1b') == std::string::npos, run.screen);
    }
}

BOOST_AUTO_TEST_CASE(errors_on_a_terminal_have_no_colour) {
    const auto run = run_on_terminal({"--format", "xml", "x"}, false);
    BOOST_TEST(run.exit_code == 2);
    BOOST_TEST(run.screen.find("unknown --format") != std::string::npos, run.screen);
    BOOST_TEST(run.screen.find('\x1b') == std::string::npos, run.screen);
}

BOOST_AUTO_TEST_CASE(the_progress_line_erases_but_does_not_colour) {
    const auto run = run_on_terminal({"--progress", "The food was great."}, false);
    BOOST_TEST(run.exit_code == 0);
    BOOST_TEST(run.screen.find("\x1b[K") != std::string::npos, run.screen);
    BOOST_TEST(!has_colour(run.screen), run.screen);
}

BOOST_AUTO_TEST_SUITE_END()
