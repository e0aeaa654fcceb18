// What the CLI tests share: running the built `ta`, and files in a private temp directory.
#pragma once

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include <unistd.h>

#include "process.hpp"

namespace ta::cli::test {

/// Runs the built `ta` with `args`.
inline ta::test::process_result run_ta(const std::vector<std::string>& args,
                                       const ta::test::process_options& options = {}) {
    std::vector<std::string> argv{TA_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return ta::test::run_process(argv, options);
}

inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
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
