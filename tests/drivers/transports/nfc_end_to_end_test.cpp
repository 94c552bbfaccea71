// libnfc end to end: NfcReaderPort and NfcChannel through Debian's real libnfc (pn532_uart driver) to our
// PN532 emulator on a pseudo-terminal, in front of the plain ISO test card.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>

#include "drivers/transports/nfc_reader_port.h"
#include "drivers/transports/pn532_emulator.h"
#include "file_reading.h"
#include "iso_test_card.h"

namespace hk::drivers::transports {
namespace {

using namespace std::chrono_literals;
using iso7816::ChannelErrorKind;
using testing::IsoTestCard;
using testing::kLargeFile;
using testing::kLargeFileSize;
using testing::kSmallFile;
using testing::read_whole_file;
using testing::test_file_contents;

std::filesystem::path test_dir() {
    return std::filesystem::temp_directory_path() / ("hukiosk-nfc-" + std::to_string(::getpid()));
}

class NfcEndToEnd : public ::testing::Test {
  protected:
    void SetUp() override { std::filesystem::create_directories(test_dir()); }

    void TearDown() override {
        port_.reset();
        emulator_.reset();
        std::error_code ignored;
        std::filesystem::remove_all(test_dir(), ignored);
    }

    void start_emulator(Pn532EmulatorOptions options = {}) {
        options.symlink_path = (test_dir() / "pn532").string();
        emulator_ = std::make_unique<Pn532Emulator>(card_, options);
        const auto started = emulator_->start();
        ASSERT_TRUE(started.has_value()) << started.error();
        port_ = std::make_unique<NfcReaderPort>(emulator_->device_string());
    }

    std::unique_ptr<NfcChannel> connect_card() {
        const auto card = port_->wait_for_card(3s);
        EXPECT_TRUE(card.has_value()) << (card ? "" : card.error().detail);
        EXPECT_TRUE(card.value_or(false));
        auto channel = port_->connect();
        EXPECT_TRUE(channel.has_value()) << (channel ? "" : channel.error().detail);
        return channel ? std::move(*channel) : nullptr;
    }

    IsoTestCard card_;
    std::unique_ptr<Pn532Emulator> emulator_;
    std::unique_ptr<NfcReaderPort> port_;
};

TEST_F(NfcEndToEnd, SelectsTheCardAndReadsASmallFile) {
    start_emulator();
    const auto channel = connect_card();
    ASSERT_NE(channel, nullptr);
    EXPECT_EQ(port_->device_name(), emulator_->device_string());
    EXPECT_FALSE(channel->target().type_b);
    EXPECT_EQ(channel->target().uid, (iso7816::Bytes{0x04, 0x48, 0x4B, 0x31, 0x32, 0x33, 0x34}));
    EXPECT_FALSE(channel->target().ats.empty());
    EXPECT_TRUE(channel->card_present());
    const auto contents = read_whole_file(*channel, kSmallFile, 256);
    ASSERT_TRUE(contents.has_value()) << contents.error().detail;
    EXPECT_EQ(*contents, test_file_contents(kSmallFile, 42));
    EXPECT_EQ(emulator_->stats().selections, 1U);
}

TEST_F(NfcEndToEnd, ReadsTwentyKilobytesWithShortApdus) {
    start_emulator();
    const auto channel = connect_card();
    ASSERT_NE(channel, nullptr);
    const auto contents = read_whole_file(*channel, kLargeFile, 256);
    ASSERT_TRUE(contents.has_value()) << contents.error().detail;
    EXPECT_EQ(*contents, test_file_contents(kLargeFile, kLargeFileSize));
    EXPECT_EQ(channel->counters().apdus, 1 + kLargeFileSize / 256 + 1);
}

TEST_F(NfcEndToEnd, LargestAnswerThePathCarriesIs263Bytes) {
    start_emulator();
    const auto channel = connect_card();
    ASSERT_NE(channel, nullptr);
    EXPECT_FALSE(channel->supports_extended_length());
    // Ne 261 needs an extended Le; its 263-byte answer is the most libnfc 1.8.0 accepts.
    const std::size_t largest_ne = NfcChannel::kMaxResponseBytes - 2;
    const auto contents = read_whole_file(*channel, kLargeFile, largest_ne);
    ASSERT_TRUE(contents.has_value()) << contents.error().detail;
    EXPECT_EQ(*contents, test_file_contents(kLargeFile, kLargeFileSize));
    EXPECT_EQ(card_.largest_answer(), largest_ne);

    const auto too_long = channel->transmit(testing::read_binary(0, largest_ne + 1));
    ASSERT_FALSE(too_long.has_value());
    EXPECT_EQ(too_long.error().kind, ChannelErrorKind::Transport) << too_long.error().detail;
    const auto after = channel->transmit(testing::read_binary(0, 16));
    ASSERT_TRUE(after.has_value()) << after.error().detail;
    EXPECT_TRUE(after->ok());
}

TEST_F(NfcEndToEnd, AnswersChainedByThePn532AreReassembled) {
    Pn532EmulatorOptions options;
    options.max_data_per_answer = 100;
    start_emulator(options);
    const auto channel = connect_card();
    ASSERT_NE(channel, nullptr);
    const auto contents = read_whole_file(*channel, kLargeFile, 256);
    ASSERT_TRUE(contents.has_value()) << contents.error().detail;
    EXPECT_EQ(*contents, test_file_contents(kLargeFile, kLargeFileSize));
    EXPECT_GE(emulator_->stats().chained_answers, 2 * (kLargeFileSize / 256));
    EXPECT_EQ(emulator_->stats().largest_answer, 100U);
}

TEST_F(NfcEndToEnd, CommandLongerThanLibnfcTakesIsRefusedWithoutCrashing) {
    start_emulator();
    const auto channel = connect_card();
    ASSERT_NE(channel, nullptr);
    // libnfc 1.8.0 overflows a stack buffer (and aborts) on commands over 262 bytes.
    const iso7816::Bytes command(NfcChannel::kMaxCommandBytes + 1, 0x00);
    const auto refused = channel->transmit_raw(command);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().kind, ChannelErrorKind::Transport);
    const auto commands_before = card_.commands();
    const iso7816::Bytes longest(NfcChannel::kMaxCommandBytes, 0x00);
    const auto carried = channel->transmit_raw(longest);
    ASSERT_TRUE(carried.has_value()) << carried.error().detail;
    EXPECT_EQ(card_.commands(), commands_before + 1);
}

TEST_F(NfcEndToEnd, CardPulledMidReadIsCardRemovedThenFoundAgain) {
    start_emulator();
    const auto channel = connect_card();
    ASSERT_NE(channel, nullptr);
    card_.remove_during_command(10);
    const auto contents = read_whole_file(*channel, kLargeFile, 256);
    ASSERT_FALSE(contents.has_value());
    EXPECT_EQ(contents.error().kind, ChannelErrorKind::CardRemoved) << contents.error().detail;
    EXPECT_FALSE(channel->card_present());

    const auto none = port_->wait_for_card(300ms);
    ASSERT_TRUE(none.has_value()) << none.error().detail;
    EXPECT_FALSE(*none);
    card_.set_present(true);
    const auto again = connect_card();
    ASSERT_NE(again, nullptr);
    const auto reread = read_whole_file(*again, kLargeFile, 256);
    ASSERT_TRUE(reread.has_value()) << reread.error().detail;
    EXPECT_EQ(*reread, test_file_contents(kLargeFile, kLargeFileSize));
}

TEST_F(NfcEndToEnd, CardTakenOutOfTheFieldBetweenApdusIsCardRemoved) {
    start_emulator();
    const auto channel = connect_card();
    ASSERT_NE(channel, nullptr);
    emulator_->remove_card();
    const auto result = channel->transmit(testing::select_file(kSmallFile));
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().kind, ChannelErrorKind::CardRemoved) << result.error().detail;
}

TEST_F(NfcEndToEnd, NoCardWithinTheWaitIsFalse) {
    Pn532EmulatorOptions options;
    options.card_inserted = false;
    start_emulator(options);
    const auto start = std::chrono::steady_clock::now();
    const auto none = port_->wait_for_card(400ms);
    const auto waited = std::chrono::steady_clock::now() - start;
    ASSERT_TRUE(none.has_value()) << none.error().detail;
    EXPECT_FALSE(*none);
    EXPECT_GE(waited, 300ms);
    EXPECT_LT(waited, 2s);
    const auto no_channel = port_->connect();
    ASSERT_FALSE(no_channel.has_value());
    EXPECT_EQ(no_channel.error().kind, ChannelErrorKind::CardRemoved);
    emulator_->insert_card();
    const auto card = port_->wait_for_card(2s);
    ASSERT_TRUE(card.has_value()) << card.error().detail;
    EXPECT_TRUE(*card);
}

TEST_F(NfcEndToEnd, EmulatorGoneIsReaderGoneAndTheSamePortRecovers) {
    start_emulator();
    auto channel = connect_card();
    ASSERT_NE(channel, nullptr);

    emulator_->stop();
    const auto during_exchange = channel->transmit(testing::select_file(kSmallFile));
    ASSERT_FALSE(during_exchange.has_value());
    EXPECT_EQ(during_exchange.error().kind, ChannelErrorKind::ReaderGone) << during_exchange.error().detail;
    const auto while_gone = port_->wait_for_card(200ms);
    ASSERT_FALSE(while_gone.has_value());
    EXPECT_EQ(while_gone.error().kind, ChannelErrorKind::ReaderGone) << while_gone.error().detail;
    channel.reset();

    const auto restarted = emulator_->start();  // a new pty behind the same symlink: the reader re-plugged
    ASSERT_TRUE(restarted.has_value()) << restarted.error();
    const auto recovered = connect_card();
    ASSERT_NE(recovered, nullptr);
    const auto contents = read_whole_file(*recovered, kLargeFile, 256);
    ASSERT_TRUE(contents.has_value()) << contents.error().detail;
    EXPECT_EQ(*contents, test_file_contents(kLargeFile, kLargeFileSize));
}

}  // namespace
}  // namespace hk::drivers::transports
