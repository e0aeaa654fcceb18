// ta-server's command line and its key file.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include "server_options.hpp"

namespace data = boost::unit_test::data;
using ta::server::parse_server_command_line;

namespace {

/// A file with `content`, removed at the end of the test.
class temp_file {
  public:
    explicit temp_file(const std::string& content) {
        path_ = (std::filesystem::temp_directory_path() /
                 ("ta-server-key-" + std::to_string(::getpid()) + "-" + std::to_string(next_++)))
                    .string();
        std::ofstream(path_, std::ios::binary) << content;
    }
    ~temp_file() { std::remove(path_.c_str()); }
    temp_file(const temp_file&) = delete;
    temp_file& operator=(const temp_file&) = delete;
    const std::string& path() const { return path_; }

  private:
    static inline int next_ = 0;
    std::string path_;
};

} // namespace

BOOST_AUTO_TEST_SUITE(server_options)

BOOST_AUTO_TEST_CASE(defaults_are_loopback_port_5000_and_no_key) {
    const auto o = parse_server_command_line({});
    BOOST_TEST(o.host == "127.0.0.1");
    BOOST_TEST(o.port == 5000);
    BOOST_TEST(o.key_file.empty());
    BOOST_TEST(o.threads == 0U);
    BOOST_TEST(o.latency.count() == 0);
}

BOOST_AUTO_TEST_CASE(every_option_is_read) {
    const auto o = parse_server_command_line({"--host", "0.0.0.0", "--port", "0", "--key-file",
                                              "/k", "--threads", "8", "--latency", "50"});
    BOOST_TEST(o.host == "0.0.0.0");
    BOOST_TEST(o.port == 0);
    BOOST_TEST(o.key_file == "/k");
    BOOST_TEST(o.threads == 8U);
    BOOST_TEST(o.latency.count() == 50);
}

BOOST_DATA_TEST_CASE(the_latency_is_read_in_milliseconds, data::make({"0", "1", "250", "60000"}),
                     milliseconds) {
    const auto o = parse_server_command_line({"--latency", milliseconds});
    BOOST_TEST(o.latency.count() == std::stoi(milliseconds));
}

BOOST_AUTO_TEST_CASE(the_last_of_a_repeated_option_wins) {
    BOOST_TEST(parse_server_command_line({"--port", "1", "--port", "2"}).port == 2);
}

// Arguments separated by '|' ("--host|" is --host with an empty value).
BOOST_DATA_TEST_CASE(bad_values_are_usage_errors,
                     data::make({"--port|65536", "--port|-1", "--port|http", "--threads|0",
                                 "--host|", "--key-file|", "--nope", "stray", "--port",
                                 "--latency|-1", "--latency|60001", "--latency|50ms",
                                 "--latency|0.5", "--latency"}),
                     joined) {
    std::vector<std::string> args;
    std::string rest = joined;
    for (std::size_t bar; (bar = rest.find('|')) != std::string::npos; rest.erase(0, bar + 1)) {
        args.push_back(rest.substr(0, bar));
    }
    args.push_back(rest);
    BOOST_CHECK_THROW(parse_server_command_line(args), ta::server::usage_error);
}

BOOST_AUTO_TEST_CASE(an_unknown_option_is_named) {
    try {
        parse_server_command_line({"--port", "0", "--prot", "1"});
        BOOST_FAIL("no exception");
    } catch (const ta::server::usage_error& e) {
        BOOST_TEST(std::string(e.what()) == "unknown option '--prot'");
    }
}

BOOST_AUTO_TEST_CASE(help_is_asked_for) {
    BOOST_TEST(parse_server_command_line({"--help"}).show_help);
    BOOST_TEST(parse_server_command_line({"-h"}).show_help);
}

BOOST_AUTO_TEST_CASE(help_names_every_option) {
    const auto text = ta::server::server_help_text();
    for (const char* option :
         {"--host", "--port", "--key-file", "--threads", "--latency", "--version"}) {
        BOOST_TEST(text.find(option) != std::string::npos, option);
    }
}

BOOST_AUTO_TEST_CASE(the_key_file_is_trimmed) {
    const temp_file file("  s3cret \n");
    BOOST_TEST(ta::server::read_server_key_file(file.path()) == "s3cret");
}

BOOST_AUTO_TEST_CASE(an_empty_key_file_is_a_usage_error) {
    const temp_file file(" \n");
    BOOST_CHECK_THROW(ta::server::read_server_key_file(file.path()), ta::server::usage_error);
}

BOOST_AUTO_TEST_CASE(a_missing_key_file_names_the_file) {
    try {
        ta::server::read_server_key_file("/nonexistent/ta-key");
        BOOST_FAIL("no exception");
    } catch (const ta::server::usage_error& e) {
        BOOST_TEST(std::string(e.what()) ==
                   "cannot read the key file '/nonexistent/ta-key': No such file or directory");
    }
}

BOOST_AUTO_TEST_CASE(a_directory_is_not_a_key_file) {
    BOOST_CHECK_THROW(ta::server::read_server_key_file("/"), ta::server::usage_error);
}

BOOST_AUTO_TEST_SUITE_END()
