// Test-side cryptography, written against OpenSSL directly rather than central/'s own code, so a proof is
// checked the way an offline verifier would check it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hk::central::test {

// A fresh private key in PEM ("P-256", "P-384"...).
std::string generate_ec_private_key_pem(const char* curve = "P-256");
// Whether `der_signature` is a valid ECDSA/SHA-256 signature of `message` under the PEM public key.
bool es256_verify(std::string_view public_key_pem, std::string_view message, std::string_view der_signature);
// The public key of a PEM private key, as SubjectPublicKeyInfo PEM.
std::string public_key_pem_of(std::string_view private_key_pem);
// RFC 4648 base64url without padding; nullopt on any other character.
std::optional<std::string> base64url_decode(std::string_view text);

struct ProofParts {
    std::string claims_text;  // the base64url claims segment, exactly the signed bytes
    std::string claims_json;  // decoded
    std::string signature;    // DER
};
// Splits "HK1.<claims>.<signature>"; nullopt when the shape is wrong.
std::optional<ProofParts> split_proof(std::string_view payload);

}  // namespace hk::central::test
