// The signed proof code printed on every certificate, as text (printer/PROOF.md has the format):
//   "HK1." + base64url(claims JSON) + "." + base64url(DER ECDSA signature over the base64url claims text)
// Decoding only splits and parses; whether the signature is good is proof_verifier.h's job.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

namespace hk::printer::proof {

inline constexpr std::string_view kPayloadPrefix = "HK1.";
// A payload longer than this is not ours: the QR on the page holds a few hundred bytes, and a decoder that
// faces hostile input must not allocate without bound.
inline constexpr std::size_t kMaxPayloadBytes = 2048;

struct ProofClaims {
    int version = 0;                         // "v"
    std::string key_id;                      // "kid": which provincial key signed it
    std::string serial;                      // certificate number
    std::string type;                        // catalogue service id, e.g. "proof_of_family_relationship"
    std::string holder;                      // holder's name as printed
    std::string id_number_masked;            // "id": first 6 and last 4 characters, the rest '*'
    std::string issued;                      // YYYY-MM-DD
    std::optional<std::string> valid_until;  // "exp", YYYY-MM-DD inclusive; absent: no end date
};

struct ProofPayload {
    std::string claims_text;  // the base64url text the signature covers
    std::string signature;    // DER bytes
    ProofClaims claims;
};

// Why a text is not a proof payload. Messages are for the person holding the paper and the technician.
std::expected<ProofPayload, std::string> decode_proof_payload(std::string_view text);

// The 8-character code printed under the QR (base32 of the first 5 bytes of SHA-256 of the signature), so a
// verifier can show the code a reader should find on the paper.
std::string verification_code_of(std::string_view signature);

// Strict RFC 4648 section 5 (no padding, no whitespace); nullopt for any other character.
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace hk::printer::proof
