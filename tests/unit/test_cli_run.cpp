#include <atomic>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

#include <unistd.h>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <ta/version.hpp>

#include "run.hpp"

namespace {

/// run() in-process, with string streams and a made-up environment.
struct invocation {
    std::istringstream in;
    std::ostringstream out;
    std::ostringstream err;
    std::map<std::string, std::string> environment;
    bool stdin_is_terminal = false;
    bool stderr_is_terminal = false;
    std::shared_ptr<ta::clock> time;

    int run(const std::vector<std::string>& args) {
        const ta::cli::io streams{in,
                                  out,
                                  err,
                                  stdin_is_terminal,
                                  false,
                                  [this](const std::string& name) -> std::optional<std::string> {
                                      const auto it = environment.find(name);
                                      if (it == environment.end()) {
                                          return std::nullopt;
                                      }
                                      return it->second;
                                  },
                                  stderr_is_terminal,
                                  nullptr,
                                  time,
                                  nullptr};
        return ta::cli::run(args, streams);
    }
};

/// A stream buffer for a disk that is full: every write fails with ENOSPC.
class full_disk final : public std::streambuf {
  protected:
    int_type overflow(int_type) override {
        errno = ENOSPC;
        return traits_type::eof();
    }
    std::streamsize xsputn(const char*, std::streamsize) override {
        errno = ENOSPC;
        return 0;
    }
};

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::string temp_path(const std::string& stem) {
    static std::atomic<int> counter{0};
    return (std::filesystem::temp_directory_path() /
            ("ta-cli-run-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + stem))
        .string();
}

} // namespace

BOOST_AUTO_TEST_SUITE(cli_run)

BOOST_AUTO_TEST_CASE(help_goes_to_standard_output_and_exits_0) {
    invocation ta;
    BOOST_TEST(ta.run({"--help"}) == 0);
    BOOST_TEST(contains(ta.out.str(), "Usage: ta"));
    BOOST_TEST(ta.err.str().empty());
}

BOOST_AUTO_TEST_CASE(version_names_ta_and_libcurl) {
    invocation ta;
    BOOST_TEST(ta.run({"--version"}) == 0);
    BOOST_TEST(ta.out.str().rfind("ta " TA_VERSION_STRING "\nlibcurl ", 0) == 0U);
}

BOOST_AUTO_TEST_CASE(no_input_from_a_terminal_is_a_usage_error) {
    invocation ta;
    ta.stdin_is_terminal = true;
    ta.environment["TA_ENDPOINT"] = "http://127.0.0.1:1";
    BOOST_TEST(ta.run({}) == 2);
    BOOST_TEST(contains(ta.err.str(), "ta: no text to score"));
    BOOST_TEST(contains(ta.err.str(), "Run 'ta --help' for usage."));
    BOOST_TEST(ta.out.str().empty());
}

BOOST_AUTO_TEST_CASE(no_endpoint_scores_with_the_built_in_engine) {
    invocation ta;
    BOOST_TEST(ta.run({"good"}) == 0);
    BOOST_TEST(ta.out.str() == "1    positive  pos 0.72  neu 0.28  neg 0.00  good\n"
                               "-- scored by the built-in engine (VADER 3.3.2)\n");
    BOOST_TEST(ta.err.str().empty());
}

BOOST_AUTO_TEST_CASE(an_empty_endpoint_variable_counts_as_unset) {
    invocation ta;
    ta.environment["TA_ENDPOINT"] = "";
    BOOST_TEST(ta.run({"good"}) == 0);
    BOOST_TEST(contains(ta.out.str(), "-- scored by the built-in engine"));
}

BOOST_AUTO_TEST_CASE(engine_builtin_ignores_a_configured_endpoint) {
    invocation ta;
    ta.environment["TA_ENDPOINT"] = "http://127.0.0.1:1";
    BOOST_TEST(ta.run({"--engine", "builtin", "good"}) == 0);
    BOOST_TEST(contains(ta.out.str(), "1    positive"));
}

BOOST_AUTO_TEST_CASE(engine_remote_without_an_endpoint_explains_how_to_configure_one) {
    invocation ta;
    BOOST_TEST(ta.run({"--engine", "remote", "good"}) == 2);
    BOOST_TEST(contains(ta.err.str(), "TA_ENDPOINT"));
    BOOST_TEST(contains(ta.err.str(), "http://localhost:5000"));
    BOOST_TEST(ta.out.str().empty());
}

BOOST_DATA_TEST_CASE(service_options_without_an_endpoint_are_a_usage_error,
                     boost::unit_test::data::make({"--api", "--model-version", "--cacert"}) ^
                         boost::unit_test::data::make({"v3.1", "latest", "/etc/ta-ca.pem"}),
                     option, value) {
    invocation ta;
    BOOST_TEST(ta.run({option, value, "good"}) == 2);
    BOOST_TEST(contains(ta.err.str(), std::string(option) + " is for the service"));
    BOOST_TEST(contains(ta.err.str(), "no endpoint is configured"));
    BOOST_TEST(ta.out.str().empty());
}

BOOST_AUTO_TEST_CASE(a_missing_file_is_reported_before_the_endpoint) {
    invocation ta;
    const std::string missing = temp_path("-missing.txt");
    BOOST_TEST(ta.run({"-f", missing}) == 2);
    BOOST_TEST(ta.err.str() == "ta: cannot read '" + missing + "': No such file or directory\n");
}

BOOST_AUTO_TEST_CASE(a_missing_key_file_exits_2) {
    invocation ta;
    ta.environment["TA_ENDPOINT"] = "http://127.0.0.1:1";
    const std::string missing = temp_path("-key");
    BOOST_TEST(ta.run({"--key-file", missing, "good"}) == 2);
    BOOST_TEST(ta.err.str() ==
               "ta: cannot read the key file '" + missing + "': No such file or directory\n");
}

BOOST_AUTO_TEST_CASE(an_empty_key_file_exits_2) {
    invocation ta;
    ta.environment["TA_ENDPOINT"] = "http://127.0.0.1:1";
    const std::string path = temp_path("-key");
    std::ofstream(path) << " \n";
    const int code = ta.run({"--key-file", path, "good"});
    std::filesystem::remove(path);
    BOOST_TEST(code == 2);
    BOOST_TEST(ta.err.str() == "ta: the key file '" + path + "' is empty\n");
}

BOOST_AUTO_TEST_CASE(a_key_file_that_is_a_directory_says_so) {
    invocation ta;
    ta.environment["TA_ENDPOINT"] = "http://127.0.0.1:1";
    const std::string directory = std::filesystem::temp_directory_path().string();
    BOOST_TEST(ta.run({"--key-file", directory, "good"}) == 2);
    BOOST_TEST(ta.err.str() ==
               "ta: cannot read the key file '" + directory + "': Is a directory\n");
}

BOOST_AUTO_TEST_CASE(help_that_cannot_be_written_exits_2_with_the_reason) {
    full_disk disk;
    std::ostream out(&disk);
    std::istringstream in;
    std::ostringstream err;
    const ta::cli::io streams{in,      out,   err,     false,   false,
                              nullptr, false, nullptr, nullptr, nullptr};
    BOOST_TEST(ta::cli::run(std::vector<std::string>{"--help"}, streams) == 2);
    BOOST_TEST(err.str() == "ta: cannot write the output: No space left on device\n");
}

BOOST_AUTO_TEST_CASE(a_mistyped_option_exits_2_with_the_help_hint) {
    invocation ta;
    BOOST_TEST(ta.run({"--formt", "csv", "good"}) == 2);
    BOOST_TEST(contains(ta.err.str(), "--formt"));
    BOOST_TEST(contains(ta.err.str(), "Run 'ta --help' for usage."));
}

BOOST_AUTO_TEST_SUITE_END()
