// Checks a proof code offline: decodes it, finds the signing key in the trust list, verifies the ES256
// signature over the claims text, and checks the validity dates. Tampering with any byte of the claims or
// the signature fails here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "printer/proof/proof_payload.h"
#include "printer/proof/trust_list.h"

namespace hk::printer::proof {

enum class ProofFailure : std::uint8_t {
    None,
    Malformed,     // not a proof code, or broken (decoding says where)
    UnknownKey,    // signed with a key id the trust list does not hold
    BadSignature,  // the signature does not match the claims: altered, or forged
    Expired,       // past its "exp" date
    NotYetValid,   // issued after today: the verifier's clock or the paper is wrong
};

std::string_view to_string(ProofFailure failure);

struct ProofVerdict {
    ProofFailure failure = ProofFailure::Malformed;
    std::string reason;                 // one line for a person; empty when valid
    std::optional<ProofClaims> claims;  // decoded claims, also when a later check failed
    std::string verification_code;      // code the paper should show under the QR

    [[nodiscard]] bool valid() const { return failure == ProofFailure::None; }
};

// `today` is YYYY-MM-DD (the verifier's local date).
ProofVerdict verify_proof(std::string_view payload, const TrustList& trust, std::string_view today);

}  // namespace hk::printer::proof
