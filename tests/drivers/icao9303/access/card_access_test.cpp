// EF.CardAccess parsing and the PACE protocol identifiers.
#include <gtest/gtest.h>

#include "drivers/icao9303/card_access.h"
#include "scripted_channel.h"

namespace hk::drivers::icao9303::test {
namespace {

TEST(ObjectIdentifier, EncodesAndDecodes) {
    EXPECT_EQ(iso7816::to_hex(*encode_oid("0.4.0.127.0.7.2.2.4.2.2")), "04007F00070202040202");
    EXPECT_EQ(decode_oid(hex("04007F00070202040202")), "0.4.0.127.0.7.2.2.4.2.2");
    EXPECT_EQ(decode_oid(hex("2A864886F70D010101")), "1.2.840.113549.1.1.1");
    EXPECT_EQ(decode_oid(hex("8134")), "2.100");
    EXPECT_FALSE(decode_oid(hex("2A86")));    // ends inside an arc
    EXPECT_FALSE(decode_oid(hex("2A8001")));  // non-minimal arc
    EXPECT_FALSE(decode_oid({}));
    EXPECT_FALSE(encode_oid("1"));
    EXPECT_FALSE(encode_oid("1.2..3"));
    EXPECT_FALSE(encode_oid("1.x"));
}

TEST(CardAccess, WorkedExampleFile) {
    // 9303-11 Appendix G.1: one PACEInfo, ECDH-GM-AES-128, version 2, brainpoolP256r1.
    const auto infos = parse_card_access(hex("31143012060A04007F0007020204020202010202010D"));
    ASSERT_TRUE(infos);
    ASSERT_EQ(infos->size(), 1u);
    const PaceInfo& info = (*infos)[0];
    EXPECT_EQ(info.protocol_oid, "0.4.0.127.0.7.2.2.4.2.2");
    EXPECT_EQ(info.version, 2);
    EXPECT_EQ(info.parameter_id, 13);
    EXPECT_EQ(info.protocol.agreement, PaceKeyAgreement::Ecdh);
    EXPECT_EQ(info.protocol.mapping, PaceMapping::Generic);
    EXPECT_EQ(info.protocol.suite, CipherSuite::Aes128);
    EXPECT_EQ(domain_parameter_name(13), "brainpoolP256r1");
    EXPECT_EQ(choose_pace_info(*infos)->protocol_oid, info.protocol_oid);
}

TEST(CardAccess, SkipsOtherSecurityInfosAndPrefersCam) {
    // ChipAuthenticationInfo (id-CA-ECDH-AES-128), PACE DH-GM-3DES on group 2, PACE ECDH-CAM-AES-256 on
    // P-384, PACE-IM (unsupported), a PACEDomainParameterInfo OID (10 arcs) and a proprietary one.
    const Bytes file =
        hex("3181"
            "8C"
            "300F060A04007F00070202030202020101"
            "3012060A04007F00070202040101020102020102"
            "3012060A04007F0007020204060402010202010F"
            "3012060A04007F0007020204040202010202010D"
            "3013060904007F000702020402300302010102010D"
            "3017060A2B0601040181E3640101300902010102010D0201FF"
            "300F060A04007F00070202040202020102");  // the last without parameterId
    const auto infos = parse_card_access(file);
    ASSERT_TRUE(infos) << static_cast<int>(infos.error());
    ASSERT_EQ(infos->size(), 4u);
    EXPECT_EQ((*infos)[0].protocol.agreement, PaceKeyAgreement::Dh);
    EXPECT_EQ((*infos)[1].protocol.mapping, PaceMapping::ChipAuthentication);
    EXPECT_EQ((*infos)[2].protocol.mapping, PaceMapping::Integrated);
    EXPECT_FALSE((*infos)[3].parameter_id);
    const auto chosen = choose_pace_info(*infos);
    ASSERT_TRUE(chosen);
    EXPECT_EQ(chosen->protocol_oid, "0.4.0.127.0.7.2.2.4.6.4");
    EXPECT_EQ(chosen->parameter_id, 15);
}

TEST(CardAccess, RejectsMalformedFilesWithoutCrashing) {
    EXPECT_EQ(parse_card_access({}).error(), CardAccessError::Malformed);
    EXPECT_EQ(parse_card_access(hex("3014")).error(), CardAccessError::Malformed);
    EXPECT_EQ(parse_card_access(hex("30143012060A04007F0007020204020202010202010D")).error(),
              CardAccessError::Malformed);  // SEQUENCE, not SET
    EXPECT_EQ(parse_card_access(hex("3105300306012A")).error(), CardAccessError::NoPace);
    EXPECT_EQ(parse_card_access(hex("3110300E060A04007F000702020402020401")).error(),
              CardAccessError::Malformed);  // version is not an INTEGER
    EXPECT_EQ(parse_card_access(hex("310C300A020102020102020102")).error(), CardAccessError::Malformed);
    // Zero padding after the SET is tolerated (fixed-length reads), anything else is not.
    EXPECT_TRUE(parse_card_access(hex("31143012060A04007F0007020204020202010202010D0000")));
    EXPECT_FALSE(parse_card_access(hex("31143012060A04007F0007020204020202010202010D01")));
    // Every prefix of a valid file fails cleanly.
    const Bytes file = hex("31143012060A04007F0007020204020202010202010D");
    for (std::size_t n = 0; n < file.size(); ++n) {
        EXPECT_FALSE(parse_card_access(ByteView{file}.first(n))) << n;
    }
}

TEST(CardAccess, ProtocolIdentifiers) {
    EXPECT_FALSE(pace_protocol_from_oid("0.4.0.127.0.7.2.2.4.6.1"));  // CAM has no 3DES
    EXPECT_FALSE(pace_protocol_from_oid("0.4.0.127.0.7.2.2.4.2.5"));
    EXPECT_FALSE(pace_protocol_from_oid("0.4.0.127.0.7.2.2.4.2"));
    const auto dh = pace_protocol_from_oid("0.4.0.127.0.7.2.2.4.1.1");
    ASSERT_TRUE(dh);
    EXPECT_EQ(dh->suite, CipherSuite::Des3);
    EXPECT_EQ(pace_protocol_oid(*dh), "0.4.0.127.0.7.2.2.4.1.1");
    for (int id : {0, 1, 2, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18})
        EXPECT_TRUE(is_standardized_domain_parameter(id));
    for (int id : {3, 4, 5, 6, 7, 19, 31, -1}) EXPECT_FALSE(is_standardized_domain_parameter(id));
}

}  // namespace
}  // namespace hk::drivers::icao9303::test
