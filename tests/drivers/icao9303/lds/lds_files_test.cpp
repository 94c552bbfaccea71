// File identifiers, EF.COM, DG11, DG12, DG14, DG15 of a factory document.
#include <gtest/gtest.h>

#include "drivers/icao9303/dg11_dg12.h"
#include "drivers/icao9303/dg15.h"
#include "drivers/icao9303/ef_com.h"
#include "drivers/icao9303/lds_files.h"
#include "drivers/icao9303/security_infos.h"
#include "drivers/icao9303/test_document.h"

namespace hk::drivers::icao9303 {
namespace {

const testdoc::TestDocument& document() {
    static const testdoc::TestDocument made = testdoc::make_test_document().value();
    return made;
}

TEST(LdsFiles, IdentifiersShortIdsAndTags) {
    EXPECT_EQ(data_group_fid(1), 0x0101);
    EXPECT_EQ(data_group_fid(16), 0x0110);
    EXPECT_EQ(data_group_fid(17), std::nullopt);
    EXPECT_EQ(data_group_from_fid(0x010E), 14);
    EXPECT_EQ(data_group_tag(2), 0x75);
    EXPECT_EQ(data_group_tag(15), 0x6F);
    EXPECT_EQ(data_group_from_tag(0x6B), 11);
    EXPECT_EQ(short_file_id(fid::kCom), 0x1E);
    EXPECT_EQ(short_file_id(fid::kSod), 0x1D);
    EXPECT_EQ(short_file_id(fid::kCardAccess), 0x1C);
    EXPECT_EQ(short_file_id(fid::kDg2), 0x02);
    EXPECT_EQ(short_file_id(0x3F00), std::nullopt);
}

TEST(LdsFiles, EfComListsTheDataGroups) {
    const auto com = parse_ef_com(*document().file(fid::kCom));
    ASSERT_TRUE(com);
    EXPECT_EQ(com->lds_version, "0107");
    EXPECT_EQ(com->unicode_version, "040000");
    EXPECT_EQ(com->data_groups(), (std::vector<int>{1, 2, 11, 12, 14, 15}));
    EXPECT_EQ(parse_ef_com(*document().file(fid::kDg1)).error(), LdsError::WrongTag);
}

TEST(LdsFiles, Dg11AndDg12OptionalFields) {
    const auto dg11 = parse_dg11(*document().file(fid::kDg11));
    ASSERT_TRUE(dg11);
    ASSERT_TRUE(dg11->full_name);
    EXPECT_EQ(dg11->full_name->reveal(), "ERIKSSON<<ANNA MARIA");
    ASSERT_TRUE(dg11->full_birth_date);
    EXPECT_EQ(dg11->full_birth_date->reveal(), "19740812");
    ASSERT_TRUE(dg11->address);
    EXPECT_FALSE(dg11->telephone);
    const auto dg12 = parse_dg12(*document().file(fid::kDg12));
    ASSERT_TRUE(dg12);
    EXPECT_EQ(dg12->issuing_authority, "UTOPIA PASSPORT OFFICE");
    EXPECT_EQ(dg12->date_of_issue, "20240415");
    EXPECT_FALSE(dg12->endorsements);
}

TEST(LdsFiles, Dg14GivesTheChipAuthenticationKeyAndPaceInfo) {
    const auto infos = parse_dg14(*document().file(fid::kDg14));
    ASSERT_TRUE(infos);
    ASSERT_EQ(infos->chip_authentication_keys.size(), 1U);
    EXPECT_EQ(infos->chip_authentication_keys[0].protocol, oid::kIdPkEcdh);
    const EvpPkeyPtr key = public_key_from_der(infos->chip_authentication_keys[0].subject_public_key_info);
    ASSERT_TRUE(key);
    EXPECT_EQ(EVP_PKEY_get_base_id(key.get()), EVP_PKEY_EC);
    EXPECT_EQ(public_key_der(key.get()), public_key_der(document().chip_authentication_key.get()));
    ASSERT_EQ(infos->chip_authentication.size(), 1U);
    EXPECT_EQ(infos->chip_authentication[0].protocol, oid::kIdCaEcdhAes128);
    EXPECT_EQ(infos->chip_authentication[0].version, 1);
    ASSERT_EQ(infos->pace.size(), 1U);
    EXPECT_EQ(infos->pace[0].parameter_id, 12);
    EXPECT_FALSE(infos->active_authentication) << "RSA AA needs no ActiveAuthenticationInfo";

    const auto card_access = parse_security_infos(*document().file(fid::kCardAccess));
    ASSERT_TRUE(card_access);
    ASSERT_EQ(card_access->pace.size(), 1U);
    EXPECT_EQ(card_access->pace[0].protocol, oid::kIdPaceEcdhGmAes128);
    EXPECT_EQ(card_access->pace[0].version, 2);
}

TEST(LdsFiles, Dg14WithDhKeyKeyIdAndEcAaInfo) {
    testdoc::TestDocumentOptions options;
    options.chip_authentication = testdoc::CaKey::Dh2048;
    options.active_authentication = testdoc::AaKey::EcP256;
    options.aa_ecdsa_hash = HashAlgorithm::Sha384;
    const auto made = testdoc::make_test_document(options);
    ASSERT_TRUE(made) << made.error();
    const auto infos = parse_dg14(*made->file(fid::kDg14));
    ASSERT_TRUE(infos);
    ASSERT_EQ(infos->chip_authentication_keys.size(), 1U);
    EXPECT_EQ(infos->chip_authentication_keys[0].protocol, oid::kIdPkDh);
    EXPECT_TRUE(public_key_from_der(infos->chip_authentication_keys[0].subject_public_key_info));
    EXPECT_EQ(infos->chip_authentication[0].protocol, oid::kIdCaDhAes128);
    ASSERT_TRUE(infos->active_authentication);
    EXPECT_EQ(infos->active_authentication->hash(), HashAlgorithm::Sha384);

    const iso7816::Bytes with_key_id = encode_dg14({encode_chip_authentication_info(
        {std::string(oid::kIdCaEcdhAes128), 1, iso7816::Bytes{0x01, 0x02}})});
    const auto parsed = parse_dg14(with_key_id);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->chip_authentication[0].key_id, (iso7816::Bytes{0x01, 0x02}));
}

TEST(LdsFiles, Dg14UnknownInfosArePassedThroughBrokenKnownOnesRejected) {
    const iso7816::Bytes terminal_authentication =
        iso7816::from_hex("300D060804007F0007020202020101").value();  // id-TA, version 1
    const auto parsed = parse_dg14(encode_dg14({terminal_authentication}));
    ASSERT_TRUE(parsed);
    ASSERT_EQ(parsed->others.size(), 1U);
    EXPECT_EQ(parsed->others[0].protocol, "0.4.0.127.0.7.2.2.2");
    // id-AA whose version is an OCTET STRING.
    const iso7816::Bytes broken = iso7816::from_hex("300B0606678108010105040101").value();
    EXPECT_EQ(parse_dg14(encode_dg14({broken})).error(), LdsError::Malformed);
}

TEST(LdsFiles, Dg15GivesRsaOrEcKeys) {
    const auto rsa = parse_dg15(*document().file(fid::kDg15));
    ASSERT_TRUE(rsa);
    EXPECT_EQ(EVP_PKEY_get_base_id(rsa->get()), EVP_PKEY_RSA);
    EXPECT_EQ(EVP_PKEY_get_bits(rsa->get()), 1024);

    testdoc::TestDocumentOptions options;
    options.active_authentication = testdoc::AaKey::EcP256;
    const auto made = testdoc::make_test_document(options);
    ASSERT_TRUE(made);
    const auto ec = parse_dg15(*made->file(fid::kDg15));
    ASSERT_TRUE(ec);
    EXPECT_EQ(EVP_PKEY_get_base_id(ec->get()), EVP_PKEY_EC);
    EXPECT_EQ(parse_dg15(iso7816::from_hex("6F03300100").value()).error(), LdsError::Malformed);
}

}  // namespace
}  // namespace hk::drivers::icao9303
