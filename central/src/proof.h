// The signed proof printed as a QR code on every certificate (openapi.yaml, Certificate.proof):
//   payload = "HK1." + base64url(claims JSON) + "." + base64url(DER signature over the base64url claims text)
// with claims {"v":1,"kid","serial","type","holder","id","issued","exp"}, `id` masked to its first 6 and last
// 4 characters. Anyone holding the provincial public key can check it offline.
#pragma once

#include <string>

#include "signer.h"

namespace hk::central {

struct ProofClaims {
    std::string serial;
    std::string type;         // the certificate's service_id
    std::string holder;       // holder's name
    std::string id_number;    // unmasked; masked when written into the claims
    std::string issued;       // YYYY-MM-DD
    std::string valid_until;  // YYYY-MM-DD, last valid day; "exp" in the claims (left out when empty)
};

struct Proof {
    std::string payload;
    std::string verification_code;
    std::string key_id;
    std::string alg;
};

Proof make_proof(const ProofSigner& signer, const ProofClaims& claims);

// The 8-character code printed under the QR for a manual check by phone or web: base32 of the first 5 bytes
// of SHA-256(signature). Derived from the signature, so it changes whenever the signed claims do.
std::string verification_code_for(const std::string& signature);

}  // namespace hk::central
