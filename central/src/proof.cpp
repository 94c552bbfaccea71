#include "proof.h"

#include <nlohmann/json.hpp>

#include "digest.h"
#include "encoding.h"
#include "id_numbers.h"
#include "json_codec.h"

namespace hk::central {

std::string verification_code_for(const std::string& signature) {
    return base32_encode(sha256(signature).substr(0, 5));  // 40 bits = exactly 8 base32 characters
}

Proof make_proof(const ProofSigner& signer, const ProofClaims& claims) {
    // ordered_json keeps the documented member order, which makes payloads easy to read when debugging.
    nlohmann::ordered_json json;
    json["v"] = 1;
    json["kid"] = signer.key_id();
    json["serial"] = claims.serial;
    json["type"] = claims.type;
    json["holder"] = claims.holder;
    json["id"] = mask_id_number(claims.id_number);
    json["issued"] = claims.issued;
    if (!claims.valid_until.empty()) json["exp"] = claims.valid_until;
    const std::string claims_text = base64url_encode(encode_json(json));
    const std::string signature = signer.sign(claims_text);
    return Proof{"HK1." + claims_text + "." + base64url_encode(signature), verification_code_for(signature),
                 signer.key_id(), std::string(signer.algorithm())};
}

}  // namespace hk::central
