// Terminal side of active authentication (see the header for the schemes).
#include "drivers/icao9303/active_authentication.h"

#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/rsa.h>

#include <array>
#include <memory>

#include "rsa_9796.h"

namespace hk::drivers::icao9303 {

using iso7816::ByteView;

void ActiveAuthenticationResult::apply_to(ChipAuthentication& authentication) const {
    authentication.active_or_chip = outcome;
    if (outcome == CheckOutcome::Passed || reason.empty()) return;
    authentication.reason +=
        (authentication.reason.empty() ? "" : "; ") + ("active authentication: " + reason);
}

Bytes make_active_authentication_challenge(RandomSource& random) {
    return random.bytes(kActiveAuthenticationChallengeSize);
}

namespace {

struct PkeyCtxFree {
    void operator()(EVP_PKEY_CTX* context) const noexcept { EVP_PKEY_CTX_free(context); }
};
struct EcdsaSigFree {
    void operator()(ECDSA_SIG* signature) const noexcept { ECDSA_SIG_free(signature); }
};
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, EcdsaSigFree>;

ActiveAuthenticationResult failed(std::string reason) {
    ERR_clear_error();
    return {CheckOutcome::Failed, std::move(reason)};
}

ActiveAuthenticationResult verify_rsa(EVP_PKEY* key, ByteView challenge, ByteView response) {
    const std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> context(
        EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
    const auto modulus = static_cast<std::size_t>(EVP_PKEY_get_size(key));
    if (!context || response.empty() || response.size() > modulus)
        return failed("RSA signature has the wrong size");
    Bytes recovered(modulus);
    std::size_t length = recovered.size();
    if (EVP_PKEY_verify_recover_init(context.get()) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(context.get(), RSA_NO_PADDING) != 1 ||
        EVP_PKEY_verify_recover(context.get(), recovered.data(), &length, response.data(), response.size()) !=
            1)
        return failed("RSA signature does not decrypt");
    recovered.resize(length);
    if (!rsa9796::verify_recovered(recovered, challenge))
        return failed("RSA signature does not match the challenge");
    return {CheckOutcome::Passed, ""};
}

// The DER ECDSA-Sig-Value for a plain r || s (TR-03111 §5.2.1); nullopt if `plain` cannot be one.
std::optional<Bytes> plain_to_der(ByteView plain) {
    if (plain.empty() || plain.size() % 2 != 0 || plain.size() > 2 * 66) return std::nullopt;
    const int half = static_cast<int>(plain.size() / 2);
    EcdsaSigPtr signature(ECDSA_SIG_new());
    BIGNUM* r = BN_bin2bn(plain.data(), half, nullptr);
    BIGNUM* s = BN_bin2bn(plain.data() + half, half, nullptr);
    if (!signature || r == nullptr || s == nullptr || ECDSA_SIG_set0(signature.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return std::nullopt;
    }
    const int size = i2d_ECDSA_SIG(signature.get(), nullptr);
    if (size <= 0) return std::nullopt;
    Bytes der(static_cast<std::size_t>(size));
    unsigned char* at = der.data();
    i2d_ECDSA_SIG(signature.get(), &at);
    return der;
}

// `response` as it is if it is one whole DER ECDSA-Sig-Value.
std::optional<Bytes> as_der(ByteView response) {
    const unsigned char* at = response.data();
    const EcdsaSigPtr signature(d2i_ECDSA_SIG(nullptr, &at, static_cast<long>(response.size())));
    if (!signature || at != response.data() + response.size()) return std::nullopt;
    return Bytes(response.begin(), response.end());
}

ActiveAuthenticationResult verify_ecdsa(EVP_PKEY* key, ByteView challenge, ByteView response,
                                        std::optional<HashAlgorithm> hash) {
    if (response.empty() || response.size() > 256) return failed("ECDSA signature has the wrong size");
    std::vector<Bytes> encodings;
    if (auto der = as_der(response)) encodings.push_back(std::move(*der));
    if (auto der = plain_to_der(response)) encodings.push_back(std::move(*der));
    ERR_clear_error();
    if (encodings.empty()) return failed("ECDSA signature is neither plain nor DER");

    std::vector<HashAlgorithm> hashes;
    if (hash) {
        hashes.push_back(*hash);
    } else {
        hashes = {HashAlgorithm::Sha1, HashAlgorithm::Sha224, HashAlgorithm::Sha256, HashAlgorithm::Sha384,
                  HashAlgorithm::Sha512};
    }
    const std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> context(
        EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
    if (!context || EVP_PKEY_verify_init(context.get()) != 1) return failed("EC key is not usable");
    for (const HashAlgorithm h : hashes) {
        const Bytes digest_value = digest(h, challenge);
        for (const Bytes& der : encodings)
            if (EVP_PKEY_verify(context.get(), der.data(), der.size(), digest_value.data(),
                                digest_value.size()) == 1)
                return {CheckOutcome::Passed, ""};
    }
    return failed("ECDSA signature does not match the challenge");
}

}  // namespace

ActiveAuthenticationResult verify_active_authentication(const EVP_PKEY* dg15_key, ByteView challenge,
                                                        ByteView response,
                                                        std::optional<HashAlgorithm> ecdsa_hash) {
    if (dg15_key == nullptr) return {CheckOutcome::NotPossible, "no DG15 public key"};
    if (challenge.size() != kActiveAuthenticationChallengeSize) return failed("challenge is not 8 bytes");
    // OpenSSL's EVP_PKEY_CTX constructors take a non-const key though they only read it.
    EVP_PKEY* key = const_cast<EVP_PKEY*>(dg15_key);
    switch (EVP_PKEY_get_base_id(key)) {
        case EVP_PKEY_RSA:
            return verify_rsa(key, challenge, response);
        case EVP_PKEY_EC:
            return verify_ecdsa(key, challenge, response, ecdsa_hash);
        default:
            return {CheckOutcome::NotPossible, "DG15 key is neither RSA nor EC"};
    }
}

}  // namespace hk::drivers::icao9303
