// PC/SC end to end: PcscReaderPort and PcscChannel against a real pcscd (private socket and config), whose
// vpcd reader driver is served by VpcdCardBridge in front of the plain ISO test card.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <thread>

#include "drivers/transports/pcsc_reader_port.h"
#include "drivers/transports/vpcd_card_bridge.h"
#include "file_reading.h"
#include "iso_test_card.h"
#include "pcscd_peer.h"

namespace hk::drivers::transports {
namespace {

using namespace std::chrono_literals;
using iso7816::ChannelErrorKind;
using testing::IsoTestCard;
using testing::kLargeFile;
using testing::kLargeFileSize;
using testing::PcscdPeer;
using testing::read_whole_file;
using testing::test_file_contents;

constexpr const char* kReader = "Virtual PCD 00 00";

std::filesystem::path test_dir() {
    return std::filesystem::temp_directory_path() / ("hukiosk-pcsc-" + std::to_string(::getpid()));
}

class PcscEndToEnd : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { PcscdPeer::use_private_socket(test_dir() / "pcscd.comm"); }

    void SetUp() override {
        ASSERT_TRUE(std::filesystem::exists("/usr/sbin/pcscd")) << "pcscd is not installed";
        port_ = PcscdPeer::free_port_pair();
        ASSERT_NE(port_, 0) << "no free port pair for vpcd";
        pcscd_ = std::make_unique<PcscdPeer>(test_dir(), port_);
        ASSERT_TRUE(pcscd_->start()) << pcscd_->error();
        bridge_ = std::make_unique<VpcdCardBridge>(card_, bridge_options());
        bridge_->start();
        ASSERT_TRUE(bridge_->wait_connected(10s)) << "vpcd never accepted the bridge";
    }

    void TearDown() override {
        bridge_.reset();
        pcscd_.reset();
        std::error_code ignored;
        std::filesystem::remove_all(test_dir(), ignored);
    }

    VpcdBridgeOptions bridge_options() const {
        VpcdBridgeOptions options;
        options.port = port_;
        return options;
    }

    // Waits for the card and connects; fails the test when either does not work.
    std::unique_ptr<PcscChannel> connect_card(PcscReaderPort& port) {
        const auto card = port.wait_for_card(10s);
        EXPECT_TRUE(card.has_value()) << (card ? "" : card.error().detail);
        EXPECT_TRUE(card.value_or(false));
        auto channel = port.connect();
        EXPECT_TRUE(channel.has_value()) << (channel ? "" : channel.error().detail);
        return channel ? std::move(*channel) : nullptr;
    }

    IsoTestCard card_;
    std::uint16_t port_ = 0;
    std::unique_ptr<PcscdPeer> pcscd_;
    std::unique_ptr<VpcdCardBridge> bridge_;
};

TEST_F(PcscEndToEnd, ListsTheVirtualReaderAndMatchesItByPrefix) {
    PcscReaderPort port("Virtual PCD");
    const auto card = port.wait_for_card(10s);
    ASSERT_TRUE(card.has_value()) << card.error().detail;
    EXPECT_EQ(port.reader_name(), kReader);
    const auto readers = port.list_readers();
    ASSERT_TRUE(readers.has_value());
    EXPECT_EQ(*readers, (std::vector<std::string>{"Virtual PCD 00 00", "Virtual PCD 00 01"}));
}

TEST_F(PcscEndToEnd, ConnectsWithTheCardsAtr) {
    PcscReaderPort port(kReader);
    const auto channel = connect_card(port);
    ASSERT_NE(channel, nullptr);
    EXPECT_EQ(channel->atr(), card_.atr());
    EXPECT_EQ(channel->reader_name(), kReader);
    EXPECT_TRUE(channel->supports_extended_length());
    EXPECT_GE(card_.resets(), 1U) << "vpcd powers the card on before the ATR";
}

TEST_F(PcscEndToEnd, ReadsTwentyKilobytesWithShortApdus) {
    PcscReaderPort port(kReader);
    const auto channel = connect_card(port);
    ASSERT_NE(channel, nullptr);
    const auto contents = read_whole_file(*channel, kLargeFile, 256);
    ASSERT_TRUE(contents.has_value()) << contents.error().detail;
    EXPECT_EQ(*contents, test_file_contents(kLargeFile, kLargeFileSize));
    EXPECT_EQ(channel->counters().apdus, 1 + kLargeFileSize / 256 + 1);  // SELECT, 80 full reads, end
}

TEST_F(PcscEndToEnd, ReadsTwentyKilobytesWithOneExtendedApdu) {
    PcscReaderPort port(kReader);
    const auto channel = connect_card(port);
    ASSERT_NE(channel, nullptr);
    const auto contents = read_whole_file(*channel, kLargeFile, 65536);
    ASSERT_TRUE(contents.has_value()) << contents.error().detail;
    EXPECT_EQ(*contents, test_file_contents(kLargeFile, kLargeFileSize));
    EXPECT_EQ(channel->counters().apdus, 2U);  // SELECT and one READ BINARY answered 6282
    EXPECT_EQ(card_.largest_answer(), kLargeFileSize);
}

TEST_F(PcscEndToEnd, ReadsWithExtendedChunksOfFourKilobytes) {
    PcscReaderPort port(kReader);
    const auto channel = connect_card(port);
    ASSERT_NE(channel, nullptr);
    const auto contents = read_whole_file(*channel, kLargeFile, 4096);
    ASSERT_TRUE(contents.has_value()) << contents.error().detail;
    EXPECT_EQ(*contents, test_file_contents(kLargeFile, kLargeFileSize));
}

TEST_F(PcscEndToEnd, NoCardWithinTheWaitThenACardInserted) {
    bridge_->remove_card();
    PcscReaderPort port(kReader);
    const auto start = std::chrono::steady_clock::now();
    const auto none = port.wait_for_card(700ms);
    const auto waited = std::chrono::steady_clock::now() - start;
    ASSERT_TRUE(none.has_value()) << none.error().detail;
    EXPECT_FALSE(*none);
    EXPECT_GE(waited, 600ms);
    bridge_->insert_card();
    const auto card = port.wait_for_card(10s);
    ASSERT_TRUE(card.has_value()) << card.error().detail;
    EXPECT_TRUE(*card);
}

TEST_F(PcscEndToEnd, CardPulledMidReadIsCardRemoved) {
    PcscReaderPort port(kReader);
    auto channel = connect_card(port);
    ASSERT_NE(channel, nullptr);
    card_.remove_during_command(10);  // the 10th command of the read never gets an answer
    const auto contents = read_whole_file(*channel, kLargeFile, 256);
    ASSERT_FALSE(contents.has_value());
    EXPECT_EQ(contents.error().kind, ChannelErrorKind::CardRemoved) << contents.error().detail;
    // pcscd reports the reader empty, and the card back once it returns.
    const auto none = port.wait_for_card(300ms);
    ASSERT_TRUE(none.has_value()) << none.error().detail;
    EXPECT_FALSE(*none);
    card_.set_present(true);
    channel.reset();  // the kiosk drops a channel whose card left; its exclusive hold goes with it
    const auto again = connect_card(port);
    ASSERT_NE(again, nullptr);
    const auto contents_again = read_whole_file(*again, kLargeFile, 256);
    ASSERT_TRUE(contents_again.has_value()) << contents_again.error().detail;
    EXPECT_EQ(contents_again->size(), kLargeFileSize);
}

TEST_F(PcscEndToEnd, UnknownReaderNameIsReaderGone) {
    PcscReaderPort port("ACS ACR122");
    const auto result = port.wait_for_card(300ms);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().kind, ChannelErrorKind::ReaderGone);
}

TEST_F(PcscEndToEnd, PcscdKilledIsReaderGoneAndTheSamePortRecoversAfterRestart) {
    PcscReaderPort port(kReader);
    auto channel = connect_card(port);
    ASSERT_NE(channel, nullptr);

    pcscd_->kill_hard();
    const auto during_exchange = channel->transmit(testing::select_file(kLargeFile));
    ASSERT_FALSE(during_exchange.has_value());
    EXPECT_EQ(during_exchange.error().kind, ChannelErrorKind::ReaderGone) << during_exchange.error().detail;
    const auto while_down = port.wait_for_card(200ms);
    ASSERT_FALSE(while_down.has_value());
    EXPECT_EQ(while_down.error().kind, ChannelErrorKind::ReaderGone) << while_down.error().detail;
    channel.reset();

    ASSERT_TRUE(pcscd_->start()) << pcscd_->error();
    ASSERT_TRUE(bridge_->wait_connected(10s) || bridge_->connected());
    std::expected<bool, iso7816::ChannelError> after = false;
    const auto deadline = std::chrono::steady_clock::now() + 15s;
    do {  // pcscd needs a moment to load vpcd, and the bridge to reconnect to it
        after = port.wait_for_card(1s);
    } while ((!after || !*after) && std::chrono::steady_clock::now() < deadline);
    ASSERT_TRUE(after.has_value()) << after.error().detail;
    ASSERT_TRUE(*after);
    auto recovered = port.connect();
    ASSERT_TRUE(recovered.has_value()) << recovered.error().detail;
    const auto contents = read_whole_file(**recovered, kLargeFile, 256);
    ASSERT_TRUE(contents.has_value()) << contents.error().detail;
    EXPECT_EQ(*contents, test_file_contents(kLargeFile, kLargeFileSize));
    EXPECT_GE(bridge_->stats().connections, 2U);
}

}  // namespace
}  // namespace hk::drivers::transports
