#include "own_certificate.h"

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

namespace hk::kiosk::central {

OwnCertificateState own_certificate_state(const std::string& pem_file) {
    const std::unique_ptr<BIO, decltype(&BIO_free)> file(BIO_new_file(pem_file.c_str(), "r"), &BIO_free);
    if (!file) return OwnCertificateState::Unreadable;
    const std::unique_ptr<X509, decltype(&X509_free)> certificate(
        PEM_read_bio_X509(file.get(), nullptr, nullptr, nullptr), &X509_free);
    if (!certificate) return OwnCertificateState::Unreadable;
    if (X509_cmp_current_time(X509_get0_notAfter(certificate.get())) < 0) return OwnCertificateState::Expired;
    if (X509_cmp_current_time(X509_get0_notBefore(certificate.get())) > 0)
        return OwnCertificateState::NotYetValid;
    return OwnCertificateState::Valid;
}

}  // namespace hk::kiosk::central
