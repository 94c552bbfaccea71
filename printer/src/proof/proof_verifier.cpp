#include "printer/proof/proof_verifier.h"

#include <openssl/evp.h>

#include <memory>

namespace hk::printer::proof {
namespace {

bool es256_signature_matches(const EVP_PKEY* key, std::string_view signed_text,
                             std::string_view der_signature) {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!context) return false;
    // EVP_DigestVerifyInit takes a non-const key but only adds a reference to it.
    if (EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, const_cast<EVP_PKEY*>(key)) !=
        1) {
        return false;
    }
    return EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(der_signature.data()),
                            der_signature.size(), reinterpret_cast<const unsigned char*>(signed_text.data()),
                            signed_text.size()) == 1;
}

ProofVerdict failed(ProofVerdict verdict, ProofFailure failure, std::string reason) {
    verdict.failure = failure;
    verdict.reason = std::move(reason);
    return verdict;
}

}  // namespace

std::string_view to_string(ProofFailure failure) {
    switch (failure) {
        case ProofFailure::None:
            return "valid";
        case ProofFailure::Malformed:
            return "malformed";
        case ProofFailure::UnknownKey:
            return "unknown_key";
        case ProofFailure::BadSignature:
            return "bad_signature";
        case ProofFailure::Expired:
            return "expired";
        case ProofFailure::NotYetValid:
            return "not_yet_valid";
    }
    return "unknown";
}

ProofVerdict verify_proof(std::string_view payload, const TrustList& trust, std::string_view today) {
    ProofVerdict verdict;
    auto decoded = decode_proof_payload(payload);
    if (!decoded) return failed(std::move(verdict), ProofFailure::Malformed, decoded.error());
    verdict.claims = decoded->claims;
    verdict.verification_code = verification_code_of(decoded->signature);

    const EVP_PKEY* key = trust.find(decoded->claims.key_id);
    if (key == nullptr) {
        return failed(std::move(verdict), ProofFailure::UnknownKey,
                      "signed with key " + decoded->claims.key_id + ", which is not in the trust list");
    }
    if (!es256_signature_matches(key, decoded->claims_text, decoded->signature)) {
        return failed(std::move(verdict), ProofFailure::BadSignature,
                      "the signature does not match: the code was altered or not issued by the province");
    }
    // ISO dates compare correctly as text.
    if (decoded->claims.issued > today) {
        return failed(std::move(verdict), ProofFailure::NotYetValid,
                      "issued " + decoded->claims.issued + ", after today (" + std::string(today) + ")");
    }
    if (decoded->claims.valid_until && *decoded->claims.valid_until < today) {
        return failed(std::move(verdict), ProofFailure::Expired,
                      "valid until " + *decoded->claims.valid_until + ", expired");
    }
    verdict.failure = ProofFailure::None;
    return verdict;
}

}  // namespace hk::printer::proof
