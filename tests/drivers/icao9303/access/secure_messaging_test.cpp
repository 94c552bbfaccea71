// Secure messaging: ICAO 9303-11 Appendix D.4 on both sides, every cipher suite in a loop with the chip side,
// the quirks (no DO99, bare status words) and the failures (MAC, truncated objects).
#include <gtest/gtest.h>

#include <tuple>

#include "drivers/icao9303/secure_messaging.h"
#include "drivers/sim/simulated_card.h"
#include "scripted_channel.h"
#include "test_chip_card.h"

namespace hk::drivers::icao9303::test {
namespace {

using iso7816::ChannelErrorKind;
using iso7816::CommandApdu;
using iso7816::to_hex;

SessionKeys appendix_d_keys() {
    return SessionKeys{.suite = CipherSuite::Des3,
                       .k_enc = hex("979EC13B1CBFE9DCD01AB0FED307EAE5"),
                       .k_mac = hex("F1CB1F1FB5ADF208806B89DC579DC1F8"),
                       .ssc = hex("887022120C06C226")};
}

const CommandApdu kSelectEfCom{.cla = 0, .ins = 0xA4, .p1 = 2, .p2 = 0x0C, .data = {0x01, 0x1E}, .ne = {}};
const CommandApdu kReadFour{.cla = 0, .ins = 0xB0, .p1 = 0, .p2 = 0, .data = {}, .ne = 4};

TEST(SecureMessaging, AppendixDTerminalSide) {
    ScriptedChannel card;
    card.expect("0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800", "990290008E08FA855A5D4C50A8ED9000");
    card.expect("0CB000000D9701048E08ED6705417E96BA5500",
                "8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000");
    SecureMessagingChannel channel(card, appendix_d_keys());
    const auto selected = channel.transmit(kSelectEfCom);
    ASSERT_TRUE(selected) << selected.error().detail;
    EXPECT_EQ(selected->sw, 0x9000);
    EXPECT_TRUE(selected->data.empty());
    const auto read = channel.transmit(kReadFour);
    ASSERT_TRUE(read) << read.error().detail;
    EXPECT_EQ(to_hex(read->data), "60145F01");
    EXPECT_EQ(read->sw, 0x9000);
    EXPECT_TRUE(card.done());
}

TEST(SecureMessaging, AppendixDChipSide) {
    ChipSecureMessaging chip(appendix_d_keys());
    const auto select = chip.unwrap_command(hex("0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800"));
    ASSERT_TRUE(select) << std::hex << select.error();
    EXPECT_EQ(to_hex(*select->encode()), "00A4020C02011E");
    EXPECT_EQ(to_hex(chip.wrap_response({.data = {}, .sw = 0x9000})), "990290008E08FA855A5D4C50A8ED9000");
    const auto read = chip.unwrap_command(hex("0CB000000D9701048E08ED6705417E96BA5500"));
    ASSERT_TRUE(read);
    EXPECT_EQ(to_hex(*read->encode()), "00B0000004");
    EXPECT_EQ(to_hex(chip.wrap_response({.data = hex("60145F01"), .sw = 0x9000})),
              "8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000");
}

SessionKeys keys_for(CipherSuite suite) {
    SystemRandom random;
    return SessionKeys{.suite = suite,
                       .k_enc = random.bytes(key_length(suite)),
                       .k_mac = random.bytes(key_length(suite)),
                       .ssc = zero_ssc(suite)};
}

// A card that is always in secure messaging with the given keys (what BAC/PACE would leave behind).
class SecuredCard : public sim::SimulatedCard {
  public:
    SecuredCard(const SessionKeys& keys, Bytes file) : sm_(keys), file_(std::move(file)) {}
    [[nodiscard]] Bytes atr() const override { return {0x3B, 0x80, 0x80, 0x01, 0x01}; }
    void reset() override {}
    Bytes process(ByteView raw) override {
        if (bare_status_) return iso7816::ResponseApdu{.data = {}, .sw = *bare_status_}.encode();
        const auto command = sm_.unwrap_command(raw);
        if (!command) return iso7816::ResponseApdu{.data = {}, .sw = command.error()}.encode();
        last_ = *command;
        iso7816::ResponseApdu response{.data = {}, .sw = 0x9000};
        if (command->ins == 0xB0) {
            const std::size_t offset = (std::size_t{command->p1} << 8) | command->p2;
            const std::size_t count = std::min(command->ne.value_or(0), file_.size() - offset);
            response.data.assign(file_.begin() + static_cast<std::ptrdiff_t>(offset),
                                 file_.begin() + static_cast<std::ptrdiff_t>(offset + count));
        } else if (command->ins == 0xD6) {
            response.data = command->data;  // echo, to see the command data arrive intact
        } else if (command->ins == 0xB1) {
            response.data = command->data;
        }
        Bytes wrapped = sm_.wrap_response(response, include_do99_);
        if (truncate_) wrapped.erase(wrapped.begin() + 3, wrapped.begin() + 5);
        last_wrapped_ = wrapped;
        return wrapped;
    }
    ChipSecureMessaging sm_;
    Bytes file_;
    std::optional<CommandApdu> last_;
    Bytes last_wrapped_;
    bool include_do99_ = true;
    bool truncate_ = false;
    std::optional<std::uint16_t> bare_status_;
};

Bytes sample_file(std::size_t size) {
    Bytes file(size);
    for (std::size_t i = 0; i < size; ++i) file[i] = static_cast<std::uint8_t>(i * 7 + 3);
    return file;
}

class SecureMessagingSuites : public ::testing::TestWithParam<CipherSuite> {};

TEST_P(SecureMessagingSuites, RoundTripReadsAndWrites) {
    const SessionKeys keys = keys_for(GetParam());
    SecuredCard card(keys, sample_file(1000));
    sim::InProcessCardChannel plain(card);
    SecureMessagingChannel channel(plain, keys);
    for (std::size_t length : {1u, 15u, 16u, 17u, 200u, 223u}) {
        const auto read =
            channel.transmit({.cla = 0, .ins = 0xB0, .p1 = 0, .p2 = 10, .data = {}, .ne = length});
        ASSERT_TRUE(read) << read.error().detail;
        EXPECT_EQ(read->data,
                  Bytes(card.file_.begin() + 10, card.file_.begin() + 10 + static_cast<long>(length)));
    }
    const Bytes payload = sample_file(100);
    const auto echoed =
        channel.transmit({.cla = 0, .ins = 0xD6, .p1 = 0, .p2 = 0, .data = payload, .ne = 256});
    ASSERT_TRUE(echoed);
    EXPECT_EQ(echoed->data, payload);
    EXPECT_TRUE(channel.usable());
}

TEST_P(SecureMessagingSuites, ResponsesWithoutDo99TakeTheClearStatus) {
    const SessionKeys keys = keys_for(GetParam());
    SecuredCard card(keys, sample_file(64));
    card.include_do99_ = false;
    sim::InProcessCardChannel plain(card);
    SecureMessagingChannel channel(plain, keys);
    const auto read = channel.transmit(kReadFour);
    ASSERT_TRUE(read) << read.error().detail;
    EXPECT_EQ(read->data, Bytes(card.file_.begin(), card.file_.begin() + 4));
    EXPECT_EQ(read->sw, 0x9000);
    // And a response with no data and no DO99: DO8E alone.
    const auto selected = channel.transmit(kSelectEfCom);
    ASSERT_TRUE(selected) << selected.error().detail;
    EXPECT_EQ(selected->sw, 0x9000);
}

TEST_P(SecureMessagingSuites, ExtendedLengthReadBinary) {
    const SessionKeys keys = keys_for(GetParam());
    SecuredCard card(keys, sample_file(5000));
    sim::InProcessCardChannel plain(card);
    SecureMessagingChannel channel(plain, keys);
    const auto read = channel.transmit({.cla = 0, .ins = 0xB0, .p1 = 0, .p2 = 0, .data = {}, .ne = 4000});
    ASSERT_TRUE(read) << read.error().detail;
    EXPECT_EQ(read->data, Bytes(card.file_.begin(), card.file_.begin() + 4000));
    ASSERT_TRUE(card.last_);
    EXPECT_EQ(card.last_->ne, 4000u);
    // Le 0000 for 65536 rides in a two-byte DO97.
    const auto all = channel.transmit({.cla = 0, .ins = 0xB0, .p1 = 0, .p2 = 0, .data = {}, .ne = 65536});
    ASSERT_TRUE(all);
    EXPECT_EQ(all->data.size(), 5000u);
    EXPECT_EQ(card.last_->ne, 65536u);
}

INSTANTIATE_TEST_SUITE_P(AllSuites, SecureMessagingSuites,
                         ::testing::Values(CipherSuite::Des3, CipherSuite::Aes128, CipherSuite::Aes192,
                                           CipherSuite::Aes256),
                         [](const auto& param_info) {
                             switch (param_info.param) {
                                 case CipherSuite::Des3:
                                     return std::string{"Des3"};
                                 case CipherSuite::Aes128:
                                     return std::string{"Aes128"};
                                 case CipherSuite::Aes192:
                                     return std::string{"Aes192"};
                                 case CipherSuite::Aes256:
                                     return std::string{"Aes256"};
                             }
                             return std::string{"unknown"};
                         });

TEST(SecureMessaging, ExtendedLengthCommandOnTheWire) {
    ScriptedChannel card;
    card.expect("", "9000");  // anything: only the command form matters here
    SecureMessagingChannel channel(card, keys_for(CipherSuite::Aes128));
    std::ignore = channel.transmit({.cla = 0, .ins = 0xB0, .p1 = 0, .p2 = 0, .data = {}, .ne = 1000});
    EXPECT_EQ(channel.inner().counters().bytes_sent, 4u + 3 + 4 + 10 + 2);  // 00 Lc Lc DO97(2) DO8E 00 00
}

TEST(SecureMessaging, FlippedMacBitIsMalformedAndEndsTheChannel) {
    const SessionKeys keys = keys_for(CipherSuite::Aes128);
    SecuredCard card(keys, sample_file(64));
    sim::InProcessCardChannel plain(card);
    SecureMessagingChannel channel(plain, keys);
    ASSERT_TRUE(channel.transmit(kReadFour));
    card.sm_.corrupt_next_mac();
    const auto read = channel.transmit(kReadFour);
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().kind, ChannelErrorKind::Malformed);
    EXPECT_FALSE(channel.usable());
    const std::uint64_t sent = plain.counters().apdus;
    const auto again = channel.transmit(kReadFour);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().kind, ChannelErrorKind::Malformed);
    EXPECT_EQ(plain.counters().apdus, sent) << "a broken session sends nothing";
}

TEST(SecureMessaging, TruncatedDo87IsMalformed) {
    const SessionKeys keys = keys_for(CipherSuite::Des3);
    SecuredCard card(keys, sample_file(64));
    card.truncate_ = true;
    sim::InProcessCardChannel plain(card);
    SecureMessagingChannel channel(plain, keys);
    const auto read = channel.transmit({.cla = 0, .ins = 0xB0, .p1 = 0, .p2 = 0, .data = {}, .ne = 20});
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().kind, ChannelErrorKind::Malformed);
}

TEST(SecureMessaging, BareStatusWordPassesThrough) {
    const SessionKeys keys = keys_for(CipherSuite::Aes256);
    SecuredCard card(keys, sample_file(64));
    card.bare_status_ = 0x6982;
    sim::InProcessCardChannel plain(card);
    SecureMessagingChannel channel(plain, keys);
    const auto read = channel.transmit(kReadFour);
    ASSERT_TRUE(read);
    EXPECT_EQ(read->sw, 0x6982);
    EXPECT_TRUE(read->data.empty());
}

TEST(SecureMessaging, ChipRejectsWrongMacAndMissingObjects) {
    const SessionKeys keys = keys_for(CipherSuite::Des3);
    {
        ChipSecureMessaging chip(appendix_d_keys());
        Bytes command = hex("0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800");
        command[command.size() - 2] ^= 0x01;  // one bit of the MAC
        const auto unwrapped = chip.unwrap_command(command);
        ASSERT_FALSE(unwrapped);
        EXPECT_EQ(unwrapped.error(), 0x6988);
        EXPECT_FALSE(chip.active());
    }
    {
        ChipSecureMessaging chip(keys);
        const auto unwrapped = chip.unwrap_command(hex("00B0000004"));
        ASSERT_FALSE(unwrapped);
        EXPECT_EQ(unwrapped.error(), 0x6987);
    }
    {
        ChipSecureMessaging chip(keys);
        const auto unwrapped =
            chip.unwrap_command(hex("0CB0000003970104"
                                    "00"));
        ASSERT_FALSE(unwrapped);
        EXPECT_EQ(unwrapped.error(), 0x6987);
    }
    {
        ChipSecureMessaging chip(keys);
        const auto unwrapped =
            chip.unwrap_command(hex("0CB00000058709010102"
                                    "00"));  // truncated DO87
        ASSERT_FALSE(unwrapped);
        EXPECT_EQ(unwrapped.error(), 0x6988);
    }
}

TEST(SecureMessaging, OddInstructionUsesDo85BothWays) {
    const SessionKeys keys = keys_for(CipherSuite::Aes128);
    SecuredCard card(keys, sample_file(64));
    sim::InProcessCardChannel plain(card);
    SecureMessagingChannel channel(plain, keys);
    const Bytes offset_object = hex("5402001F");
    const auto read =
        channel.transmit({.cla = 0, .ins = 0xB1, .p1 = 0, .p2 = 0, .data = offset_object, .ne = 256});
    ASSERT_TRUE(read) << read.error().detail;
    EXPECT_EQ(read->data, offset_object);  // echoed by the card
    ASSERT_TRUE(card.last_);
    EXPECT_EQ(card.last_->data, offset_object);
    ASSERT_FALSE(card.last_wrapped_.empty());
    EXPECT_EQ(card.last_wrapped_[0], 0x85);
}

}  // namespace
}  // namespace hk::drivers::icao9303::test
