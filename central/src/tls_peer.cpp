#include "tls_peer.h"

#include <openssl/crypto.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <algorithm>
#include <memory>

namespace hk::central {
namespace {

struct X509Free {
    void operator()(X509* certificate) const { X509_free(certificate); }
};

// OPENSSL_free is a macro carrying file and line; this keeps it out of the expression that needs it.
void free_openssl_string(unsigned char* text) {
    OPENSSL_free(text);
}

}  // namespace

std::optional<std::string> peer_common_name(const ssl_st* ssl) {
    if (ssl == nullptr) return std::nullopt;
    const std::unique_ptr<X509, X509Free> certificate(SSL_get1_peer_certificate(ssl));
    if (!certificate) return std::nullopt;
    const X509_NAME* subject = X509_get_subject_name(certificate.get());
    const int index = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
    if (index < 0) return std::nullopt;
    const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index));
    unsigned char* utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, data);
    if (length < 0) return std::nullopt;
    std::string name(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(length));
    free_openssl_string(utf8);
    const bool printable =
        std::all_of(name.begin(), name.end(), [](char c) { return c > 0x20 && c <= 0x7E; });
    if (name.empty() || name.size() > 64 || !printable) return std::nullopt;
    return name;
}

}  // namespace hk::central
