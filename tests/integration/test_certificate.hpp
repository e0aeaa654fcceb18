// Certificates made for a test with OpenSSL, and a directory to put them in: the TLS tests of the
// transport and of the ta command trust a private CA through a CA file.
#pragma once

#include <filesystem>
#include <memory>

#include <openssl/evp.h>
#include <openssl/x509.h>

namespace ta::test {

struct x509_deleter {
    void operator()(X509* certificate) const noexcept { X509_free(certificate); }
};
struct evp_pkey_deleter {
    void operator()(EVP_PKEY* key) const noexcept { EVP_PKEY_free(key); }
};

/// A self-signed P-256 certificate valid for a day, for `subject_alt_name` ("IP:127.0.0.1").
struct test_certificate {
    std::unique_ptr<EVP_PKEY, evp_pkey_deleter> key;
    std::unique_ptr<X509, x509_deleter> certificate;

    explicit test_certificate(const char* subject_alt_name);
    /// Writes the certificate as PEM: a CA file for libcurl.
    void write_pem(const std::filesystem::path& path) const;
};

/// A directory of its own under the system's temporary directory, removed afterwards.
struct temporary_directory {
    std::filesystem::path path;

    temporary_directory();
    ~temporary_directory();
    temporary_directory(const temporary_directory&) = delete;
    temporary_directory& operator=(const temporary_directory&) = delete;
};

} // namespace ta::test
