// The proof-code fuzz entry under GoogleTest, so every build exercises it: real payloads signed by the
// central service's signer, then 20,000 deterministic mutations of them, both of the text as printed and of
// the claims JSON inside it (re-encoded, so the mutations reach the JSON reader past the base64url layer).
#include <gtest/gtest.h>

#include <random>

#include "answer_mutator.h"
#include "crypto_helpers.h"
#include "encoding.h"
#include "printer/proof/proof_payload.h"
#include "proof.h"
#include "proof_payload_entry.h"
#include "signer.h"

namespace hk::printer::proof::fuzz {
namespace {

std::vector<std::string> seeds() {
    const auto signer =
        central::make_es256_signer(central::test::generate_ec_private_key_pem(), "fuzz-1").value();
    std::vector<std::string> payloads;
    payloads.push_back(central::make_proof(*signer, {"HK2026000042", "proof_of_family_relationship", "王小明",
                                                     "110101198503071235", "2026-11-22", "2027-02-19"})
                           .payload);
    payloads.push_back(central::make_proof(*signer, {"HK2026000001", "temporary_identity_paper", "Kim", "X1",
                                                     "2026-01-01", ""})
                           .payload);
    return payloads;
}

TEST(ProofPayloadFuzz, SeedsDecodeAndAreNeverValidUnderTheOrphanKey) {
    for (const std::string& seed : seeds()) {
        ASSERT_TRUE(decode_proof_payload(seed)) << seed;
        EXPECT_EQ(check_proof_payload(seed), "") << seed;
    }
}

TEST(ProofPayloadFuzz, TwentyThousandMutationsKeepEveryPromise) {
    const std::vector<std::string> payloads = seeds();
    std::mt19937 random(20261122);
    int broken = 0;
    int decoded = 0;
    for (int i = 0; i < 20000; ++i) {
        const std::string& seed = payloads[static_cast<std::size_t>(i) % payloads.size()];
        std::string input;
        if (i % 2 == 0) {
            input = kiosk::central::fuzz::mutate_answer(seed, random);
        } else {
            const auto parts = central::test::split_proof(seed).value();
            const std::string claims = kiosk::central::fuzz::mutate_answer(parts.claims_json, random);
            input =
                "HK1." + central::base64url_encode(claims) + "." + central::base64url_encode(parts.signature);
        }
        decoded += decode_proof_payload(input).has_value();
        const std::string problem = check_proof_payload(input);
        if (!problem.empty() && ++broken <= 5)
            ADD_FAILURE() << "mutation " << i << ": " << problem << "\n" << input;
    }
    EXPECT_EQ(broken, 0);
    EXPECT_GT(decoded, 100) << "the mutations should still reach past the decoder sometimes";
}

}  // namespace
}  // namespace hk::printer::proof::fuzz
