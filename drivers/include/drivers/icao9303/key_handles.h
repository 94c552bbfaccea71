// Owning handles for the OpenSSL objects the LDS code hands out (public keys from DG14/DG15, the test
// factory's private keys and certificates), so no caller has to remember which *_free to call.
#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>

#include "drivers/iso7816/bytes.h"

namespace hk::drivers::icao9303 {

struct EvpPkeyFree {
    void operator()(EVP_PKEY* key) const noexcept { EVP_PKEY_free(key); }
};
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyFree>;

struct X509Free {
    void operator()(X509* certificate) const noexcept { X509_free(certificate); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;

// A second owner of the same object (reference count raised); null in, null out.
EvpPkeyPtr share(EVP_PKEY* key);
X509Ptr share(X509* certificate);

// DER encodings: SubjectPublicKeyInfo, PKCS#8 PrivateKeyInfo, X.509 certificate. Empty on failure.
iso7816::Bytes public_key_der(const EVP_PKEY* key);
iso7816::Bytes private_key_der(const EVP_PKEY* key);
iso7816::Bytes certificate_der(const X509* certificate);
// The inverse: null when the bytes are not one whole, valid encoding.
EvpPkeyPtr public_key_from_der(iso7816::ByteView subject_public_key_info);
EvpPkeyPtr private_key_from_der(iso7816::ByteView pkcs8);
X509Ptr certificate_from_der(iso7816::ByteView der);

}  // namespace hk::drivers::icao9303
