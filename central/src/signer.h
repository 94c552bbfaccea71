// The provincial key that signs certificate proofs, behind a small interface: ES256 (ECDSA P-256, SHA-256)
// today; an SM2 signer (GB/T 32918, OpenSSL's "SM2" key type) can be added without touching the proof format
// code.
#pragma once

#include <expected>
#include <memory>
#include <string>
#include <string_view>

namespace hk::central {

class ProofSigner {
  public:
    virtual ~ProofSigner() = default;
    // The algorithm's name in proofs and in GET /v1/keys ("ES256").
    [[nodiscard]] virtual std::string_view algorithm() const = 0;
    [[nodiscard]] virtual const std::string& key_id() const = 0;
    // SubjectPublicKeyInfo PEM, what offline verifiers load.
    [[nodiscard]] virtual std::string public_key_pem() const = 0;
    // The signature over `message` in the algorithm's wire form (DER for ECDSA). Thread-safe. Throws
    // std::runtime_error only if the crypto library fails.
    [[nodiscard]] virtual std::string sign(std::string_view message) const = 0;
};

// An ES256 signer from a PEM private key (PKCS#8 or SEC1 "EC PRIVATE KEY"); refuses keys on other curves.
std::expected<std::unique_ptr<ProofSigner>, std::string> make_es256_signer(std::string_view private_key_pem,
                                                                           std::string key_id);

}  // namespace hk::central
