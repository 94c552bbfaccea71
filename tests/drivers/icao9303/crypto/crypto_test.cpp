// Vectors from ICAO Doc 9303-11 Appendix D (BAC worked example) and RFC 4493 (AES-CMAC): independent of our
// code.
#include "drivers/icao9303/crypto.h"

#include <gtest/gtest.h>

namespace hk::drivers::icao9303 {
namespace {

Bytes hex(std::string_view text) {
    return iso7816::from_hex(text).value();
}

TEST(IcaoCrypto, DerivesTheAppendixDBacKeysFromKseed) {
    const Bytes seed = hex("239AB9CB282DAF66231DC5A4DF6BFBAE");
    Bytes enc = derive_key(seed, KeyPurpose::Encryption, CipherSuite::Des3);
    Bytes mac = derive_key(seed, KeyPurpose::Mac, CipherSuite::Des3);
    adjust_des_parity(enc);
    adjust_des_parity(mac);
    EXPECT_EQ(iso7816::to_hex(enc), "AB94FDECF2674FDFB9B391F85D7F76F2");
    EXPECT_EQ(iso7816::to_hex(mac), "7962D9ECE03D1ACD4C76089DCE131543");
}

TEST(IcaoCrypto, EncryptsAndMacsTheAppendixDExternalAuthenticate) {
    const Bytes enc = hex("AB94FDECF2674FDFB9B391F85D7F76F2");
    const Bytes mac = hex("7962D9ECE03D1ACD4C76089DCE131543");
    const Bytes s = hex("781723860C06C2264608F919887022120B795240CB7049B01C19B33E32804F0B");
    const Bytes eifd = des3_cbc_encrypt(enc, s);
    EXPECT_EQ(iso7816::to_hex(eifd), "72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2");
    EXPECT_EQ(iso7816::to_hex(retail_mac(mac, pad_iso9797_m2(eifd, 8))), "5F1448EEA8AD90A7");
    EXPECT_EQ(des3_cbc_decrypt(enc, eifd), s);
}

TEST(IcaoCrypto, AesCmacMatchesRfc4493) {
    const Bytes key = hex("2B7E151628AED2A6ABF7158809CF4F3C");
    EXPECT_EQ(iso7816::to_hex(aes_cmac(key, {})), "BB1D6929E95937287FA37D129B756746");
    EXPECT_EQ(iso7816::to_hex(aes_cmac(key, hex("6BC1BEE22E409F96E93D7E117393172A"))),
              "070A16B46B4D4144F79BDD9DD04A287C");
}

TEST(IcaoCrypto, AesCbcRoundTripsAndEcbMatchesFips197) {
    const Bytes key = hex("000102030405060708090A0B0C0D0E0F");
    EXPECT_EQ(iso7816::to_hex(aes_ecb_encrypt_block(key, hex("00112233445566778899AABBCCDDEEFF"))),
              "69C4E0D86A7B0430D8CDB78070B4C55A");
    const Bytes plain = Bytes(48, 0x42);
    const Bytes iv = Bytes(16, 0x01);
    const Bytes cipher = aes_cbc_encrypt(key, plain, iv);
    EXPECT_NE(cipher, plain);
    EXPECT_EQ(aes_cbc_decrypt(key, cipher, iv), plain);
}

TEST(IcaoCrypto, MisuseGivesEmptyResultsNotGarbage) {
    EXPECT_TRUE(des3_cbc_encrypt(Bytes(16, 1), Bytes(7, 0)).empty());
    EXPECT_TRUE(aes_cbc_encrypt(Bytes(15, 1), Bytes(16, 0)).empty());
    EXPECT_TRUE(retail_mac(Bytes(8, 1), Bytes(8, 0)).empty());
    EXPECT_TRUE(des3_cbc_encrypt(Bytes(16, 1), Bytes(8, 0), Bytes(4, 0)).empty());
}

TEST(IcaoCrypto, PaddingMethodTwoRoundTripsAndRejectsForgeries) {
    EXPECT_EQ(pad_iso9797_m2(hex("0102"), 8), hex("0102800000000000"));
    EXPECT_EQ(pad_iso9797_m2(hex("0102030405060708"), 8).size(), 16u);
    EXPECT_EQ(unpad_iso9797_m2(hex("0102800000000000")), hex("0102"));
    EXPECT_FALSE(unpad_iso9797_m2(hex("0102000000000000")));
    EXPECT_FALSE(unpad_iso9797_m2(hex("0000000000000000")));
}

TEST(IcaoCrypto, LongAesKeysComeFromSha256) {
    const Bytes secret = hex("0102030405");
    const Bytes k256 = derive_key(secret, KeyPurpose::Encryption, CipherSuite::Aes256);
    ASSERT_EQ(k256.size(), 32u);
    Bytes input = secret;
    input.insert(input.end(), {0x00, 0x00, 0x00, 0x01});
    EXPECT_EQ(k256, digest(HashAlgorithm::Sha256, input));
    EXPECT_EQ(derive_key(secret, KeyPurpose::Mac, CipherSuite::Aes128).size(), 16u);
    EXPECT_EQ(hash_algorithm_from_oid("2.16.840.1.101.3.4.2.1"), HashAlgorithm::Sha256);
    EXPECT_FALSE(hash_algorithm_from_oid("1.2.3"));
}

TEST(IcaoCrypto, ScriptedRandomHandsOutVectorsThenRealRandomness) {
    ScriptedRandom random;
    random.push(hex("4608F91988702212"));
    EXPECT_EQ(random.bytes(8), hex("4608F91988702212"));
    EXPECT_NE(random.bytes(16), random.bytes(16));
}

}  // namespace
}  // namespace hk::drivers::icao9303
