// BAC against ICAO 9303-11 Appendix D (D.2-D.3) and against the chip side in one process.
#include <gtest/gtest.h>

#include "drivers/icao9303/bac.h"
#include "drivers/sim/simulated_card.h"
#include "scripted_channel.h"
#include "test_chip_card.h"

namespace hk::drivers::icao9303::test {
namespace {

using iso7816::to_hex;

ChipAccessKey specimen_key() {
    return ChipAccessKey{PersonalString{"L898902C<"}, PersonalString{"690806"}, PersonalString{"940623"}};
}

TEST(Mrz, CheckDigitsUse731Weights) {
    EXPECT_EQ(mrz_check_digit("L898902C<"), '3');
    EXPECT_EQ(mrz_check_digit("690806"), '1');
    EXPECT_EQ(mrz_check_digit("940623"), '6');
    EXPECT_EQ(mrz_check_digit("L8989-2C"), std::nullopt);
}

TEST(Mrz, AppendixDInformation) {
    EXPECT_EQ(mrz_information(specimen_key()), "L898902C<369080619406236");
    // The same without the filler, and in lower case, as a keypad might give it.
    const ChipAccessKey typed{PersonalString{"l898902c"}, PersonalString{"690806"}, PersonalString{"940623"}};
    EXPECT_EQ(mrz_information(typed), "L898902C<369080619406236");
}

TEST(Mrz, LongDocumentNumberIsUsedWholeWithItsCheckDigit) {
    // TD1 overflow: 12 characters, the check digit over all of them (9303-11 §4.3.2, 9303-5 §4.2.4).
    const ChipAccessKey key{PersonalString{"D23145890734"}, PersonalString{"740812"},
                            PersonalString{"120415"}};
    const auto info = mrz_information(key);
    ASSERT_TRUE(info);
    EXPECT_EQ(info->substr(0, 13), std::string{"D23145890734"} + *mrz_check_digit("D23145890734"));
    EXPECT_EQ(info->size(), 13u + 14u);
}

TEST(Mrz, RejectsBadFields) {
    EXPECT_FALSE(
        mrz_information({PersonalString{"L898902C"}, PersonalString{"69080"}, PersonalString{"940623"}}));
    EXPECT_FALSE(mrz_information({PersonalString{""}, PersonalString{"690806"}, PersonalString{"940623"}}));
    EXPECT_FALSE(
        mrz_information({PersonalString{"L89#902C"}, PersonalString{"690806"}, PersonalString{"940623"}}));
}

TEST(Bac, AppendixDKeys) {
    const Bytes seed = bac_key_seed("L898902C<369080619406236");
    EXPECT_EQ(to_hex(seed), "239AB9CB282DAF66231DC5A4DF6BFBAE");
    const BacKeys keys = derive_bac_keys(seed);
    EXPECT_EQ(to_hex(keys.k_enc), "AB94FDECF2674FDFB9B391F85D7F76F2");
    EXPECT_EQ(to_hex(keys.k_mac), "7962D9ECE03D1ACD4C76089DCE131543");
}

// D.3: the terminal's cryptogram, then the chip's answer (E_IC || M_IC of the same appendix) gives the
// session keys and SSC.
TEST(Bac, AppendixDTerminalExchange) {
    ScriptedChannel channel;
    channel.expect("0084000008", "4608F919887022129000");
    channel.expect(
        "0082000028"
        "72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2"
        "5F1448EEA8AD90A7"
        "28",
        "46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F"
        "2F2D235D074D7449"
        "9000");
    ScriptedRandom random;
    random.push(hex("781723860C06C226"));                  // RND.IFD
    random.push(hex("0B795240CB7049B01C19B33E32804F0B"));  // K.IFD
    const auto keys = perform_bac(channel, specimen_key(), random);
    ASSERT_TRUE(keys) << describe(keys.error());
    EXPECT_TRUE(channel.done());
    EXPECT_EQ(keys->suite, CipherSuite::Des3);
    EXPECT_EQ(to_hex(keys->k_enc), "979EC13B1CBFE9DCD01AB0FED307EAE5");
    EXPECT_EQ(to_hex(keys->k_mac), "F1CB1F1FB5ADF208806B89DC579DC1F8");
    EXPECT_EQ(to_hex(keys->ssc), "887022120C06C226");
}

TEST(Bac, AppendixDChipSide) {
    ScriptedRandom random;
    random.push(hex("4608F91988702212"));                  // RND.IC
    random.push(hex("0B4F80323EB3191CB04970CB4052790B"));  // K.IC
    BacChip chip(bac_key_seed("L898902C<369080619406236"), random);
    const auto challenge = chip.process({.cla = 0, .ins = 0x84, .p1 = 0, .p2 = 0, .data = {}, .ne = 8});
    EXPECT_EQ(to_hex(challenge.encode()), "4608F919887022129000");
    const auto answer = chip.process(
        {.cla = 0,
         .ins = 0x82,
         .p1 = 0,
         .p2 = 0,
         .data = hex("72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A7"),
         .ne = 0x28});
    EXPECT_EQ(to_hex(answer.encode()),
              "46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D74499000");
    ASSERT_TRUE(chip.established());
    EXPECT_EQ(to_hex(chip.established()->k_enc), "979EC13B1CBFE9DCD01AB0FED307EAE5");
    EXPECT_EQ(to_hex(chip.established()->k_mac), "F1CB1F1FB5ADF208806B89DC579DC1F8");
    EXPECT_EQ(to_hex(chip.established()->ssc), "887022120C06C226");
}

TEST(Bac, RoundTripAndSecuredRead) {
    SystemRandom random;
    TestChipCard card(random);
    card.enable_bac(bac_key_seed(*mrz_information(specimen_key())));
    card.add_file(0x011E, hex("60145F0104303130365F36063034303030305C026175"));
    sim::InProcessCardChannel plain(card);
    auto keys = perform_bac(plain, specimen_key(), random);
    ASSERT_TRUE(keys) << describe(keys.error());
    SecureMessagingChannel channel(plain, std::move(*keys));
    const auto selected =
        channel.transmit({.cla = 0, .ins = 0xA4, .p1 = 2, .p2 = 0x0C, .data = {0x01, 0x1E}, .ne = {}});
    ASSERT_TRUE(selected);
    EXPECT_EQ(selected->sw, 0x9000);
    const auto read = channel.transmit({.cla = 0, .ins = 0xB0, .p1 = 0, .p2 = 0, .data = {}, .ne = 4});
    ASSERT_TRUE(read);
    EXPECT_EQ(to_hex(read->data), "60145F01");
}

TEST(Bac, WrongMrzIsRefused) {
    SystemRandom random;
    TestChipCard card(random);
    card.enable_bac(bac_key_seed(*mrz_information(specimen_key())));
    sim::InProcessCardChannel plain(card);
    const ChipAccessKey wrong{PersonalString{"L898902C<"}, PersonalString{"690807"},
                              PersonalString{"940623"}};
    const auto keys = perform_bac(plain, wrong, random);
    ASSERT_FALSE(keys);
    EXPECT_EQ(keys.error().kind, AccessError::Refused);
    EXPECT_EQ(keys.error().status, 0x6300);
    EXPECT_EQ(describe(keys.error()).find("690807"), std::string::npos);
}

TEST(Bac, UnexpectedStatusIsAProtocolError) {
    ScriptedChannel channel;
    channel.expect("0084000008", "6D00");
    SystemRandom random;
    const auto keys = perform_bac(channel, specimen_key(), random);
    ASSERT_FALSE(keys);
    EXPECT_EQ(keys.error().kind, AccessError::Protocol);
    EXPECT_EQ(keys.error().status, 0x6D00);
}

class RemovedCardChannel : public iso7816::CardChannel {
  public:
    std::expected<Bytes, iso7816::ChannelError> transmit_raw(ByteView) override {
        return std::unexpected(iso7816::ChannelError{iso7816::ChannelErrorKind::CardRemoved, "gone"});
    }
};

TEST(Bac, CardRemovedIsAChannelError) {
    RemovedCardChannel channel;
    SystemRandom random;
    const auto keys = perform_bac(channel, specimen_key(), random);
    ASSERT_FALSE(keys);
    EXPECT_EQ(keys.error().kind, AccessError::Channel);
    EXPECT_EQ(keys.error().channel.kind, iso7816::ChannelErrorKind::CardRemoved);
}

}  // namespace
}  // namespace hk::drivers::icao9303::test
