// The whole chip read against the ICAO card simulator holding documents signed through a real CSCA -> DS
// chain: PACE and BAC, every quirk the simulator has, and the checks that catch a tampered, forged or cloned
// chip.
#include "drivers/icao9303/document_reader.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "drivers/icao9303/lds_files.h"
#include "drivers/icao9303/test_document.h"
#include "drivers/sim/icao_card_simulator.h"
#include "drivers/sim/icao_test_card.h"

namespace hk::drivers::icao9303 {
namespace {

using sim::IcaoCardQuirks;
using sim::IcaoCardSimulator;

const std::filesystem::path& trust_dir() {
    static const std::filesystem::path dir = [] {
        auto path =
            std::filesystem::temp_directory_path() / ("hukiosk-reader-trust-" + std::to_string(getpid()));
        std::filesystem::create_directories(path);
        EXPECT_TRUE(testdoc::write_trust_file(path, testdoc::TrustFileFormat::Pem));
        return path;
    }();
    return dir;
}

class TrustDirCleanup : public ::testing::Environment {
  public:
    void TearDown() override { std::filesystem::remove_all(trust_dir()); }
};
const auto* const kCleanup = ::testing::AddGlobalTestEnvironment(new TrustDirCleanup);

struct Read {
    std::expected<ChipDocument, DocumentReadError> result;
    DocumentReadReport report;
};

Read read(const testdoc::TestDocumentOptions& document_options, IcaoCardQuirks quirks = {},
          std::optional<ChipCredentials> credentials = std::nullopt, DocumentReadOptions options = {}) {
    auto document = testdoc::make_test_document(document_options);
    EXPECT_TRUE(document) << (document ? "" : document.error());
    IcaoCardSimulator card(sim::card_contents(*document), quirks);
    sim::InProcessCardChannel channel(card);
    if (!options.trust_store) options.trust_store = trust_dir();
    SystemRandom random;
    Read out{std::unexpected(DocumentReadError{}), {}};
    out.result =
        read_chip_document(channel, credentials.value_or(ChipCredentials{document->access_key(), {}}),
                           options, random, &out.report);
    return out;
}

TEST(DocumentReader, ReadsAPaceDocumentAndEveryCheckPasses) {
    const testdoc::TestDocumentOptions options;
    const auto expected = testdoc::make_test_document(options);
    ASSERT_TRUE(expected);
    Read done = read(options);
    ASSERT_TRUE(done.result) << done.result.error().detail;
    EXPECT_EQ(done.report.access.rfind("PACE ECDH-GM AES-128", 0), 0u) << done.report.access;
    EXPECT_EQ(done.result->surname.reveal(), "ERIKSSON");
    EXPECT_EQ(done.result->given_names.reveal(), "ANNA MARIA");
    EXPECT_EQ(done.result->document_number.reveal(), "L898902C3");
    EXPECT_EQ(done.result->birth_date.reveal(), "740812");
    EXPECT_EQ(done.result->face_image.size(), options.face_bytes);
    EXPECT_EQ(done.result->authentication.passive, CheckOutcome::Passed)
        << done.result->authentication.reason;
    EXPECT_EQ(done.result->authentication.active_or_chip, CheckOutcome::Passed)
        << done.result->authentication.reason;
    EXPECT_GT(done.report.exchanged.apdus, 5u);
    EXPECT_FALSE(done.report.checks.empty());
}

TEST(DocumentReader, FallsBackToBacWithoutCardAccess) {
    testdoc::TestDocumentOptions options;
    options.card_access = false;
    Read done = read(options);
    ASSERT_TRUE(done.result) << done.result.error().detail;
    EXPECT_EQ(done.report.access, "BAC");
    EXPECT_FALSE(done.report.pace_fallback_reason.empty());
    EXPECT_EQ(done.result->authentication.passive, CheckOutcome::Passed);
}

TEST(DocumentReader, ReadsAPaceOnlyChipAndABacOnlyChip) {
    Read pace_only = read({}, IcaoCardQuirks{.pace_only = true});
    ASSERT_TRUE(pace_only.result) << pace_only.result.error().detail;
    Read bac_only = read({}, IcaoCardQuirks{.bac_only = true});
    ASSERT_TRUE(bac_only.result) << bac_only.result.error().detail;
    EXPECT_EQ(bac_only.report.access, "BAC");
}

TEST(DocumentReader, OpensWithTheCardAccessNumber) {
    ChipCredentials can{std::nullopt, PersonalString("123456")};
    Read done = read({}, {}, can);
    ASSERT_TRUE(done.result) << done.result.error().detail;
    ChipCredentials wrong{std::nullopt, PersonalString("654321")};
    Read refused = read({}, {}, wrong);
    ASSERT_FALSE(refused.result);
    EXPECT_EQ(refused.result.error().kind, DocumentReadError::Kind::AccessDenied);
}

TEST(DocumentReader, AWrongMrzKeyIsAccessDeniedWithPaceAndWithBac) {
    ChipCredentials wrong{
        ChipAccessKey{PersonalString("L898902C3"), PersonalString("740813"), PersonalString("340415")},
        std::nullopt};
    Read pace = read({}, {}, wrong);
    ASSERT_FALSE(pace.result);
    EXPECT_EQ(pace.result.error().kind, DocumentReadError::Kind::AccessDenied);
    testdoc::TestDocumentOptions bac;
    bac.card_access = false;
    Read refused = read(bac, {}, wrong);
    ASSERT_FALSE(refused.result);
    EXPECT_EQ(refused.result.error().kind, DocumentReadError::Kind::AccessDenied);
}

TEST(DocumentReader, PassiveAuthenticationCatchesATamperedGroupAForgedSignatureAndAnUnknownSigner) {
    testdoc::TestDocumentOptions tampered;
    tampered.tampered_data_group = 2;
    Read t = read(tampered);
    ASSERT_TRUE(t.result) << t.result.error().detail;
    EXPECT_EQ(t.result->authentication.passive, CheckOutcome::Failed);
    EXPECT_NE(t.result->authentication.reason.find("DG2"), std::string::npos)
        << t.result->authentication.reason;

    testdoc::TestDocumentOptions forged;
    forged.bad_signature = true;
    Read f = read(forged);
    ASSERT_TRUE(f.result);
    EXPECT_EQ(f.result->authentication.passive, CheckOutcome::Failed);

    testdoc::TestDocumentOptions stranger;
    stranger.csca = testdoc::CscaChoice::Unknown;
    Read s = read(stranger);
    ASSERT_TRUE(s.result);
    EXPECT_EQ(s.result->authentication.passive, CheckOutcome::Failed);

    DocumentReadOptions no_store;
    no_store.trust_store = std::filesystem::path("/nonexistent/hukiosk-csca");
    Read n = read({}, {}, std::nullopt, no_store);
    ASSERT_TRUE(n.result);
    EXPECT_EQ(n.result->authentication.passive, CheckOutcome::NotPossible);
}

TEST(DocumentReader, ChipAuthenticationAndActiveAuthenticationCatchAClonedChip) {
    Read ca_clone = read({}, IcaoCardQuirks{.cloned_chip = true});
    ASSERT_TRUE(ca_clone.result) << ca_clone.result.error().detail;
    EXPECT_EQ(ca_clone.result->authentication.active_or_chip, CheckOutcome::Failed);

    testdoc::TestDocumentOptions aa_only;
    aa_only.chip_authentication = testdoc::CaKey::None;
    aa_only.card_access = false;
    Read aa = read(aa_only);
    ASSERT_TRUE(aa.result) << aa.result.error().detail;
    EXPECT_EQ(aa.result->authentication.active_or_chip, CheckOutcome::Passed)
        << aa.result->authentication.reason;
    Read aa_clone = read(aa_only, IcaoCardQuirks{.cloned_chip = true});
    ASSERT_TRUE(aa_clone.result);
    EXPECT_EQ(aa_clone.result->authentication.active_or_chip, CheckOutcome::Failed);

    testdoc::TestDocumentOptions ec_aa = aa_only;
    ec_aa.active_authentication = testdoc::AaKey::EcP256;
    Read ec = read(ec_aa);
    ASSERT_TRUE(ec.result);
    EXPECT_EQ(ec.result->authentication.active_or_chip, CheckOutcome::Passed)
        << ec.result->authentication.reason;

    testdoc::TestDocumentOptions neither = aa_only;
    neither.active_authentication = testdoc::AaKey::None;
    Read none = read(neither);
    ASSERT_TRUE(none.result);
    EXPECT_EQ(none.result->authentication.active_or_chip, CheckOutcome::NotPossible);
}

TEST(DocumentReader, CopesWithEveryReadQuirk) {
    for (const IcaoCardQuirks& quirks :
         {IcaoCardQuirks{.omit_do99 = true}, IcaoCardQuirks{.max_read = 1000, .hint_wrong_le = true},
          IcaoCardQuirks{.max_read = 231, .extended_length = false}, IcaoCardQuirks{.warn_past_end = false},
          IcaoCardQuirks{.max_read = 4096}, IcaoCardQuirks{.answer_delay = std::chrono::milliseconds(1)}}) {
        Read done = read({}, quirks);
        ASSERT_TRUE(done.result) << done.result.error().detail;
        EXPECT_EQ(done.result->authentication.passive, CheckOutcome::Passed);
        EXPECT_LE(done.report.read_size, quirks.max_read);
    }
}

TEST(DocumentReader, LearnsTheReadSizeFromEfAtrInfo) {
    Read done = read({}, IcaoCardQuirks{.max_read = 4096});
    ASSERT_TRUE(done.result) << done.result.error().detail;
    EXPECT_EQ(done.report.read_size, 4096u);
    EXPECT_EQ(done.report.length_fallbacks, 0);
}

TEST(DocumentReader, EndsInAClearErrorWhenTheCardGoesOrLies) {
    Read removed = read({}, IcaoCardQuirks{.max_read = 223, .removed_after_apdus = 30});
    ASSERT_FALSE(removed.result);
    EXPECT_EQ(removed.result.error().kind, DocumentReadError::Kind::CardRemoved);
    Read bad_mac = read({}, IcaoCardQuirks{.wrong_mac = true});
    ASSERT_FALSE(bad_mac.result);
    EXPECT_EQ(bad_mac.result.error().kind, DocumentReadError::Kind::Unreadable);
}

TEST(DocumentReader, ReadsJpeg2000FacesAndOtherPaceFlavours) {
    testdoc::TestDocumentOptions jp2;
    jp2.face_format = FaceImageFormat::Jpeg2000;
    Read j = read(jp2);
    ASSERT_TRUE(j.result) << j.result.error().detail;
    EXPECT_FALSE(j.result->face_image.empty());

    struct Flavour {
        const char* oid;
        int parameter_id;
        const char* access;
    };
    for (const Flavour& flavour : {Flavour{"0.4.0.127.0.7.2.2.4.2.2", 13, "PACE ECDH-GM AES-128"},
                                   Flavour{"0.4.0.127.0.7.2.2.4.2.1", 12, "PACE ECDH-GM 3DES"},
                                   Flavour{"0.4.0.127.0.7.2.2.4.2.4", 15, "PACE ECDH-GM AES-256"},
                                   Flavour{"0.4.0.127.0.7.2.2.4.1.2", 2, "PACE DH-GM AES-128"},
                                   Flavour{"0.4.0.127.0.7.2.2.4.6.2", 12, "PACE ECDH-CAM AES-128"}}) {
        testdoc::TestDocumentOptions options;
        options.pace_protocol = flavour.oid;
        options.pace_parameter_id = flavour.parameter_id;
        Read done = read(options);
        ASSERT_TRUE(done.result) << flavour.oid << ": " << done.result.error().detail;
        EXPECT_EQ(done.report.access.rfind(flavour.access, 0), 0u) << done.report.access;
        EXPECT_EQ(done.result->authentication.passive, CheckOutcome::Passed);
        EXPECT_EQ(done.result->authentication.active_or_chip, CheckOutcome::Passed)
            << flavour.oid << ": " << done.result->authentication.reason;
    }
}

}  // namespace
}  // namespace hk::drivers::icao9303
