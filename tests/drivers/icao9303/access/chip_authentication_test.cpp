// Chip authentication (9303-11 §6.2) after BAC or PACE: ECDH and DH, 3DES (MSE:Set KAT) and AES (MSE:Set AT +
// GENERAL AUTHENTICATE), and a clone that copied DG14 but not the private key.
#include <gtest/gtest.h>

#include "drivers/icao9303/bac.h"
#include "drivers/icao9303/chip_authentication.h"
#include "drivers/icao9303/pace.h"
#include "drivers/sim/simulated_card.h"
#include "scripted_channel.h"
#include "test_chip_card.h"
#include "test_keys.h"

namespace hk::drivers::icao9303::test {
namespace {

using iso7816::to_hex;

const ChipAccessKey kKey{PersonalString{"L898902C<"}, PersonalString{"690806"}, PersonalString{"940623"}};
const iso7816::CommandApdu kSelect{
    .cla = 0, .ins = 0xA4, .p1 = 2, .p2 = 0x0C, .data = {0x01, 0x1E}, .ne = {}};
const iso7816::CommandApdu kRead{.cla = 0, .ins = 0xB0, .p1 = 0, .p2 = 0, .data = {}, .ne = 4};

struct CaCase {
    std::string name;
    std::string oid;
    bool ec;
    std::string group;
};

class ChipAuthentication : public ::testing::TestWithParam<CaCase> {};

TEST_P(ChipAuthentication, GenuineChipKeepsTheSessionAlive) {
    const CaCase& c = GetParam();
    const TestKeyPair chip_key = c.ec ? generate_ec_key(c.group) : generate_dh_key(c.group);
    SystemRandom random;
    TestChipCard card(random);
    card.enable_bac(bac_key_seed(*mrz_information(kKey)));
    card.enable_chip_authentication(c.oid, chip_key.private_pkcs8);
    card.add_file(0x011E, hex("60145F0104303130365F36063034303030305C026175"));
    sim::InProcessCardChannel plain(card);
    auto keys = perform_bac(plain, kKey, random);
    ASSERT_TRUE(keys);
    SecureMessagingChannel channel(plain, std::move(*keys));
    const auto done = perform_chip_authentication(
        channel, {.protocol_oid = c.oid, .subject_public_key_info = chip_key.public_spki, .key_id = {}},
        random);
    ASSERT_TRUE(done) << describe(done.error());
    EXPECT_EQ(channel.suite(),
              *chip_authentication_protocol_from_oid(c.oid).transform([](auto p) { return p.suite; }));
    // The next secured command is the proof.
    ASSERT_TRUE(channel.transmit(kSelect));
    const auto read = channel.transmit(kRead);
    ASSERT_TRUE(read) << read.error().detail;
    EXPECT_EQ(to_hex(read->data), "60145F01");
}

TEST_P(ChipAuthentication, CloneFailsAtTheNextCommand) {
    const CaCase& c = GetParam();
    const TestKeyPair genuine = c.ec ? generate_ec_key(c.group) : generate_dh_key(c.group);
    const TestKeyPair clone_key = c.ec ? generate_ec_key(c.group) : generate_dh_key(c.group);
    SystemRandom random;
    TestChipCard card(random);
    card.enable_bac(bac_key_seed(*mrz_information(kKey)));
    card.enable_chip_authentication(c.oid, clone_key.private_pkcs8);  // DG14 says `genuine`
    card.add_file(0x011E, hex("60145F01"));
    sim::InProcessCardChannel plain(card);
    auto keys = perform_bac(plain, kKey, random);
    ASSERT_TRUE(keys);
    SecureMessagingChannel channel(plain, std::move(*keys));
    const auto done = perform_chip_authentication(
        channel, {.protocol_oid = c.oid, .subject_public_key_info = genuine.public_spki, .key_id = {}},
        random);
    ASSERT_TRUE(done) << describe(done.error());
    const auto next = channel.transmit(kSelect);
    // The clone cannot verify our MAC: it answers 6988 in the clear, and ends the session.
    ASSERT_TRUE(next);
    EXPECT_EQ(next->sw, 0x6988);
    EXPECT_FALSE(card.in_secure_messaging());
}

INSTANTIATE_TEST_SUITE_P(
    Protocols, ChipAuthentication,
    ::testing::Values(CaCase{"EcdhDes3P256", "0.4.0.127.0.7.2.2.3.2.1", true, "P-256"},
                      CaCase{"EcdhAes128Brainpool256", "0.4.0.127.0.7.2.2.3.2.2", true, "brainpoolP256r1"},
                      CaCase{"EcdhAes256P384", "0.4.0.127.0.7.2.2.3.2.4", true, "P-384"},
                      CaCase{"DhDes3Modp2048", "0.4.0.127.0.7.2.2.3.1.1", false, "dh_2048_256"},
                      CaCase{"DhAes128Modp2048", "0.4.0.127.0.7.2.2.3.1.2", false, "dh_2048_224"}),
    [](const auto& param_info) { return param_info.param.name; });

TEST(ChipAuthenticationAfterPace, AesSessionIsReplaced) {
    const TestKeyPair chip_key = generate_ec_key("brainpoolP256r1");
    SystemRandom random;
    TestChipCard card(random);
    const PaceInfo info{.protocol_oid = "0.4.0.127.0.7.2.2.4.2.2",
                        .protocol = *pace_protocol_from_oid("0.4.0.127.0.7.2.2.4.2.2"),
                        .version = 2,
                        .parameter_id = 13};
    card.enable_pace(
        {.passwords = {PacePassword::from_can("123456")}, .info = info, .cam_private_key_der = {}});
    card.enable_chip_authentication("0.4.0.127.0.7.2.2.3.2.4", chip_key.private_pkcs8);
    card.add_file(0x011E, hex("60145F01"));
    sim::InProcessCardChannel plain(card);
    auto pace = perform_pace(plain, PacePassword::from_can("123456"), info, random);
    ASSERT_TRUE(pace);
    SecureMessagingChannel channel(plain, pace->keys);
    ASSERT_TRUE(perform_chip_authentication(channel,
                                            {.protocol_oid = "0.4.0.127.0.7.2.2.3.2.4",
                                             .subject_public_key_info = chip_key.public_spki,
                                             .key_id = {}},
                                            random));
    EXPECT_EQ(channel.suite(), CipherSuite::Aes256);
    const auto selected = channel.transmit(kSelect);
    ASSERT_TRUE(selected);
    EXPECT_EQ(selected->sw, 0x9000);
}

TEST(ChipAuthenticationErrors, UnknownProtocolOrMismatchedKeyIsUnsupported) {
    ScriptedChannel card;
    SecureMessagingChannel channel(
        card,
        SessionKeys{
            .suite = CipherSuite::Des3, .k_enc = Bytes(16, 1), .k_mac = Bytes(16, 2), .ssc = Bytes(8, 0)});
    SystemRandom random;
    const TestKeyPair ec = generate_ec_key("P-256");
    EXPECT_EQ(perform_chip_authentication(channel,
                                          {.protocol_oid = "0.4.0.127.0.7.2.2.3.9.1",
                                           .subject_public_key_info = ec.public_spki,
                                           .key_id = {}},
                                          random)
                  .error()
                  .kind,
              AccessError::Unsupported);
    EXPECT_EQ(perform_chip_authentication(channel,
                                          {.protocol_oid = "0.4.0.127.0.7.2.2.3.1.1",
                                           .subject_public_key_info = ec.public_spki,
                                           .key_id = {}},
                                          random)
                  .error()
                  .kind,
              AccessError::Unsupported);  // a DH protocol with an EC key
    EXPECT_EQ(
        perform_chip_authentication(
            channel,
            {.protocol_oid = "0.4.0.127.0.7.2.2.3.2.1", .subject_public_key_info = hex("3000"), .key_id = {}},
            random)
            .error()
            .kind,
        AccessError::Unsupported);
    EXPECT_TRUE(card.done());
}

}  // namespace
}  // namespace hk::drivers::icao9303::test
