// TLS through the real libcurl transport against an HTTPS server on loopback, with a certificate
// made for the test: verification is on, and a CA file is how a private certificate is trusted.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>

#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <ta/error.hpp>
#include <ta/transport.hpp>

BOOST_AUTO_TEST_SUITE(curl_transport_tls)

namespace {

struct x509_deleter {
    void operator()(X509* certificate) const noexcept { X509_free(certificate); }
};
struct evp_pkey_deleter {
    void operator()(EVP_PKEY* key) const noexcept { EVP_PKEY_free(key); }
};
struct file_closer {
    void operator()(std::FILE* file) const noexcept { std::fclose(file); }
};

void require(bool ok, const char* what) {
    if (!ok) {
        throw std::runtime_error(std::string("making the test certificate: ") + what);
    }
}

void add_extension(X509* certificate, int nid, const char* value) {
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    require(extension != nullptr, "an extension");
    const int added = X509_add_ext(certificate, extension, -1);
    X509_EXTENSION_free(extension);
    require(added == 1, "adding an extension");
}

/// A self-signed P-256 certificate valid for a day, for `subject_alt_name` ("IP:127.0.0.1").
struct test_certificate {
    std::unique_ptr<EVP_PKEY, evp_pkey_deleter> key;
    std::unique_ptr<X509, x509_deleter> certificate;

    explicit test_certificate(const char* subject_alt_name)
        : key(EVP_EC_gen("P-256")), certificate(X509_new()) {
        require(key && certificate, "a key");
        X509* cert = certificate.get();
        require(X509_set_version(cert, 2) == 1, "the version"); // v3
        std::random_device random;
        ASN1_INTEGER_set(X509_get_serialNumber(cert), static_cast<long>(random() & 0x7fffffff));
        X509_gmtime_adj(X509_getm_notBefore(cert), -60);
        X509_gmtime_adj(X509_getm_notAfter(cert), 24L * 60 * 60);
        X509_NAME* name = X509_get_subject_name(cert);
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char*>("ta test"), -1, -1, 0);
        require(X509_set_issuer_name(cert, name) == 1, "the issuer");
        require(X509_set_pubkey(cert, key.get()) == 1, "the public key");
        add_extension(cert, NID_basic_constraints, "critical,CA:TRUE");
        add_extension(cert, NID_key_usage, "critical,digitalSignature,keyCertSign");
        add_extension(cert, NID_subject_key_identifier, "hash");
        add_extension(cert, NID_subject_alt_name, subject_alt_name);
        require(X509_sign(cert, key.get(), EVP_sha256()) > 0, "signing");
    }

    /// Writes the certificate as PEM: a CA file for libcurl.
    void write_pem(const std::filesystem::path& path) const {
        const std::unique_ptr<std::FILE, file_closer> file(std::fopen(path.c_str(), "w"));
        require(file != nullptr, "opening the CA file");
        require(PEM_write_X509(file.get(), certificate.get()) == 1, "writing the CA file");
    }
};

/// A directory of its own under the system's temporary directory, removed afterwards.
struct temporary_directory {
    std::filesystem::path path;

    temporary_directory() {
        std::random_device random;
        path = std::filesystem::temp_directory_path() /
               ("ta-tls-test-" + std::to_string(random()) + std::to_string(random()));
        std::filesystem::create_directory(path);
    }
    ~temporary_directory() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    temporary_directory(const temporary_directory&) = delete;
    temporary_directory& operator=(const temporary_directory&) = delete;
};

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
