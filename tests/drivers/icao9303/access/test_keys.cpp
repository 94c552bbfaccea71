#include "test_keys.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <stdexcept>

namespace hk::drivers::icao9303::test {
namespace {

TestKeyPair export_key(EVP_PKEY* key) {
    if (key == nullptr) throw std::runtime_error("key generation failed");
    TestKeyPair pair;
    PKCS8_PRIV_KEY_INFO* info = EVP_PKEY2PKCS8(key);
    unsigned char* der = nullptr;
    int length = i2d_PKCS8_PRIV_KEY_INFO(info, &der);
    if (length <= 0) throw std::runtime_error("PKCS#8 export failed");
    pair.private_pkcs8.assign(der, der + length);
    OPENSSL_free(der);
    PKCS8_PRIV_KEY_INFO_free(info);
    der = nullptr;
    length = i2d_PUBKEY(key, &der);
    if (length <= 0) throw std::runtime_error("SPKI export failed");
    pair.public_spki.assign(der, der + length);
    OPENSSL_free(der);
    EVP_PKEY_free(key);
    return pair;
}

EVP_PKEY* generate(const char* type, const char* group) {
    EVP_PKEY_CTX* context = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
    EVP_PKEY* key = nullptr;
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, const_cast<char*>(group), 0),
        OSSL_PARAM_construct_end()};
    if (context == nullptr || EVP_PKEY_keygen_init(context) != 1 ||
        EVP_PKEY_CTX_set_params(context, params) != 1 || EVP_PKEY_generate(context, &key) != 1) {
        key = nullptr;
    }
    EVP_PKEY_CTX_free(context);
    return key;
}

}  // namespace

TestKeyPair generate_ec_key(const std::string& curve) {
    return export_key(generate("EC", curve.c_str()));
}

TestKeyPair generate_dh_key(const std::string& group) {
    return export_key(generate("DHX", group.c_str()));
}

}  // namespace hk::drivers::icao9303::test
