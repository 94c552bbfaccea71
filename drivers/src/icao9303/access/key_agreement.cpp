// Domain parameters by standardized id (§9.5.1) and from the DER keys of DG14 and the simulators.
#include "key_agreement.h"

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>

#include "key_agreement_internal.h"

namespace hk::drivers::icao9303::detail {
namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
struct PkeyContextFree {
    void operator()(EVP_PKEY_CTX* context) const { EVP_PKEY_CTX_free(context); }
};
struct ParamsFree {
    void operator()(OSSL_PARAM* params) const { OSSL_PARAM_free(params); }
};

int curve_nid(int parameter_id) {
    switch (parameter_id) {
        case 8:
            return NID_X9_62_prime192v1;
        case 9:
            return NID_brainpoolP192r1;
        case 10:
            return NID_secp224r1;
        case 11:
            return NID_brainpoolP224r1;
        case 12:
            return NID_X9_62_prime256v1;
        case 13:
            return NID_brainpoolP256r1;
        case 14:
            return NID_brainpoolP320r1;
        case 15:
            return NID_secp384r1;
        case 16:
            return NID_brainpoolP384r1;
        case 17:
            return NID_brainpoolP512r1;
        case 18:
            return NID_secp521r1;
        default:
            return NID_undef;
    }
}

// The RFC 5114 groups are built into OpenSSL 3 as named FFC groups; p, q and g are read from there rather
// than copied out of the RFC.
const char* modp_group_name(int parameter_id) {
    switch (parameter_id) {
        case 0:
            return "dh_1024_160";
        case 1:
            return "dh_2048_224";
        case 2:
            return "dh_2048_256";
        default:
            return nullptr;
    }
}

Bignum bn_param(const EVP_PKEY* key, const char* name) {
    BIGNUM* value = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &value) != 1) return nullptr;
    return Bignum{value};
}

std::unique_ptr<KeyAgreementDomain> dh_domain_of(const EVP_PKEY* key) {
    return make_dh_domain(bn_param(key, OSSL_PKEY_PARAM_FFC_P), bn_param(key, OSSL_PKEY_PARAM_FFC_Q),
                          bn_param(key, OSSL_PKEY_PARAM_FFC_G));
}

// Named or explicit curve parameters, whichever the key carries.
std::unique_ptr<KeyAgreementDomain> ec_domain_of(const EVP_PKEY* key) {
    OSSL_PARAM* raw = nullptr;
    if (EVP_PKEY_todata(key, EVP_PKEY_KEY_PARAMETERS, &raw) != 1) return nullptr;
    const std::unique_ptr<OSSL_PARAM, ParamsFree> params{raw};
    return make_ec_domain(EC_GROUP_new_from_params(params.get(), nullptr, nullptr));
}

std::unique_ptr<KeyAgreementDomain> domain_of(const EVP_PKEY* key) {
    if (EVP_PKEY_is_a(key, "EC")) return ec_domain_of(key);
    if (EVP_PKEY_is_a(key, "DH") || EVP_PKEY_is_a(key, "DHX")) return dh_domain_of(key);
    return nullptr;
}

// The public key in KeyAgreementDomain's encoding: uncompressed point, or the DH value as long as p.
Bytes public_key_of(const EVP_PKEY* key, const KeyAgreementDomain& domain) {
    if (domain.is_ec()) {
        std::size_t length = 0;
        if (EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, nullptr, 0, &length) != 1)
            return {};
        Bytes encoded(length);
        if (EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, encoded.data(), encoded.size(),
                                            &length) != 1) {
            return {};
        }
        encoded.resize(length);
        return encoded;  // OpenSSL keeps the form it decoded; compressed keys are refused later
    }
    const Bignum y = bn_param(key, OSSL_PKEY_PARAM_PUB_KEY);
    const Bignum p = bn_param(key, OSSL_PKEY_PARAM_FFC_P);
    if (!y || !p) return {};
    return bignum_to_bytes(*y, static_cast<std::size_t>(BN_num_bytes(p.get())));
}

}  // namespace

Bignum bignum_from_bytes(ByteView bytes) {
    return Bignum{BN_bin2bn(bytes.data(), static_cast<int>(bytes.size()), nullptr)};
}

Bytes bignum_to_bytes(const BIGNUM& value, std::size_t length) {
    Bytes out(length);
    if (BN_bn2binpad(&value, out.data(), static_cast<int>(length)) < 0) return {};
    return out;
}

std::size_t KeyAgreementDomain::order_length() const {
    return static_cast<std::size_t>(BN_num_bytes(&order()));
}

Bignum KeyAgreementDomain::generate_private_key(RandomSource& random) const {
    // Bits above the order's length are cleared first (P-521's order has 521 bits in 66 bytes), so a
    // candidate is in range with probability at least 1/2.
    const int spare_bits = static_cast<int>(order_length() * 8) - BN_num_bits(&order());
    const auto top_mask = static_cast<std::uint8_t>(0xFF >> spare_bits);
    for (int attempt = 0; attempt < 64; ++attempt) {
        Bytes candidate = random.bytes(order_length());
        if (!candidate.empty()) candidate[0] &= top_mask;
        Bignum key = bignum_from_bytes(candidate);
        iso7816::wipe(candidate);
        if (key && BN_is_zero(key.get()) != 1 && BN_cmp(key.get(), &order()) < 0) return key;
    }
    return nullptr;
}

std::unique_ptr<KeyAgreementDomain> standardized_domain(int parameter_id) {
    if (const int nid = curve_nid(parameter_id); nid != NID_undef) {
        return make_ec_domain(EC_GROUP_new_by_curve_name(nid));
    }
    const char* group = modp_group_name(parameter_id);
    if (group == nullptr) return nullptr;
    const std::unique_ptr<EVP_PKEY_CTX, PkeyContextFree> context{
        EVP_PKEY_CTX_new_from_name(nullptr, "DHX", nullptr)};
    if (!context || EVP_PKEY_paramgen_init(context.get()) != 1) return nullptr;
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, const_cast<char*>(group), 0),
        OSSL_PARAM_construct_end()};
    EVP_PKEY* raw = nullptr;
    if (EVP_PKEY_CTX_set_params(context.get(), params) != 1 || EVP_PKEY_paramgen(context.get(), &raw) != 1) {
        return nullptr;
    }
    const Pkey key{raw};
    return dh_domain_of(key.get());
}

std::optional<StaticPublicKey> parse_subject_public_key_info(ByteView der) {
    const unsigned char* cursor = der.data();
    const Pkey key{d2i_PUBKEY(nullptr, &cursor, static_cast<long>(der.size()))};
    if (!key) return std::nullopt;
    StaticPublicKey out{domain_of(key.get()), {}};
    if (!out.domain) return std::nullopt;
    out.public_key = public_key_of(key.get(), *out.domain);
    if (!out.domain->valid_public_key(out.public_key)) return std::nullopt;
    return out;
}

std::optional<StaticPrivateKey> parse_private_key(ByteView der) {
    const unsigned char* cursor = der.data();
    const Pkey key{d2i_AutoPrivateKey(nullptr, &cursor, static_cast<long>(der.size()))};
    if (!key) return std::nullopt;
    StaticPrivateKey out{domain_of(key.get()), bn_param(key.get(), OSSL_PKEY_PARAM_PRIV_KEY), {}};
    if (!out.domain || !out.private_key) return std::nullopt;
    out.public_key = out.domain->public_key(*out.private_key);
    if (out.public_key.empty()) return std::nullopt;
    return out;
}

}  // namespace hk::drivers::icao9303::detail
