// Passive authentication on factory documents: a good one passes; each knob fails the step it breaks.
#include <gtest/gtest.h>

#include <fstream>

#include "drivers/icao9303/lds_files.h"
#include "drivers/icao9303/passive_authentication.h"
#include "drivers/icao9303/sod.h"
#include "drivers/icao9303/test_document.h"
#include "trust_dir.h"

namespace hk::drivers::icao9303 {
namespace {

using testdoc::TrustFileFormat;

CscaStore trust(TrustFileFormat format, testdoc::KeyKind kind = testdoc::KeyKind::EcP256) {
    static TempDir directory;  // one per format is enough; files are named per kind and format
    const auto written =
        testdoc::write_trust_file(directory.path() / (std::to_string(static_cast<int>(format)) + "-" +
                                                      std::to_string(static_cast<int>(kind))),
                                  format, kind);
    EXPECT_TRUE(written) << written.error();
    auto store = CscaStore::load_directory(written->parent_path());
    EXPECT_TRUE(store) << store.error();
    return std::move(*store);
}

PassiveAuthenticationResult verify(const testdoc::TestDocumentOptions& options, const CscaStore& store) {
    const auto document = testdoc::make_test_document(options);
    EXPECT_TRUE(document) << document.error();
    return verify_passive_authentication(*document->file(fid::kSod), document->data_groups(), store);
}

TEST(PassiveAuthentication, GoodDocumentPassesWithCscaFromPem) {
    const CscaStore store = trust(TrustFileFormat::Pem);
    EXPECT_EQ(store.size(), 1U);
    EXPECT_TRUE(store.problems().empty());
    const auto result = verify({}, store);
    EXPECT_EQ(result.overall, CheckOutcome::Passed) << result.reason();
    EXPECT_EQ(result.signature, CheckOutcome::Passed);
    EXPECT_EQ(result.chain, CheckOutcome::Passed);
    EXPECT_EQ(result.data_groups, CheckOutcome::Passed);
    EXPECT_EQ(result.data_group_checks.size(), 6U);
    EXPECT_EQ(result.hash_algorithm, HashAlgorithm::Sha256);
    EXPECT_EQ(result.validation_time, ValidationTime::SigningTime);
    EXPECT_TRUE(result.reasons.empty());

    ChipAuthentication authentication;
    result.apply_to(authentication);
    EXPECT_EQ(authentication.passive, CheckOutcome::Passed);
    EXPECT_TRUE(authentication.reason.empty());
}

TEST(PassiveAuthentication, CscaFromDerAndFromMasterList) {
    EXPECT_EQ(verify({}, trust(TrustFileFormat::Der)).overall, CheckOutcome::Passed);
    const CscaStore from_list = trust(TrustFileFormat::MasterList);
    EXPECT_EQ(from_list.size(), 1U);
    EXPECT_EQ(verify({}, from_list).overall, CheckOutcome::Passed);
}

TEST(PassiveAuthentication, RsaCscaAndSha512Sod) {
    testdoc::TestDocumentOptions options;
    options.csca_key = testdoc::KeyKind::Rsa2048;
    options.sod_hash = HashAlgorithm::Sha512;
    const auto result = verify(options, trust(TrustFileFormat::Pem, testdoc::KeyKind::Rsa2048));
    EXPECT_EQ(result.overall, CheckOutcome::Passed) << result.reason();
    EXPECT_EQ(result.hash_algorithm, HashAlgorithm::Sha512);
}

TEST(PassiveAuthentication, TamperedDataGroupFailsNamingIt) {
    for (const int dg : {1, 2, 15}) {
        testdoc::TestDocumentOptions options;
        options.tampered_data_group = dg;
        const auto result = verify(options, trust(TrustFileFormat::Pem));
        EXPECT_EQ(result.overall, CheckOutcome::Failed);
        EXPECT_EQ(result.signature, CheckOutcome::Passed);
        EXPECT_EQ(result.chain, CheckOutcome::Passed);
        EXPECT_EQ(result.data_groups, CheckOutcome::Failed);
        EXPECT_NE(result.reason().find("DG" + std::to_string(dg) + " hash does not match"), std::string::npos)
            << result.reason();
        for (const DataGroupHashCheck& check : result.data_group_checks)
            EXPECT_EQ(check.outcome, check.data_group == dg ? CheckOutcome::Failed : CheckOutcome::Passed);
    }
}

TEST(PassiveAuthentication, DataGroupMissingFromSodFails) {
    const auto document = testdoc::make_test_document();
    ASSERT_TRUE(document);
    auto groups = document->data_groups();
    groups[3] = iso7816::Bytes{0x63, 0x00};
    const auto result =
        verify_passive_authentication(*document->file(fid::kSod), groups, trust(TrustFileFormat::Pem));
    EXPECT_EQ(result.overall, CheckOutcome::Failed);
    EXPECT_NE(result.reason().find("DG3 is not listed in EF.SOD"), std::string::npos) << result.reason();
}

TEST(PassiveAuthentication, BadSignatureFails) {
    testdoc::TestDocumentOptions options;
    options.bad_signature = true;
    const auto result = verify(options, trust(TrustFileFormat::Pem));
    EXPECT_EQ(result.overall, CheckOutcome::Failed);
    EXPECT_EQ(result.signature, CheckOutcome::Failed);
    EXPECT_NE(result.reason().find("signature does not verify"), std::string::npos) << result.reason();
    EXPECT_EQ(result.data_groups, CheckOutcome::Passed) << "the hashes are still compared, for diagnostics";
}

TEST(PassiveAuthentication, UnknownCscaFailsTheChain) {
    testdoc::TestDocumentOptions options;
    options.csca = testdoc::CscaChoice::Unknown;
    const auto result = verify(options, trust(TrustFileFormat::Pem));
    EXPECT_EQ(result.overall, CheckOutcome::Failed);
    EXPECT_EQ(result.signature, CheckOutcome::Passed);
    EXPECT_EQ(result.chain, CheckOutcome::Failed);
    EXPECT_NE(result.reason().find("not issued by a trusted CSCA"), std::string::npos) << result.reason();
}

TEST(PassiveAuthentication, EmptyTrustStoreIsNotPossible) {
    const auto result = verify({}, CscaStore{});
    EXPECT_EQ(result.overall, CheckOutcome::NotPossible) << result.reason();
    EXPECT_EQ(result.signature, CheckOutcome::Passed);
    EXPECT_EQ(result.chain, CheckOutcome::NotPossible);
}

TEST(PassiveAuthentication, DsExpiredSinceSigningPassesAtTheSigningTime) {
    testdoc::TestDocumentOptions options;
    options.ds_validity = testdoc::DsValidity::ExpiredSinceSigning;
    const auto result = verify(options, trust(TrustFileFormat::Pem));
    EXPECT_EQ(result.overall, CheckOutcome::Passed) << result.reason();
    EXPECT_EQ(result.validation_time, ValidationTime::SigningTime);
}

TEST(PassiveAuthentication, SignedAfterDsExpiryFails) {
    testdoc::TestDocumentOptions options;
    options.ds_validity = testdoc::DsValidity::SignedAfterExpiry;
    const auto result = verify(options, trust(TrustFileFormat::Pem));
    EXPECT_EQ(result.overall, CheckOutcome::Failed);
    EXPECT_EQ(result.chain, CheckOutcome::Failed);
    EXPECT_NE(result.reason().find("expired"), std::string::npos) << result.reason();
}

TEST(PassiveAuthentication, SigningTimeInTheFutureFails) {
    const auto document = testdoc::make_test_document();
    ASSERT_TRUE(document);
    const auto long_ago = std::chrono::system_clock::now() - std::chrono::hours(24 * 30);
    const auto result = verify_passive_authentication(*document->file(fid::kSod), document->data_groups(),
                                                      trust(TrustFileFormat::Pem), long_ago);
    EXPECT_EQ(result.chain, CheckOutcome::Failed);
    EXPECT_NE(result.reason().find("future"), std::string::npos);
}

TEST(PassiveAuthentication, SodReadsWithoutVerification) {
    const auto document = testdoc::make_test_document();
    ASSERT_TRUE(document);
    const auto sod = read_sod_unverified(*document->file(fid::kSod));
    ASSERT_TRUE(sod);
    EXPECT_EQ(sod->version, 0);
    EXPECT_EQ(sod->hash_algorithm, HashAlgorithm::Sha256);
    ASSERT_EQ(sod->hashes.size(), 6U);
    EXPECT_EQ(sod->hashes[0].data_group, 1);
    EXPECT_EQ(sod->hashes[0].hash, digest(HashAlgorithm::Sha256, *document->file(fid::kDg1)));
}

TEST(PassiveAuthentication, TrustDirectorySkipsJunkAndNamesIt) {
    TempDir directory;
    ASSERT_TRUE(testdoc::write_trust_file(directory.path(), TrustFileFormat::Pem));
    ASSERT_TRUE(testdoc::write_trust_file(directory.path(), TrustFileFormat::Der));
    ASSERT_TRUE(testdoc::write_trust_file(directory.path(), TrustFileFormat::MasterList));
    std::ofstream(directory.path() / "junk.crt") << "not a certificate";
    std::ofstream(directory.path() / "junk.ml") << "not a master list";
    std::ofstream(directory.path() / "readme.txt") << "ignored";
    const auto store = CscaStore::load_directory(directory.path());
    ASSERT_TRUE(store);
    EXPECT_EQ(store->size(), 3U);
    ASSERT_EQ(store->problems().size(), 2U);
    EXPECT_EQ(store->problems()[0], "junk.crt: no certificate");
    EXPECT_EQ(store->problems()[1], "junk.ml: master list malformed");
    EXPECT_FALSE(CscaStore::load_directory(directory.path() / "missing"));
}

TEST(PassiveAuthentication, MasterListWithBrokenSignatureIsRejected) {
    const auto authority = testdoc::csca();
    iso7816::Bytes list = testdoc::make_master_list({authority.certificate.get()});
    ASSERT_FALSE(list.empty());
    ASSERT_TRUE(read_master_list(list));
    list[list.size() - 10] ^= 0x01;  // inside the signature value at the end
    EXPECT_EQ(read_master_list(list).error(), LdsError::Crypto);
}

}  // namespace
}  // namespace hk::drivers::icao9303
