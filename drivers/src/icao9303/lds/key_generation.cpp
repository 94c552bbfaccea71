#include "key_generation.h"

#include <openssl/core_names.h>
#include <openssl/params.h>

#include <string>

namespace hk::drivers::icao9303::keygen {

namespace {

struct PkeyCtxFree {
    void operator()(EVP_PKEY_CTX* context) const noexcept { EVP_PKEY_CTX_free(context); }
};

}  // namespace

EvpPkeyPtr ec(const char* group) {
    return EvpPkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", group));
}

EvpPkeyPtr rsa(std::size_t bits) {
    return EvpPkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", bits));
}

EvpPkeyPtr dhx(const char* group) {
    const std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> context(
        EVP_PKEY_CTX_new_from_name(nullptr, "DHX", nullptr));
    if (!context || EVP_PKEY_keygen_init(context.get()) != 1) return nullptr;
    std::string name(group);
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, name.data(), 0),
                                 OSSL_PARAM_construct_end()};
    EVP_PKEY* key = nullptr;
    if (EVP_PKEY_CTX_set_params(context.get(), params) != 1 || EVP_PKEY_generate(context.get(), &key) != 1)
        return nullptr;
    return EvpPkeyPtr(key);
}

EvpPkeyPtr like(const EVP_PKEY* key) {
    if (key == nullptr) return nullptr;
    if (EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA)
        return rsa(static_cast<std::size_t>(EVP_PKEY_get_bits(key)));
    char group[80] = {};
    std::size_t length = 0;
    if (EVP_PKEY_get_group_name(key, group, sizeof group, &length) != 1) return nullptr;
    if (EVP_PKEY_get_base_id(key) == EVP_PKEY_EC) return ec(group);
    return dhx(group);
}

}  // namespace hk::drivers::icao9303::keygen
