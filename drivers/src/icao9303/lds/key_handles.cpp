#include "drivers/icao9303/key_handles.h"

#include <climits>

namespace hk::drivers::icao9303 {

using iso7816::Bytes;
using iso7816::ByteView;

EvpPkeyPtr share(EVP_PKEY* key) {
    if (key == nullptr || EVP_PKEY_up_ref(key) != 1) return nullptr;
    return EvpPkeyPtr(key);
}

X509Ptr share(X509* certificate) {
    if (certificate == nullptr || X509_up_ref(certificate) != 1) return nullptr;
    return X509Ptr(certificate);
}

namespace {

// i2d_* in two calls: the size, then the bytes.
template <typename T, typename Encode>
Bytes encode(const T* object, Encode i2d) {
    if (object == nullptr) return {};
    const int size = i2d(object, nullptr);
    if (size <= 0) return {};
    Bytes out(static_cast<std::size_t>(size));
    unsigned char* at = out.data();
    if (i2d(object, &at) != size) return {};
    return out;
}

bool fits(ByteView der) {
    return !der.empty() && der.size() < static_cast<std::size_t>(LONG_MAX);
}

}  // namespace

Bytes public_key_der(const EVP_PKEY* key) {
    return encode(key, [](const EVP_PKEY* k, unsigned char** out) { return i2d_PUBKEY(k, out); });
}

Bytes private_key_der(const EVP_PKEY* key) {
    if (key == nullptr) return {};
    PKCS8_PRIV_KEY_INFO* info = EVP_PKEY2PKCS8(key);
    if (info == nullptr) return {};
    Bytes out = encode(
        info, [](const PKCS8_PRIV_KEY_INFO* i, unsigned char** o) { return i2d_PKCS8_PRIV_KEY_INFO(i, o); });
    PKCS8_PRIV_KEY_INFO_free(info);
    return out;
}

Bytes certificate_der(const X509* certificate) {
    return encode(certificate, [](const X509* c, unsigned char** out) { return i2d_X509(c, out); });
}

EvpPkeyPtr public_key_from_der(ByteView subject_public_key_info) {
    if (!fits(subject_public_key_info)) return nullptr;
    const unsigned char* at = subject_public_key_info.data();
    EvpPkeyPtr key(d2i_PUBKEY(nullptr, &at, static_cast<long>(subject_public_key_info.size())));
    if (key && at != subject_public_key_info.data() + subject_public_key_info.size()) return nullptr;
    return key;
}

EvpPkeyPtr private_key_from_der(ByteView pkcs8) {
    if (!fits(pkcs8)) return nullptr;
    const unsigned char* at = pkcs8.data();
    EvpPkeyPtr key(d2i_AutoPrivateKey(nullptr, &at, static_cast<long>(pkcs8.size())));
    if (key && at != pkcs8.data() + pkcs8.size()) return nullptr;
    return key;
}

X509Ptr certificate_from_der(ByteView der) {
    if (!fits(der)) return nullptr;
    const unsigned char* at = der.data();
    X509Ptr certificate(d2i_X509(nullptr, &at, static_cast<long>(der.size())));
    if (certificate && at != der.data() + der.size()) return nullptr;
    return certificate;
}

}  // namespace hk::drivers::icao9303
