#include "proof.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "crypto_helpers.h"

namespace hk::central {
namespace {

class ProofTest : public ::testing::Test {
  protected:
    std::string key_pem = test::generate_ec_private_key_pem();
    std::unique_ptr<ProofSigner> signer = make_es256_signer(key_pem, "test-2026-1").value();
    ProofClaims claims{"HK2026000042", "registration_certificate",
                       "王小明",       "110101198503071235",
                       "2026-11-22",   "2027-02-19"};
};

TEST_F(ProofTest, PayloadCarriesTheDocumentedClaims) {
    const Proof proof = make_proof(*signer, claims);
    EXPECT_EQ(proof.alg, "ES256");
    EXPECT_EQ(proof.key_id, "test-2026-1");
    const auto parts = test::split_proof(proof.payload);
    ASSERT_TRUE(parts) << proof.payload;
    EXPECT_EQ(parts->claims_json,
              R"({"v":1,"kid":"test-2026-1","serial":"HK2026000042","type":"registration_certificate",)"
              R"("holder":"王小明","id":"110101********1235","issued":"2026-11-22","exp":"2027-02-19"})");
}

TEST_F(ProofTest, NoEndDateMeansNoExpClaim) {
    claims.valid_until.clear();
    const auto parts = test::split_proof(make_proof(*signer, claims).payload).value();
    EXPECT_EQ(parts.claims_json.find("exp"), std::string::npos) << parts.claims_json;
}

TEST_F(ProofTest, SignatureCoversTheBase64urlClaimsText) {
    const Proof proof = make_proof(*signer, claims);
    const auto parts = test::split_proof(proof.payload).value();
    const std::string public_key = test::public_key_pem_of(key_pem);
    EXPECT_TRUE(test::es256_verify(public_key, parts.claims_text, parts.signature));
    EXPECT_EQ(public_key, signer->public_key_pem());
}

TEST_F(ProofTest, ChangingOneByteBreaksTheSignature) {
    const auto parts = test::split_proof(make_proof(*signer, claims).payload).value();
    const std::string public_key = test::public_key_pem_of(key_pem);
    std::string claims_text = parts.claims_text;
    claims_text[10] = claims_text[10] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(test::es256_verify(public_key, claims_text, parts.signature));
    std::string signature = parts.signature;
    signature[signature.size() - 1] = static_cast<char>(signature.back() ^ 0x01);
    EXPECT_FALSE(test::es256_verify(public_key, parts.claims_text, signature));
}

TEST_F(ProofTest, VerificationCodeIsEightBase32CharactersFromTheSignature) {
    const Proof proof = make_proof(*signer, claims);
    const auto parts = test::split_proof(proof.payload).value();
    EXPECT_EQ(proof.verification_code.size(), 8u);
    EXPECT_EQ(proof.verification_code.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
              std::string::npos);
    EXPECT_EQ(proof.verification_code, verification_code_for(parts.signature));
}

TEST(Signer, RefusesKeysThatAreNotP256) {
    EXPECT_FALSE(make_es256_signer(test::generate_ec_private_key_pem("P-384"), "k"));
    EXPECT_FALSE(make_es256_signer("not a key", "k"));
    EXPECT_FALSE(make_es256_signer(test::generate_ec_private_key_pem(), "")) << "a key id is required";
}

}  // namespace
}  // namespace hk::central
