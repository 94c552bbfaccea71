#include "proof_payload_entry.h"

#include <exception>
#include <regex>

#include "printer/proof/proof_verifier.h"

namespace hk::printer::proof::fuzz {
namespace {

// A P-256 public key whose private key was thrown away when it was made: nothing can be VALID under it.
constexpr std::string_view kOrphanPublicKey = R"(-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEoy3uxaWEkfBDIH+cYY5G98lVGFGq
3OnmoJc3cDuB2CMIUdQ0LP9TeOqdDIYG/7VmmLAZpnH8FPH/FSeWHrRwsQ==
-----END PUBLIC KEY-----
)";

const TrustList& orphan_trust() {
    static const TrustList trust = [] {
        TrustList list;
        (void)list.add_pem("fuzz-1", kOrphanPublicKey);
        return list;
    }();
    return trust;
}

bool is_iso_date(const std::string& text) {
    static const std::regex kDate(R"(\d{4}-\d{2}-\d{2})");
    return std::regex_match(text, kDate);
}

std::string check_decoded(const ProofPayload& payload) {
    const ProofClaims& c = payload.claims;
    if (c.version != 1) return "decoded a payload of version " + std::to_string(c.version);
    if (c.key_id.empty() || c.serial.empty() || c.type.empty() || c.holder.empty() ||
        c.id_number_masked.empty()) {
        return "decoded a payload with an empty claim";
    }
    if (!is_iso_date(c.issued) || (c.valid_until && !is_iso_date(*c.valid_until)))
        return "decoded a bad date";
    if (payload.signature.empty()) return "decoded an empty signature";
    return "";
}

}  // namespace

std::string check_proof_payload(std::string_view bytes) {
    try {
        if (orphan_trust().size() != 1) return "the fuzz key did not load";
        const auto decoded = decode_proof_payload(bytes);
        if (decoded) {
            if (std::string problem = check_decoded(*decoded); !problem.empty()) return problem;
        } else if (decoded.error().empty()) {
            return "refused without a reason";
        }
        const ProofVerdict verdict = verify_proof(bytes, orphan_trust(), "2026-12-01");
        if (verdict.valid()) return "VALID without the private key";
        if (verdict.reason.empty()) return "NOT VALID without a reason";
        if (decoded.has_value() != verdict.claims.has_value()) return "verifier and decoder disagree";
        return "";
    } catch (const std::exception& error) {
        return std::string("exception: ") + error.what();
    }
}

}  // namespace hk::printer::proof::fuzz
