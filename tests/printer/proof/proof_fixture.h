// Proof codes made by the central service's own signer (central/src/proof.cpp), so these tests check that the
// verifier accepts exactly what the province issues: producer and consumer share no code.
#pragma once

#include <memory>
#include <string>

#include "crypto_helpers.h"
#include "printer/proof/trust_list.h"
#include "proof.h"
#include "signer.h"

namespace hk::printer::proof::testing {

struct SignedProofs {
    std::string key_id = "test-2026-1";
    std::string private_key_pem = central::test::generate_ec_private_key_pem();
    // Shared so a test can copy the fixture and change only the claims (or swap in another signer).
    std::shared_ptr<const central::ProofSigner> signer =
        central::make_es256_signer(private_key_pem, key_id).value();

    central::ProofClaims claims{"HK2026000042", "proof_of_family_relationship",
                                "王小明",       "110101198503071235",
                                "2026-11-22",   "2027-02-19"};

    [[nodiscard]] central::Proof issue() const { return central::make_proof(*signer, claims); }
    [[nodiscard]] TrustList trust() const {
        TrustList list;
        (void)list.add_pem(key_id, central::test::public_key_pem_of(private_key_pem));
        return list;
    }
};

}  // namespace hk::printer::proof::testing
