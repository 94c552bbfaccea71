// Chip side of active authentication, for the card simulator (see the header for the schemes).
#include <openssl/ec.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#include "drivers/icao9303/active_authentication.h"
#include "key_generation.h"
#include "rsa_9796.h"

namespace hk::drivers::icao9303 {

using iso7816::ByteView;

namespace {

struct PkeyCtxFree {
    void operator()(EVP_PKEY_CTX* context) const noexcept { EVP_PKEY_CTX_free(context); }
};
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;

std::expected<Bytes, LdsError> sign_raw(EVP_PKEY* key, ByteView input, bool rsa_no_padding) {
    const PkeyCtxPtr context(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
    std::size_t length = 0;
    if (!context || EVP_PKEY_sign_init(context.get()) != 1 ||
        (rsa_no_padding && EVP_PKEY_CTX_set_rsa_padding(context.get(), RSA_NO_PADDING) != 1) ||
        EVP_PKEY_sign(context.get(), nullptr, &length, input.data(), input.size()) != 1)
        return std::unexpected(LdsError::Crypto);
    Bytes signature(length);
    if (EVP_PKEY_sign(context.get(), signature.data(), &length, input.data(), input.size()) != 1)
        return std::unexpected(LdsError::Crypto);
    signature.resize(length);
    return signature;
}

// DER ECDSA-Sig-Value -> r || s, each padded to the order's size.
std::expected<Bytes, LdsError> der_to_plain(ByteView der, std::size_t half) {
    const unsigned char* at = der.data();
    ECDSA_SIG* signature = d2i_ECDSA_SIG(nullptr, &at, static_cast<long>(der.size()));
    if (signature == nullptr) return std::unexpected(LdsError::Crypto);
    const BIGNUM* r = nullptr;
    const BIGNUM* s = nullptr;
    ECDSA_SIG_get0(signature, &r, &s);
    Bytes plain(2 * half);
    const bool ok = BN_bn2binpad(r, plain.data(), static_cast<int>(half)) == static_cast<int>(half) &&
                    BN_bn2binpad(s, plain.data() + half, static_cast<int>(half)) == static_cast<int>(half);
    ECDSA_SIG_free(signature);
    if (!ok) return std::unexpected(LdsError::Crypto);
    return plain;
}

}  // namespace

ActiveAuthenticationChip::ActiveAuthenticationChip(EvpPkeyPtr private_key, Options options)
    : key_(options.cloned ? keygen::like(private_key.get()) : std::move(private_key)), options_(options) {}

std::expected<Bytes, LdsError> ActiveAuthenticationChip::internal_authenticate(ByteView challenge) const {
    if (!key_) return std::unexpected(LdsError::Crypto);
    EVP_PKEY* key = key_.get();
    if (EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA) {
        const auto modulus = static_cast<std::size_t>(EVP_PKEY_get_size(key));
        Bytes m1(modulus);
        if (RAND_bytes(m1.data(), static_cast<int>(m1.size())) != 1) return std::unexpected(LdsError::Crypto);
        const Bytes f = rsa9796::representative(modulus, options_.rsa_hash, challenge, m1);
        if (f.empty()) return std::unexpected(LdsError::Crypto);
        return sign_raw(key, f, true);  // s = F^d mod n
    }
    if (EVP_PKEY_get_base_id(key) == EVP_PKEY_EC) {
        auto der = sign_raw(key, digest(options_.ecdsa_hash, challenge), false);
        if (!der || options_.ecdsa_encoding == EcdsaSignatureEncoding::Der) return der;
        return der_to_plain(*der, static_cast<std::size_t>((EVP_PKEY_get_bits(key) + 7) / 8));
    }
    return std::unexpected(LdsError::Unsupported);
}

}  // namespace hk::drivers::icao9303
