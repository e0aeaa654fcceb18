#include "test_certificate.hpp"

#include <cstdio>
#include <random>
#include <stdexcept>
#include <string>
#include <system_error>

#include <openssl/pem.h>
#include <openssl/x509v3.h>

namespace ta::test {
namespace {

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

} // namespace

test_certificate::test_certificate(const char* subject_alt_name)
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

void test_certificate::write_pem(const std::filesystem::path& path) const {
    const std::unique_ptr<std::FILE, file_closer> file(std::fopen(path.c_str(), "w"));
    require(file != nullptr, "opening the CA file");
    require(PEM_write_X509(file.get(), certificate.get()) == 1, "writing the CA file");
}

temporary_directory::temporary_directory() {
    std::random_device random;
    path = std::filesystem::temp_directory_path() /
           ("ta-tls-test-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directory(path);
}

temporary_directory::~temporary_directory() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
}

} // namespace ta::test
