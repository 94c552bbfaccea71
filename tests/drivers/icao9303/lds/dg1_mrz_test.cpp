// DG1 / MRZ parsing on the ICAO 9303 specimens (9303-4 TD3, 9303-5 TD1, 9303-6 TD2).
#include <gtest/gtest.h>

#include "drivers/icao9303/dg1_mrz.h"
#include "drivers/icao9303/test_document.h"
#include "drivers/iso7816/ber_tlv.h"

namespace hk::drivers::icao9303 {
namespace {

constexpr std::string_view kTd3 =
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10";
constexpr std::string_view kTd1 =
    "I<UTOD231458907<<<<<<<<<<<<<<<"
    "7408122F1204159UTO<<<<<<<<<<<6"
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<";
constexpr std::string_view kTd2 =
    "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<"
    "D231458907UTO7408122F1204159<<<<<<<6";

TEST(Dg1Mrz, CheckDigitIs731Weighted) {
    EXPECT_EQ(mrz_check_digit("L898902C3"), '6');
    EXPECT_EQ(mrz_check_digit("740812"), '2');
    EXPECT_EQ(mrz_check_digit("120415"), '9');
    EXPECT_EQ(mrz_check_digit("<<<<"), '0');
    EXPECT_EQ(mrz_check_digit("ab"), std::nullopt);
}

TEST(Dg1Mrz, Td3SpecimenParsesWithEveryCheckDigitValid) {
    const auto mrz = parse_dg1(encode_dg1(kTd3));
    ASSERT_TRUE(mrz);
    EXPECT_EQ(mrz->format, MrzFormat::Td3);
    EXPECT_EQ(mrz->document_code.reveal(), "P");
    EXPECT_EQ(mrz->issuing_state.reveal(), "UTO");
    EXPECT_EQ(mrz->surname.reveal(), "ERIKSSON");
    EXPECT_EQ(mrz->given_names.reveal(), "ANNA MARIA");
    EXPECT_EQ(mrz->document_number.reveal(), "L898902C3");
    EXPECT_EQ(mrz->nationality.reveal(), "UTO");
    EXPECT_EQ(mrz->birth_date.reveal(), "740812");
    EXPECT_EQ(mrz->sex.reveal(), "F");
    EXPECT_EQ(mrz->expiry_date.reveal(), "120415");
    EXPECT_EQ(mrz->personal_number.reveal(), "ZE184226B");
    EXPECT_TRUE(mrz->checks.all_valid()) << mrz->checks.failed().size();
    const ChipAccessKey key = mrz->access_key();
    EXPECT_EQ(key.document_number.reveal(), "L898902C3");
}

TEST(Dg1Mrz, Td1SpecimenParses) {
    const auto mrz = parse_mrz(kTd1);
    ASSERT_TRUE(mrz);
    EXPECT_EQ(mrz->format, MrzFormat::Td1);
    EXPECT_EQ(mrz->document_code.reveal(), "I");
    EXPECT_EQ(mrz->document_number.reveal(), "D23145890");
    EXPECT_EQ(mrz->birth_date.reveal(), "740812");
    EXPECT_EQ(mrz->expiry_date.reveal(), "120415");
    EXPECT_EQ(mrz->nationality.reveal(), "UTO");
    EXPECT_EQ(mrz->surname.reveal(), "ERIKSSON");
    EXPECT_EQ(mrz->given_names.reveal(), "ANNA MARIA");
    EXPECT_TRUE(mrz->checks.all_valid());
}

TEST(Dg1Mrz, Td2SpecimenParses) {
    const auto mrz = parse_mrz(kTd2);
    ASSERT_TRUE(mrz);
    EXPECT_EQ(mrz->format, MrzFormat::Td2);
    EXPECT_EQ(mrz->document_number.reveal(), "D23145890");
    EXPECT_EQ(mrz->given_names.reveal(), "ANNA MARIA");
    EXPECT_TRUE(mrz->checks.all_valid());
}

TEST(Dg1Mrz, LineBreaksAreIgnored) {
    // Appended piece by piece: g++ 12 misreads `string + "\n" + string` here as an out-of-bounds copy.
    std::string text(kTd3.substr(0, 44));
    text += '\n';
    text += kTd3.substr(44);
    text += '\n';
    const auto mrz = parse_mrz(text);
    ASSERT_TRUE(mrz);
    EXPECT_TRUE(mrz->checks.all_valid());
}

TEST(Dg1Mrz, WrongBirthDateCheckDigitIsFlaggedByName) {
    std::string text(kTd3);
    text[44 + 19] = '3';  // birth date check digit 2 -> 3
    const auto mrz = parse_mrz(text);
    ASSERT_TRUE(mrz);
    EXPECT_FALSE(mrz->checks.birth_date);
    EXPECT_FALSE(mrz->checks.composite);
    EXPECT_TRUE(mrz->checks.document_number);
    const auto failed = mrz->checks.failed();
    ASSERT_EQ(failed.size(), 2U);
    EXPECT_EQ(failed[0], "date of birth");
    EXPECT_EQ(failed[1], "composite");
}

TEST(Dg1Mrz, WrongTd1CompositeIsFlagged) {
    std::string text(kTd1);
    text[59] = '7';
    const auto mrz = parse_mrz(text);
    ASSERT_TRUE(mrz);
    EXPECT_FALSE(mrz->checks.composite);
    EXPECT_TRUE(mrz->checks.document_number);
}

TEST(Dg1Mrz, Td1LongDocumentNumberOverflowsIntoOptionalData) {
    testdoc::MrzFields fields;
    fields.format = MrzFormat::Td1;
    fields.document_code = "I";
    fields.document_number = "D23145890123";
    fields.optional_data = "";
    const std::string text = testdoc::compose_mrz(fields);
    ASSERT_EQ(text.size(), 90U);
    const auto mrz = parse_mrz(text);
    ASSERT_TRUE(mrz);
    EXPECT_EQ(mrz->document_number.reveal(), "D23145890123");
    EXPECT_TRUE(mrz->checks.all_valid());
    EXPECT_EQ(mrz->access_key().document_number.reveal(), "D23145890123");
}

TEST(Dg1Mrz, ComposedMrzMatchesTheSpecimens) {
    testdoc::MrzFields fields;
    fields.expiry_date = "120415";
    EXPECT_EQ(testdoc::compose_mrz(fields), kTd3);
    fields.format = MrzFormat::Td1;
    fields.document_code = "I";
    fields.document_number = "D23145890";
    fields.optional_data = "";
    EXPECT_EQ(testdoc::compose_mrz(fields), kTd1);
    fields.format = MrzFormat::Td2;
    EXPECT_EQ(testdoc::compose_mrz(fields), kTd2);
}

TEST(Dg1Mrz, FillsTheKioskDocumentAndWipes) {
    auto mrz = parse_mrz(kTd3);
    ASSERT_TRUE(mrz);
    ChipDocument document;
    mrz->fill(document);
    EXPECT_EQ(document.surname.reveal(), "ERIKSSON");
    EXPECT_EQ(document.personal_number.reveal(), "ZE184226B");
    mrz->wipe();
    EXPECT_TRUE(mrz->surname.empty());
}

TEST(Dg1Mrz, WrongSizesAndTagsAreErrors) {
    EXPECT_EQ(parse_mrz("P<UTO").error(), LdsError::Unsupported);
    EXPECT_EQ(parse_dg1(iso7816::Bytes{0x61, 0x05, 0x5F}).error(), LdsError::Malformed);
    EXPECT_EQ(parse_dg1(iso7816::encode_tlv(0x75, iso7816::Bytes{})).error(), LdsError::WrongTag);
    EXPECT_EQ(parse_dg1(iso7816::encode_tlv(0x61, iso7816::Bytes{})).error(), LdsError::Malformed);
}

}  // namespace
}  // namespace hk::drivers::icao9303
