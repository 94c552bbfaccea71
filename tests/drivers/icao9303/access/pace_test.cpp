// PACE: the ICAO 9303-11 Appendix G.1 worked example (ECDH generic mapping, brainpoolP256r1, AES-128), and
// terminal <-> chip loops for every mapping, curve family and DH.
#include <gtest/gtest.h>

#include "drivers/icao9303/pace.h"
#include "drivers/sim/simulated_card.h"
#include "scripted_channel.h"
#include "test_chip_card.h"
#include "test_keys.h"

namespace hk::drivers::icao9303::test {
namespace {

using iso7816::to_hex;

const ChipAccessKey kWorkedExampleKey{PersonalString{"T22000129"}, PersonalString{"640812"},
                                      PersonalString{"101031"}};

PaceInfo info_for(const std::string& oid, int parameter_id) {
    return PaceInfo{.protocol_oid = oid,
                    .protocol = *pace_protocol_from_oid(oid),
                    .version = 2,
                    .parameter_id = parameter_id};
}

TEST(PaceWorkedExample, PasswordKeyAndNonce) {
    const auto password = PacePassword::from_mrz(kWorkedExampleKey);
    ASSERT_TRUE(password);
    EXPECT_EQ(password->reference(), 1);
    const Bytes k_pi = password->derive_key(CipherSuite::Aes128);
    EXPECT_EQ(to_hex(k_pi), "89DED1B26624EC1E634C1989302849DD");
    EXPECT_EQ(to_hex(aes_cbc_decrypt(k_pi, hex("95A3A016522EE98D01E76CB6B98B42C3"))),
              "3F00C4D39D153F2B2A214A078D899B22");
}

// G.1 fixes the terminal's two private keys; the chip's messages are the published ones. Every byte the
// terminal sends must match, and the keys and tokens come out as published.
TEST(PaceWorkedExample, TerminalSideMatchesEveryByte) {
    ScriptedChannel card;
    card.expect("0022C1A412800A04007F0007020204020283010184010D", "9000");
    card.expect("10860000027C0000", "7C12801095A3A016522EE98D01E76CB6B98B42C39000");
    card.expect(
        "10860000457C438141047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E544552DCB6725218"
        "799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D00",
        "7C43824104824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F5730D8C879AAA9C9F73991E61B58"
        "F4D52EB87A0A0C709A49DC63719363CCD13C549000");
    card.expect(
        "10860000457C438341042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C3556F3B3B186DF10"
        "B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB3646200",
        "7C438441049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB7764B22277A2EDDC3C265A9F01"
        "8F9CB852E111B768B326904B59A0193776F0949000");
    card.expect("008600000C7C0A8508C2B0BD78D94BA86600", "7C0A86083ABB9674BCE93C089000");
    ScriptedRandom random;
    random.push(hex("7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99"));  // SK_Map,IFD
    random.push(hex("A73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595"));  // SK_DH,IFD
    const auto result = perform_pace(card, *PacePassword::from_mrz(kWorkedExampleKey),
                                     info_for("0.4.0.127.0.7.2.2.4.2.2", 13), random);
    ASSERT_TRUE(result) << describe(result.error());
    EXPECT_TRUE(card.done());
    EXPECT_EQ(to_hex(result->keys.k_enc), "F5F0E35C0D7161EE6724EE513A0D9A7F");
    EXPECT_EQ(to_hex(result->keys.k_mac), "FE251C7858B356B24514B3BD5F4297D1");
    EXPECT_EQ(to_hex(result->keys.ssc), "00000000000000000000000000000000");
    EXPECT_FALSE(result->chip_authentication_data);
}

// The same example from the chip's side: its nonce and two private keys (9303-11 G.1) reproduce the
// published chip messages and accept the published T_IFD.
TEST(PaceWorkedExample, ChipSideMatchesEveryByte) {
    ScriptedRandom random;
    random.push(hex("3F00C4D39D153F2B2A214A078D899B22"));                                  // s
    random.push(hex("498FF49756F2DC1587840041839A85982BE7761D14715FB091EFA7BCE9058560"));  // SK_Map,IC
    random.push(hex("107CF58696EF6155053340FD633392BA81909DF7B9706F226F32086C7AFF974A"));  // SK_DH,IC
    std::vector<PacePassword> passwords{*PacePassword::from_mrz(kWorkedExampleKey)};
    PaceChip chip(
        {.passwords = passwords, .info = info_for("0.4.0.127.0.7.2.2.4.2.2", 13), .cam_private_key_der = {}},
        random);
    const auto send = [&chip](const std::string& command) {
        return to_hex(chip.process(*iso7816::decode_command(hex(command))).encode());
    };
    EXPECT_EQ(send("0022C1A40F800A04007F00070202040202830101"), "9000");
    EXPECT_EQ(send("10860000027C0000"), "7C12801095A3A016522EE98D01E76CB6B98B42C39000");
    EXPECT_EQ(send("10860000457C438141047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E54455"
                   "2DCB67252"
                   "18799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D00"),
              "7C43824104824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F5730D8C879AAA9C9F73991"
              "E61B58F4D5"
              "2EB87A0A0C709A49DC63719363CCD13C549000");
    EXPECT_EQ(send("10860000457C438341042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C3556F"
                   "3B3B186DF"
                   "10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB3646200"),
              "7C438441049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB7764B22277A2EDDC3C26"
              "5A9F018F9C"
              "B852E111B768B326904B59A0193776F0949000");
    EXPECT_EQ(send("008600000C7C0A8508C2B0BD78D94BA86600"), "7C0A86083ABB9674BCE93C089000");
    ASSERT_TRUE(chip.established());
    EXPECT_EQ(to_hex(chip.established()->k_enc), "F5F0E35C0D7161EE6724EE513A0D9A7F");
}

struct LoopCase {
    std::string name;
    std::string oid;
    int parameter_id;
};

class PaceLoop : public ::testing::TestWithParam<LoopCase> {};

// PACE with the chip side, then a secured read: the keys agree and secure messaging works on them.
TEST_P(PaceLoop, EstablishesAWorkingSession) {
    const LoopCase& c = GetParam();
    SystemRandom random;
    TestChipCard card(random);
    const PaceInfo info = info_for(c.oid, c.parameter_id);
    card.enable_pace(
        {.passwords = {*PacePassword::from_mrz(kWorkedExampleKey), PacePassword::from_can("123456")},
         .info = info,
         .cam_private_key_der = {}});
    card.add_file(0x011E, hex("60145F0104303130365F36063034303030305C026175"));
    sim::InProcessCardChannel plain(card);
    for (const PacePassword& password :
         {*PacePassword::from_mrz(kWorkedExampleKey), PacePassword::from_can("123456")}) {
        auto result = perform_pace(plain, password, info, random);
        ASSERT_TRUE(result) << describe(result.error());
        EXPECT_EQ(result->keys.suite, info.protocol.suite);
        EXPECT_EQ(result->keys.k_enc.size(), key_length(info.protocol.suite));
        SecureMessagingChannel channel(plain, result->keys);
        ASSERT_TRUE(
            channel.transmit({.cla = 0, .ins = 0xA4, .p1 = 2, .p2 = 0x0C, .data = {0x01, 0x1E}, .ne = {}}));
        const auto read = channel.transmit({.cla = 0, .ins = 0xB0, .p1 = 0, .p2 = 0, .data = {}, .ne = 4});
        ASSERT_TRUE(read) << read.error().detail;
        EXPECT_EQ(to_hex(read->data), "60145F01");
    }
}

INSTANTIATE_TEST_SUITE_P(
    Mappings, PaceLoop,
    ::testing::Values(LoopCase{"EcdhGmP256Aes128", "0.4.0.127.0.7.2.2.4.2.2", 12},
                      LoopCase{"EcdhGmBrainpool256Aes128", "0.4.0.127.0.7.2.2.4.2.2", 13},
                      LoopCase{"EcdhGmBrainpool384Aes256", "0.4.0.127.0.7.2.2.4.2.4", 16},
                      LoopCase{"EcdhGmP521Aes192", "0.4.0.127.0.7.2.2.4.2.3", 18},
                      LoopCase{"EcdhGmP192Des3", "0.4.0.127.0.7.2.2.4.2.1", 8},
                      LoopCase{"EcdhGmBrainpool512Aes256", "0.4.0.127.0.7.2.2.4.2.4", 17},
                      LoopCase{"DhGmModp1024Des3", "0.4.0.127.0.7.2.2.4.1.1", 0},
                      LoopCase{"DhGmModp2048Aes128", "0.4.0.127.0.7.2.2.4.1.2", 2}),
    [](const auto& param_info) { return param_info.param.name; });

TEST(Pace, EveryStandardizedCurveMaps) {
    for (int id : {8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18}) {
        SystemRandom random;
        TestChipCard card(random);
        const PaceInfo info = info_for("0.4.0.127.0.7.2.2.4.2.2", id);
        card.enable_pace(
            {.passwords = {PacePassword::from_can("500540")}, .info = info, .cam_private_key_der = {}});
        sim::InProcessCardChannel plain(card);
        const auto result = perform_pace(plain, PacePassword::from_can("500540"), info, random);
        EXPECT_TRUE(result) << id << " " << describe(result.error());
    }
}

TEST(Pace, WrongPasswordIsRefused) {
    SystemRandom random;
    TestChipCard card(random);
    const PaceInfo info = info_for("0.4.0.127.0.7.2.2.4.2.2", 13);
    card.enable_pace(
        {.passwords = {PacePassword::from_can("123456")}, .info = info, .cam_private_key_der = {}});
    sim::InProcessCardChannel plain(card);
    const auto result = perform_pace(plain, PacePassword::from_can("123465"), info, random);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().kind, AccessError::Refused);
    EXPECT_EQ(result.error().status, 0x6300);
    // An MRZ password the chip does not offer: MSE:Set AT fails, a protocol error.
    const auto mrz = perform_pace(plain, *PacePassword::from_mrz(kWorkedExampleKey), info, random);
    ASSERT_FALSE(mrz);
    EXPECT_EQ(mrz.error().kind, AccessError::Protocol);
    EXPECT_EQ(mrz.error().status, 0x6A80);
}

TEST(Pace, UnsupportedParametersAreSaidSo) {
    ScriptedChannel card;  // nothing may be sent
    SystemRandom random;
    const auto password = PacePassword::from_can("123456");
    EXPECT_EQ(perform_pace(card, password, info_for("0.4.0.127.0.7.2.2.4.4.2", 13), random).error().kind,
              AccessError::Unsupported);  // integrated mapping
    EXPECT_EQ(perform_pace(card, password, info_for("0.4.0.127.0.7.2.2.4.2.2", 5), random).error().kind,
              AccessError::Unsupported);  // reserved id
    EXPECT_EQ(perform_pace(card, password, info_for("0.4.0.127.0.7.2.2.4.2.2", 2), random).error().kind,
              AccessError::Unsupported);  // ECDH protocol on a DH group
    PaceInfo proprietary = info_for("0.4.0.127.0.7.2.2.4.2.2", 13);
    proprietary.parameter_id.reset();
    EXPECT_EQ(perform_pace(card, password, proprietary, random).error().kind, AccessError::Unsupported);
}

class PaceCam : public ::testing::TestWithParam<std::pair<std::string, int>> {};

TEST_P(PaceCam, ChipAuthenticationDataVerifiesAgainstTheDg14Key) {
    const auto& [curve, parameter_id] = GetParam();
    SystemRandom random;
    const TestKeyPair chip_key = generate_ec_key(curve);
    TestChipCard card(random);
    const PaceInfo info = info_for("0.4.0.127.0.7.2.2.4.6.2", parameter_id);
    card.enable_pace({.passwords = {PacePassword::from_can("123456")},
                      .info = info,
                      .cam_private_key_der = chip_key.private_pkcs8});
    sim::InProcessCardChannel plain(card);
    const auto result = perform_pace(plain, PacePassword::from_can("123456"), info, random);
    ASSERT_TRUE(result) << describe(result.error());
    ASSERT_TRUE(result->chip_authentication_data);
    const auto verified = verify_cam(*result, chip_key.public_spki);
    EXPECT_TRUE(verified) << describe(verified.error());
    // A clone with another key (DG14 copied from the genuine chip) fails the equation.
    const TestKeyPair other = generate_ec_key(curve);
    const auto clone = verify_cam(*result, other.public_spki);
    ASSERT_FALSE(clone);
    EXPECT_EQ(clone.error().kind, AccessError::Refused);
    // A key on another curve cannot be checked.
    const auto wrong_curve = verify_cam(*result, generate_ec_key("P-384").public_spki);
    ASSERT_FALSE(wrong_curve);
    EXPECT_EQ(wrong_curve.error().kind, AccessError::Unsupported);
}

INSTANTIATE_TEST_SUITE_P(Curves, PaceCam,
                         ::testing::Values(std::pair<std::string, int>{"P-256", 12},
                                           std::pair<std::string, int>{"brainpoolP256r1", 13}),
                         [](const auto& param_info) {
                             return std::string{param_info.param.second == 12 ? "P256" : "Brainpool256"};
                         });

TEST(Pace, VerifyCamNeedsCamData) {
    PaceResult result{.keys = {},
                      .info = info_for("0.4.0.127.0.7.2.2.4.2.2", 12),
                      .chip_public_key = {},
                      .chip_mapping_public_key = {},
                      .chip_authentication_data = {}};
    EXPECT_EQ(verify_cam(result, generate_ec_key("P-256").public_spki).error().kind,
              AccessError::Unsupported);
}

}  // namespace
}  // namespace hk::drivers::icao9303::test
