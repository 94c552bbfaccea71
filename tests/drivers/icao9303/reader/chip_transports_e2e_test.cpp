// The whole e-passport read through both real transports: real pcscd (its vpcd driver served by the ICAO card
// simulator through VpcdCardBridge) and Debian's real libnfc (pn532_uart to the PN532 emulator on a pty),
// into the kiosk's chip reader backend, with the faults a citizen or a technician causes.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "drivers/icao9303/file_reader.h"
#include "drivers/icao9303/icao_chip_reader.h"
#include "drivers/icao9303/test_document.h"
#include "drivers/sim/icao_test_card.h"
#include "drivers/sim/plain_contactless_card.h"
#include "drivers/transports/pn532_emulator.h"
#include "drivers/transports/vpcd_card_bridge.h"
#include "pcscd_peer.h"

namespace hk::drivers::icao9303 {
namespace {

using namespace std::chrono_literals;
using transports::testing::PcscdPeer;

std::filesystem::path test_dir() {
    return std::filesystem::temp_directory_path() / ("hukiosk-chip-e2e-" + std::to_string(::getpid()));
}

class ChipTransports : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { PcscdPeer::use_private_socket(test_dir() / "pcscd" / "pcscd.comm"); }

    void SetUp() override {
        std::filesystem::create_directories(test_dir() / "csca");
        ASSERT_TRUE(testdoc::write_trust_file(test_dir() / "csca", testdoc::TrustFileFormat::Pem));
        auto made = testdoc::make_test_document();
        ASSERT_TRUE(made) << made.error();
        document_ = std::make_unique<testdoc::TestDocument>(std::move(*made));
        options_.trust_store = test_dir() / "csca";
    }

    void TearDown() override {
        bridge_.reset();
        pcscd_.reset();
        std::error_code ignored;
        std::filesystem::remove_all(test_dir(), ignored);
    }

    void start_pcscd_with(std::shared_ptr<sim::SimulatedCard> card) {
        card_ = std::move(card);
        ASSERT_TRUE(std::filesystem::exists("/usr/sbin/pcscd")) << "pcscd is not installed";
        const std::uint16_t port = PcscdPeer::free_port_pair();
        ASSERT_NE(port, 0);
        pcscd_ = std::make_unique<PcscdPeer>(test_dir() / "pcscd", port);
        ASSERT_TRUE(pcscd_->start()) << pcscd_->error();
        transports::VpcdBridgeOptions bridge;
        bridge.port = port;
        bridge_ = std::make_unique<transports::VpcdCardBridge>(*card_, bridge);
        bridge_->start();
        ASSERT_TRUE(bridge_->wait_connected(10s)) << "vpcd never accepted the bridge";
    }

    std::unique_ptr<IcaoChipReader> reader_for(std::string_view config) {
        auto port = open_contactless_port(config);
        EXPECT_TRUE(port) << (port ? "" : port.error());
        return std::make_unique<IcaoChipReader>(std::move(*port), options_);
    }

    std::unique_ptr<testdoc::TestDocument> document_;
    DocumentReadOptions options_;
    std::shared_ptr<sim::SimulatedCard> card_;
    std::unique_ptr<PcscdPeer> pcscd_;
    std::unique_ptr<transports::VpcdCardBridge> bridge_;
};

TEST_F(ChipTransports, ReadsThePassportThroughRealPcscdWithEveryCheckPassing) {
    start_pcscd_with(sim::make_test_card(*document_, sim::IcaoCardQuirks{.max_read = 4096}));
    auto reader = reader_for("pcsc:Virtual PCD 00 00");
    auto read = reader->read_document(document_->access_key(), 10s);
    ASSERT_TRUE(read) << fault_code(read.error()) << " " << read.error().detail;
    ASSERT_TRUE(read->has_value());
    EXPECT_EQ((*read)->surname.reveal(), "ERIKSSON");
    EXPECT_EQ((*read)->face_image.size(), 20u * 1024u);
    EXPECT_EQ((*read)->authentication.passive, CheckOutcome::Passed) << (*read)->authentication.reason;
    EXPECT_EQ((*read)->authentication.active_or_chip, CheckOutcome::Passed) << (*read)->authentication.reason;
    const DocumentReadReport report = reader->last_report();
    EXPECT_EQ(report.read_size, 4096u);
    EXPECT_EQ(report.access.rfind("PACE", 0), 0u) << report.access;
    EXPECT_GT(bridge_->stats().apdus, 10u);
}

TEST_F(ChipTransports, AWrongKeyAndACardPulledAwayAreClearFaultsThroughPcscd) {
    start_pcscd_with(
        sim::make_test_card(*document_, sim::IcaoCardQuirks{.max_read = 223, .removed_after_apdus = 40}));
    auto reader = reader_for("pcsc:Virtual PCD");
    const ChipAccessKey wrong{PersonalString("L898902C3"), PersonalString("740812"),
                              PersonalString("340416")};
    auto refused = reader->read_document(wrong, 10s);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().kind, FaultKind::AccessDenied) << refused.error().detail;
    EXPECT_EQ(fault_code(refused.error()), "CHP-05");

    auto pulled = reader->read_document(document_->access_key(), 10s);
    ASSERT_FALSE(pulled);
    EXPECT_EQ(pulled.error().kind, FaultKind::CardRemoved) << pulled.error().detail;
}

TEST_F(ChipTransports, NoCardWithinTheWaitIsNoDocumentAndAStoppedPcscdIsUnplugged) {
    start_pcscd_with(sim::make_test_card(*document_));
    bridge_->remove_card();
    auto reader = reader_for("pcsc:Virtual PCD 00 00");
    auto nothing = reader->read_document(document_->access_key(), 300ms);
    ASSERT_TRUE(nothing) << nothing.error().detail;
    EXPECT_FALSE(nothing->has_value());
    pcscd_->stop();
    auto gone = reader->read_document(document_->access_key(), 300ms);
    ASSERT_FALSE(gone);
    EXPECT_EQ(gone.error().kind, FaultKind::Unplugged) << gone.error().detail;
    EXPECT_EQ(reader->status().fault, FaultKind::Unplugged);
}

TEST_F(ChipTransports, ReadsThePassportThroughRealLibnfcAndAPn532) {
    auto card = sim::make_test_card(*document_);
    transports::Pn532EmulatorOptions emulator_options;
    emulator_options.symlink_path = (test_dir() / "pn532").string();
    transports::Pn532Emulator emulator(*card, emulator_options);
    ASSERT_TRUE(emulator.start());
    auto reader = reader_for("nfc:" + emulator.device_string());
    auto read = reader->read_document(document_->access_key(), 10s);
    ASSERT_TRUE(read) << fault_code(read.error()) << " " << read.error().detail;
    ASSERT_TRUE(read->has_value());
    EXPECT_EQ((*read)->document_number.reveal(), "L898902C3");
    EXPECT_EQ((*read)->authentication.passive, CheckOutcome::Passed) << (*read)->authentication.reason;
    EXPECT_EQ((*read)->authentication.active_or_chip, CheckOutcome::Passed) << (*read)->authentication.reason;
    // The PN532 path carries short APDUs only: the reader stays at the short secure-messaging size.
    EXPECT_EQ(reader->last_report().read_size, kShortSecureRead);

    emulator.remove_card();
    auto nothing = reader->read_document(document_->access_key(), 300ms);
    ASSERT_TRUE(nothing) << nothing.error().detail;
    EXPECT_FALSE(nothing->has_value());
    emulator.stop();
    auto gone = reader->read_document(document_->access_key(), 300ms);
    ASSERT_FALSE(gone);
    EXPECT_EQ(gone.error().kind, FaultKind::Unplugged) << gone.error().detail;
    ASSERT_TRUE(emulator.start());
    emulator.insert_card();
    auto again = reader->read_document(document_->access_key(), 10s);
    ASSERT_TRUE(again) << again.error().detail;
    EXPECT_TRUE(again->has_value());
}

// ---- card identity: the UID the reader reports, how a technician card is recognised ----

// pcscd sees a card only on its next poll of the driver; bounded retries, so one never seen fails the test.
std::optional<std::string> identity_within(IcaoChipReader& reader, std::chrono::milliseconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
        auto identity = reader.read_card_identity(200ms);
        if (!identity) {
            ADD_FAILURE() << fault_code(identity.error()) << " " << identity.error().detail;
            return std::nullopt;
        }
        if (*identity) return *identity;
    }
    return std::nullopt;
}

TEST_F(ChipTransports, ATechnicianCardsUidComesThroughRealPcscdAndNoCardIsNoIdentity) {
    start_pcscd_with(std::make_shared<sim::PlainContactlessCard>(iso7816::Bytes{0x04, 0xA1, 0xB2, 0xC3}));
    auto reader = reader_for("pcsc:Virtual PCD 00 00");
    EXPECT_EQ(identity_within(*reader, 10s), "04A1B2C3");

    bridge_->remove_card();
    std::optional<std::string> seen = "not asked";
    for (int attempt = 0; attempt < 50 && seen; ++attempt) {
        auto identity = reader->read_card_identity(100ms);
        ASSERT_TRUE(identity) << identity.error().detail;
        seen = *identity;
    }
    EXPECT_EQ(seen, std::nullopt);
    pcscd_->stop();
    auto gone = reader->read_card_identity(300ms);
    ASSERT_FALSE(gone);
    EXPECT_EQ(gone.error().kind, FaultKind::Unplugged) << gone.error().detail;
}

TEST_F(ChipTransports, APassportsRandomUidComesThroughPcscdWithoutOpeningTheDocument) {
    auto card = sim::make_test_card(*document_);
    const iso7816::Bytes uid = card->uid();
    start_pcscd_with(card);
    auto reader = reader_for("pcsc:Virtual PCD 00 00");
    const auto identity = identity_within(*reader, 10s);
    ASSERT_TRUE(identity);
    EXPECT_EQ(*identity, iso7816::to_hex(uid));
    EXPECT_EQ(identity->substr(0, 2), "08");  // ICAO's random UIDs start 08
    EXPECT_EQ(card->apdus_answered(), 0);     // the reader answered; not a word to the chip
}

TEST_F(ChipTransports, ATechnicianCardsUidComesThroughRealLibnfcAndAPn532) {
    sim::PlainContactlessCard card(iso7816::Bytes{0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66});
    transports::Pn532EmulatorOptions emulator_options;
    emulator_options.symlink_path = (test_dir() / "pn532").string();
    emulator_options.uid = {0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66};
    transports::Pn532Emulator emulator(card, emulator_options);
    ASSERT_TRUE(emulator.start());
    auto reader = reader_for("nfc:" + emulator.device_string());
    auto identity = reader->read_card_identity(10s);
    ASSERT_TRUE(identity) << identity.error().detail;
    EXPECT_EQ(*identity, "04112233445566");
    emulator.remove_card();
    auto nothing = reader->read_card_identity(300ms);
    ASSERT_TRUE(nothing) << nothing.error().detail;
    EXPECT_FALSE(nothing->has_value());
}

// ---- self-test: reader answering and chip presence, and never a word to the chip ----

std::string checked(const SelfTestResult& result, const std::string& name) {
    for (const auto& [key, value] : result.checks) {
        if (key == name) return value;
    }
    return "";
}

// pcscd learns of a card put in or taken away on its next poll of the driver: one look may still see the old
// state, a few looks later it is there. Bounded, so a reader that never sees it fails the test.
SelfTestResult self_test_until_card_is(IcaoChipReader& reader, const std::string& card) {
    SelfTestResult result = reader.self_test();
    for (int attempt = 0; attempt < 100 && result.passed && checked(result, "card") != card; ++attempt) {
        std::this_thread::sleep_for(100ms);
        result = reader.self_test();
    }
    return result;
}

TEST_F(ChipTransports, SelfTestThroughPcscdReportsTheChipWithoutTalkingToItAndFailsWhenPcscdStops) {
    start_pcscd_with(sim::make_test_card(*document_));
    auto reader = reader_for("pcsc:Virtual PCD 00 00");
    const auto apdus_before = bridge_->stats().apdus;
    const SelfTestResult present = self_test_until_card_is(*reader, "present");
    EXPECT_TRUE(present.passed) << present.summary;
    EXPECT_EQ(checked(present, "reader_answering"), "yes");
    EXPECT_EQ(checked(present, "card"), "present");
    EXPECT_EQ(bridge_->stats().apdus, apdus_before);  // no APDU reached the chip

    bridge_->remove_card();
    const SelfTestResult absent = self_test_until_card_is(*reader, "absent");
    EXPECT_TRUE(absent.passed) << absent.summary;
    EXPECT_EQ(checked(absent, "card"), "absent");

    pcscd_->stop();
    const SelfTestResult gone = reader->self_test();
    EXPECT_FALSE(gone.passed);
    EXPECT_EQ(gone.fault, FaultKind::Unplugged) << gone.summary;
    EXPECT_EQ(fault_code(DeviceKind::ChipReader, *gone.fault), "CHP-01");
    EXPECT_EQ(reader->status().fault, FaultKind::Unplugged);
}

TEST_F(ChipTransports, SelfTestThroughLibnfcAndAPn532SeesTheFieldAndAGoneReader) {
    auto card = sim::make_test_card(*document_);
    transports::Pn532EmulatorOptions emulator_options;
    emulator_options.symlink_path = (test_dir() / "pn532").string();
    transports::Pn532Emulator emulator(*card, emulator_options);
    ASSERT_TRUE(emulator.start());
    auto reader = reader_for("nfc:" + emulator.device_string());
    const SelfTestResult present = reader->self_test();
    EXPECT_TRUE(present.passed) << present.summary;
    EXPECT_EQ(checked(present, "card"), "present");

    emulator.remove_card();
    const SelfTestResult absent = reader->self_test();
    EXPECT_TRUE(absent.passed) << absent.summary;
    EXPECT_EQ(checked(absent, "card"), "absent");

    emulator.stop();
    const SelfTestResult gone = reader->self_test();
    EXPECT_FALSE(gone.passed);
    EXPECT_EQ(gone.fault, FaultKind::Unplugged) << gone.summary;
}

}  // namespace
}  // namespace hk::drivers::icao9303
