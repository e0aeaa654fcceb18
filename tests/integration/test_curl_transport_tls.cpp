// TLS through the real libcurl transport against an HTTPS server on loopback, with a certificate
// made for the test: verification is on, and a CA file is how a private certificate is trusted.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

#include <httplib.h>

#include <ta/error.hpp>
#include <ta/transport.hpp>

#include "test_certificate.hpp"

BOOST_AUTO_TEST_SUITE(curl_transport_tls)

namespace {

using ta::test::temporary_directory;
using ta::test::test_certificate;

/// An HTTPS server on 127.0.0.1 (port 0) that answers every POST with `{"ok":true}`.
class https_server {
  public:
    explicit https_server(const test_certificate& identity)
        : server_(identity.certificate.get(), identity.key.get()) {
        if (!server_.is_valid()) {
            throw std::runtime_error("the HTTPS server could not use the test certificate");
        }
        server_.Post(".*", [](const httplib::Request&, httplib::Response& response) {
            response.set_content(R"({"ok":true})", "application/json");
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        if (port_ <= 0) {
            throw std::runtime_error("cannot bind a port on 127.0.0.1");
        }
        thread_ = std::thread([this] {
            server_.listen_after_bind();
            listen_returned_ = true;
        });
        while (!server_.is_running() && !listen_returned_) {
            std::this_thread::yield();
        }
    }
    ~https_server() {
        server_.stop();
        thread_.join();
    }
    https_server(const https_server&) = delete;
    https_server& operator=(const https_server&) = delete;

    std::string url() const { return "https://127.0.0.1:" + std::to_string(port_) + "/"; }

  private:
    httplib::SSLServer server_;
    int port_ = 0;
    std::atomic<bool> listen_returned_{false};
    std::thread thread_;
};

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

ta::http_request post_to(const std::string& url) {
    return {"POST", url, {{"Content-Type", "application/json"}}, "{}"};
}

} // namespace

BOOST_AUTO_TEST_CASE(certificate_the_system_does_not_trust_is_a_tls_problem) {
    const test_certificate identity("IP:127.0.0.1");
    https_server server(identity);
    const auto http = ta::make_curl_transport();

    try {
        http->send(post_to(server.url()));
        BOOST_FAIL("no transport_error");
    } catch (const ta::transport_error& e) {
        BOOST_TEST(contains(e.what(), "TLS problem with 127.0.0.1:"), e.what());
        BOOST_TEST(!e.timed_out());
    }
}

BOOST_AUTO_TEST_CASE(certificate_in_the_ca_file_is_trusted) {
    const test_certificate identity("IP:127.0.0.1");
    const temporary_directory directory;
    identity.write_pem(directory.path / "ca.pem");
    https_server server(identity);
    ta::curl_transport_options options;
    options.ca_file = (directory.path / "ca.pem").string();
    const auto http = ta::make_curl_transport(options);

    const auto response = http->send(post_to(server.url()));

    BOOST_TEST(response.status == 200);
    BOOST_TEST(response.body == R"({"ok":true})");
}

BOOST_AUTO_TEST_CASE(trusted_certificate_for_another_host_is_a_tls_problem) {
    const test_certificate identity("DNS:elsewhere.example");
    const temporary_directory directory;
    identity.write_pem(directory.path / "ca.pem");
    https_server server(identity);
    ta::curl_transport_options options;
    options.ca_file = (directory.path / "ca.pem").string();
    const auto http = ta::make_curl_transport(options);

    try {
        http->send(post_to(server.url()));
        BOOST_FAIL("no transport_error");
    } catch (const ta::transport_error& e) {
        BOOST_TEST(contains(e.what(), "TLS problem with 127.0.0.1:"), e.what());
    }
}

BOOST_AUTO_TEST_CASE(missing_ca_file_is_a_tls_problem_naming_it) {
    const test_certificate identity("IP:127.0.0.1");
    const temporary_directory directory;
    https_server server(identity);
    ta::curl_transport_options options;
    options.ca_file = (directory.path / "absent.pem").string();
    const auto http = ta::make_curl_transport(options);

    try {
        http->send(post_to(server.url()));
        BOOST_FAIL("no transport_error");
    } catch (const ta::transport_error& e) {
        BOOST_TEST(contains(e.what(), "TLS problem"), e.what());
        BOOST_TEST(contains(e.what(), "absent.pem"), e.what());
    }
}

BOOST_AUTO_TEST_SUITE_END()
