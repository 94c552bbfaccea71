// Active authentication: the chip side of the simulator against the terminal side, RSA (ISO/IEC 9796-2)
// and ECDSA (plain and DER), and a cloned chip.
#include <gtest/gtest.h>

#include "drivers/icao9303/active_authentication.h"
#include "drivers/icao9303/dg15.h"
#include "drivers/icao9303/lds_files.h"
#include "drivers/icao9303/security_infos.h"
#include "drivers/icao9303/test_document.h"

namespace hk::drivers::icao9303 {
namespace {

struct Case {
    testdoc::AaKey key;
    ActiveAuthenticationChip::Options chip;
};

ActiveAuthenticationResult run(const Case& c, bool with_dg14_hash = true) {
    testdoc::TestDocumentOptions options;
    options.active_authentication = c.key;
    options.aa_ecdsa_hash = c.chip.ecdsa_hash;
    const auto document = testdoc::make_test_document(options);
    EXPECT_TRUE(document) << document.error();
    const auto public_key = parse_dg15(*document->file(fid::kDg15));
    EXPECT_TRUE(public_key);
    std::optional<HashAlgorithm> hash;
    if (with_dg14_hash) {
        const auto infos = parse_dg14(*document->file(fid::kDg14));
        EXPECT_TRUE(infos);
        if (infos->active_authentication) hash = infos->active_authentication->hash();
    }
    const ActiveAuthenticationChip chip(share(document->active_authentication_key.get()), c.chip);
    SystemRandom random;
    const Bytes challenge = make_active_authentication_challenge(random);
    const auto answer = chip.internal_authenticate(challenge);
    EXPECT_TRUE(answer);
    return verify_active_authentication(public_key->get(), challenge, *answer, hash);
}

TEST(ActiveAuthentication, Rsa9796WithSha1TrailerBc) {
    const auto result = run({testdoc::AaKey::Rsa1024, {}});
    EXPECT_EQ(result.outcome, CheckOutcome::Passed) << result.reason;
}

TEST(ActiveAuthentication, Rsa2048WithSha256Trailer34CC) {
    ActiveAuthenticationChip::Options chip;
    chip.rsa_hash = HashAlgorithm::Sha256;
    EXPECT_EQ(run({testdoc::AaKey::Rsa2048, chip}).outcome, CheckOutcome::Passed);
    chip.rsa_hash = HashAlgorithm::Sha512;
    EXPECT_EQ(run({testdoc::AaKey::Rsa2048, chip}).outcome, CheckOutcome::Passed);
}

TEST(ActiveAuthentication, EcdsaPlainAndDer) {
    ActiveAuthenticationChip::Options chip;
    chip.ecdsa_encoding = EcdsaSignatureEncoding::Plain;
    EXPECT_EQ(run({testdoc::AaKey::EcP256, chip}).outcome, CheckOutcome::Passed);
    chip.ecdsa_encoding = EcdsaSignatureEncoding::Der;
    EXPECT_EQ(run({testdoc::AaKey::EcP256, chip}).outcome, CheckOutcome::Passed);
    chip.ecdsa_hash = HashAlgorithm::Sha384;
    EXPECT_EQ(run({testdoc::AaKey::EcP256, chip}).outcome, CheckOutcome::Passed);
}

TEST(ActiveAuthentication, EcdsaWithoutActiveAuthenticationInfoTriesTheUsualHashes) {
    ActiveAuthenticationChip::Options chip;
    chip.ecdsa_hash = HashAlgorithm::Sha224;
    EXPECT_EQ(run({testdoc::AaKey::EcP256, chip}, false).outcome, CheckOutcome::Passed);
}

TEST(ActiveAuthentication, ClonedChipFails) {
    ActiveAuthenticationChip::Options chip;
    chip.cloned = true;
    for (const testdoc::AaKey key : {testdoc::AaKey::Rsa1024, testdoc::AaKey::EcP256}) {
        const auto result = run({key, chip});
        EXPECT_EQ(result.outcome, CheckOutcome::Failed);
        EXPECT_FALSE(result.reason.empty());
    }
}

TEST(ActiveAuthentication, WrongChallengeOrGarbageFails) {
    const auto document = testdoc::make_test_document();
    ASSERT_TRUE(document);
    const auto public_key = parse_dg15(*document->file(fid::kDg15));
    ASSERT_TRUE(public_key);
    const ActiveAuthenticationChip chip(share(document->active_authentication_key.get()), {});
    const Bytes challenge{1, 2, 3, 4, 5, 6, 7, 8};
    const auto answer = chip.internal_authenticate(challenge);
    ASSERT_TRUE(answer);
    EXPECT_EQ(verify_active_authentication(public_key->get(), challenge, *answer).outcome,
              CheckOutcome::Passed);
    const Bytes other{1, 2, 3, 4, 5, 6, 7, 9};
    EXPECT_EQ(verify_active_authentication(public_key->get(), other, *answer).outcome, CheckOutcome::Failed);
    EXPECT_EQ(verify_active_authentication(public_key->get(), challenge, Bytes(128, 0x55)).outcome,
              CheckOutcome::Failed);
    EXPECT_EQ(verify_active_authentication(public_key->get(), challenge, Bytes{}).outcome,
              CheckOutcome::Failed);
    EXPECT_EQ(verify_active_authentication(public_key->get(), challenge, Bytes(400, 0xFF)).outcome,
              CheckOutcome::Failed);
}

TEST(ActiveAuthentication, WithoutDg15ItIsNotPossible) {
    const Bytes challenge(8, 0x11);
    const auto result = verify_active_authentication(nullptr, challenge, Bytes(64, 0));
    EXPECT_EQ(result.outcome, CheckOutcome::NotPossible);
    ChipAuthentication authentication;
    result.apply_to(authentication);
    EXPECT_EQ(authentication.active_or_chip, CheckOutcome::NotPossible);
    EXPECT_NE(authentication.reason.find("no DG15"), std::string::npos);
}

}  // namespace
}  // namespace hk::drivers::icao9303
