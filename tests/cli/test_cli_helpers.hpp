// What the CLI tests share: running the built `ta`, and files in a private temp directory.
#pragma once

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include <unistd.h>

#include "fake_service.hpp"
#include "process.hpp"

namespace ta::cli::test {

/// Runs the built `ta` with `args`.
inline ta::test::process_result run_ta(const std::vector<std::string>& args,
                                       const ta::test::process_options& options = {}) {
    std::vector<std::string> argv{TA_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return ta::test::run_process(argv, options);
}

/// Runs the built `ta` with `args` through /bin/sh, `redirection` (e.g. ">/dev/full") applied to
/// it: what process_options cannot express.
inline ta::test::process_result run_ta_redirected(const std::string& redirection,
                                                  const std::vector<std::string>& args,
                                                  const ta::test::process_options& options = {}) {
    std::vector<std::string> argv{"/bin/sh", "-c", "exec \"$0\" \"$@\" " + redirection, TA_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return ta::test::run_process(argv, options);
}

inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

/// TA_ENDPOINT set to the fake service.
inline ta::test::process_options with_endpoint(const ta::test::fake_service& service) {
    ta::test::process_options options;
    options.environment = {{"TA_ENDPOINT", service.url()}};
    return options;
}

/// TA_ENDPOINT set to the fake service, and `input` on standard input.
inline ta::test::process_options with_input(const ta::test::fake_service& service,
                                            std::string input) {
    auto options = with_endpoint(service);
    options.input = std::move(input);
    return options;
}

/// An answer for the fake service's script().
inline ta::test::scripted_response scripted(int status, std::string body) {
    ta::test::scripted_response response;
    response.status = status;
    response.body = std::move(body);
    return response;
}

/// The lines of `text`, without their '\n' (a last line without one is left out).
inline std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
        lines.push_back(text.substr(start, end - start));
    }
    return lines;
}

/// A fresh directory under the system's temp dir, removed with everything in it.
class temp_dir {
  public:
    temp_dir() {
        static std::atomic<int> counter{0};
        path_ = std::filesystem::temp_directory_path() /
                ("ta-cli-tests-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::create_directories(path_);
    }
    ~temp_dir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;

    /// Writes `content` to `name` in the directory; returns the file's path.
    std::string write(const std::string& name, const std::string& content) const {
        const auto file = path_ / name;
        std::ofstream(file, std::ios::binary) << content;
        return file.string();
    }
    std::string path() const { return path_.string(); }

  private:
    std::filesystem::path path_;
};

} // namespace ta::cli::test
