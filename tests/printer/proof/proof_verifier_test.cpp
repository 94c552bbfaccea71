#include "printer/proof/proof_verifier.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "proof_fixture.h"

namespace hk::printer::proof {
namespace {

using testing::SignedProofs;

constexpr std::string_view kToday = "2026-12-01";

TEST(ProofVerifier, AcceptsWhatTheProvinceSignedAndShowsItsFacts) {
    const SignedProofs proofs;
    const central::Proof issued = proofs.issue();
    const ProofVerdict verdict = verify_proof(issued.payload, proofs.trust(), kToday);
    ASSERT_TRUE(verdict.valid()) << verdict.reason;
    ASSERT_TRUE(verdict.claims);
    EXPECT_EQ(verdict.claims->serial, "HK2026000042");
    EXPECT_EQ(verdict.claims->holder, "王小明");
    EXPECT_EQ(verdict.verification_code, issued.verification_code);
}

// Every byte of the payload matters: changing any one of them, anywhere, must never yield VALID.
TEST(ProofVerifier, ChangingAnyOneByteIsCaught) {
    const SignedProofs proofs;
    const std::string payload = proofs.issue().payload;
    const TrustList trust = proofs.trust();
    int checked = 0;
    for (std::size_t at = 0; at < payload.size(); ++at) {
        for (const char replacement : {'A', 'g', '0', '_', '.', '\0'}) {
            if (payload[at] == replacement) continue;
            std::string tampered = payload;
            tampered[at] = replacement;
            const ProofVerdict verdict = verify_proof(tampered, trust, kToday);
            ASSERT_FALSE(verdict.valid()) << "byte " << at << " -> '" << replacement << "' still VALID";
            ++checked;
        }
    }
    EXPECT_GT(checked, 5 * 250);
}

// A signature of 70 or 71 bytes ends in a base64url character with unused low bits; setting them gives
// another text for the same bytes, which must not verify (found by the test above, one run in three, before
// the decoder refused non-canonical text).
TEST(ProofVerifier, TheUnusedBitsOfTheLastCharacterAreCovered) {
    const SignedProofs proofs;
    std::string payload;
    for (int attempt = 0; attempt < 50 && payload.empty(); ++attempt) {
        std::string candidate = proofs.issue().payload;  // ECDSA signatures differ every time
        if ((candidate.size() - candidate.rfind('.') - 1) % 4 != 0) payload = std::move(candidate);
    }
    ASSERT_FALSE(payload.empty()) << "no signature of 70 or 71 bytes in 50 tries";
    ASSERT_TRUE(verify_proof(payload, proofs.trust(), kToday).valid());
    static constexpr std::string_view kAlphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string other = payload;
    other.back() = kAlphabet[kAlphabet.find(payload.back()) | 1];  // lowest bit: always an unused one
    const ProofVerdict verdict = verify_proof(other, proofs.trust(), kToday);
    EXPECT_FALSE(verdict.valid());
    EXPECT_EQ(verdict.failure, ProofFailure::Malformed) << verdict.reason;
}

TEST(ProofVerifier, AlteredClaimsAreABadSignatureNotMalformed) {
    const SignedProofs proofs;
    SignedProofs forger = proofs;  // same key id, someone else's key
    forger.private_key_pem = central::test::generate_ec_private_key_pem();
    forger.signer = central::make_es256_signer(forger.private_key_pem, forger.key_id).value();
    const ProofVerdict verdict = verify_proof(forger.issue().payload, proofs.trust(), kToday);
    EXPECT_EQ(verdict.failure, ProofFailure::BadSignature);
    EXPECT_NE(verdict.reason.find("signature"), std::string::npos);
    ASSERT_TRUE(verdict.claims);  // shown to help the reader, but NOT VALID
}

TEST(ProofVerifier, AKeyOutsideTheTrustListIsUnknown) {
    SignedProofs proofs;
    const TrustList trust = proofs.trust();
    proofs.key_id = "rogue-1";
    proofs.signer = central::make_es256_signer(proofs.private_key_pem, proofs.key_id).value();
    const ProofVerdict verdict = verify_proof(proofs.issue().payload, trust, kToday);
    EXPECT_EQ(verdict.failure, ProofFailure::UnknownKey);
    EXPECT_NE(verdict.reason.find("rogue-1"), std::string::npos);
}

TEST(ProofVerifier, ValidThroughItsLastDayThenExpired) {
    const SignedProofs proofs;
    const std::string payload = proofs.issue().payload;
    EXPECT_TRUE(verify_proof(payload, proofs.trust(), "2027-02-19").valid());
    const ProofVerdict verdict = verify_proof(payload, proofs.trust(), "2027-02-20");
    EXPECT_EQ(verdict.failure, ProofFailure::Expired);
    EXPECT_NE(verdict.reason.find("2027-02-19"), std::string::npos);
}

TEST(ProofVerifier, IssuedAfterTodayIsNotYetValid) {
    const SignedProofs proofs;
    EXPECT_EQ(verify_proof(proofs.issue().payload, proofs.trust(), "2026-11-21").failure,
              ProofFailure::NotYetValid);
}

TEST(ProofVerifier, NoEndDateNeverExpires) {
    SignedProofs proofs;
    proofs.claims.valid_until.clear();
    EXPECT_TRUE(verify_proof(proofs.issue().payload, proofs.trust(), "2099-01-01").valid());
}

TEST(ProofVerifier, GarbageIsMalformed) {
    const SignedProofs proofs;
    for (const char* text : {"", "hello", "HK1.", "HK1..", "\x89PNG\r\n"}) {
        EXPECT_EQ(verify_proof(text, proofs.trust(), kToday).failure, ProofFailure::Malformed) << text;
    }
}

TEST(TrustList, ReadsTheKeysListTheCentralServicePublishes) {
    const SignedProofs proofs;
    nlohmann::json keys;
    keys["keys"] = nlohmann::json::array(
        {{{"key_id", "old-1"},
          {"alg", "ES256"},
          {"public_key_pem", central::test::public_key_pem_of(central::test::generate_ec_private_key_pem())}},
         {{"key_id", proofs.key_id},
          {"alg", "ES256"},
          {"public_key_pem", central::test::public_key_pem_of(proofs.private_key_pem)}}});
    const auto trust = TrustList::from_keys_json(keys.dump());
    ASSERT_TRUE(trust) << trust.error();
    EXPECT_EQ(trust->size(), 2u);
    EXPECT_TRUE(verify_proof(proofs.issue().payload, *trust, kToday).valid());
}

TEST(TrustList, RefusesKeysThatCannotBeES256) {
    const std::string p384 =
        central::test::public_key_pem_of(central::test::generate_ec_private_key_pem("P-384"));
    TrustList list;
    EXPECT_FALSE(list.add_pem("k", p384));
    EXPECT_FALSE(list.add_pem("k", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"));
    EXPECT_FALSE(
        list.add_pem("", central::test::public_key_pem_of(central::test::generate_ec_private_key_pem())));
    EXPECT_EQ(list.size(), 0u);
    const std::string p256 = central::test::public_key_pem_of(central::test::generate_ec_private_key_pem());
    nlohmann::json rs256;
    rs256["keys"] = nlohmann::json::array({{{"key_id", "k"}, {"alg", "RS256"}, {"public_key_pem", p256}}});
    EXPECT_FALSE(TrustList::from_keys_json(rs256.dump()));
    EXPECT_FALSE(TrustList::from_keys_json(R"({"keys":[]})"));
    EXPECT_FALSE(TrustList::from_keys_json("not json"));
}

}  // namespace
}  // namespace hk::printer::proof
