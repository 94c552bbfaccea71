#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "scanner/mrz.h"

namespace hk::scanner {
namespace {

using Lines = std::vector<std::string>;

// ICAO Doc 9303 specimens: part 4 (TD3), part 5 (TD1), part 6 (TD2).
const Lines kTd3 = {"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                    "L898902C36UTO7408122F1204159ZE184226B<<<<<10"};
const Lines kTd1 = {"I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6",
                    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"};
const Lines kTd2 = {"I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"};
// Part 7 specimens: the visas MRV-A (2x44) and MRV-B (2x36), with no composite check digit.
const Lines kMrvA = {"VNUTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                     "L8988901C4XXX4009078F96121096ZE184226B<<<<<<"};
const Lines kMrvB = {"VNUTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L8988901C4XXX4009078F9612109<<<<<<<<"};

// The test's own check digit, written from the standard's table (value of each character, weights 7-3-1), so
// synthetic MRZs below do not borrow the parser's arithmetic.
char check_of(const std::string& field) {
    const std::string values = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const int weights[] = {7, 3, 1};
    int sum = 0;
    for (std::size_t i = 0; i < field.size(); ++i) {
        const int value = field[i] == '<' ? 0 : static_cast<int>(values.find(field[i]));
        sum += value * weights[i % 3];
    }
    return static_cast<char>('0' + sum % 10);
}

// Written into a string of the final width: g++ 12 misreads growing a short string in place (resize) as an
// out-of-bounds copy once inlined.
std::string pad(std::string_view text, std::size_t width) {
    std::string padded(width, '<');
    text.substr(0, width).copy(padded.data(), std::min(text.size(), width));
    return padded;
}

// A TD3 second line with every check digit computed; `personal` may be all fillers.
std::string td3_line2(const std::string& number, const std::string& birth, const std::string& expiry,
                      const std::string& personal, char personal_check,
                      const std::string& nationality = "CHN", char sex = 'M') {
    const std::string n = pad(number, 9) + check_of(pad(number, 9));
    const std::string b = birth + check_of(birth);
    const std::string e = expiry + check_of(expiry);
    const std::string p = pad(personal, 14) + personal_check;
    return n + nationality + b + sex + e + p + check_of(n + b + e + p);
}

// A TD1 with a document number longer than nine characters: '<' at the check position, the rest of the number
// and its check digit at the start of the optional data, then a filler (9303-5).
Lines td1_long_number(const std::string& number, const std::string& more_optional = "") {
    const std::string full_check(1, check_of(number));
    const std::string line1 =
        pad("I<UTO" + number.substr(0, 9) + "<" + number.substr(9) + full_check + "<" + more_optional, 30);
    const std::string birth_and_check = std::string{"740812"} + check_of("740812");
    const std::string expiry_and_check = std::string{"120415"} + check_of("120415");
    const std::string optional2 = "<<<<<<<<<<<";
    const std::string composite = line1.substr(5, 25) + birth_and_check + expiry_and_check + optional2;
    const std::string line2 =
        birth_and_check + "F" + expiry_and_check + "UTO" + optional2 + check_of(composite);
    return {line1, line2, "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"};
}

// The error a parse ends with; nullopt when it (wrongly, in the tests that use it) succeeds.
std::optional<MrzError> failure(const Lines& lines) {
    const auto result = parse_mrz(lines);
    if (result) return std::nullopt;
    return result.error();
}

Lines with_char(Lines lines, std::size_t line, std::size_t at, char c) {
    lines[line][at] = c;
    return lines;
}

// A different digit in a check position, so only that check (and the composite, checked last) fails.
Lines with_wrong_check(const Lines& lines, std::size_t line, std::size_t at) {
    const char old = lines[line][at];
    return with_char(lines, line, at, old == '9' ? '0' : static_cast<char>(old + 1));
}

TEST(Mrz, TestOracleAgreesWithTheSpecimens) {
    // Every check digit of the TD3 specimen, the composite included, comes out of the oracle as printed.
    EXPECT_EQ(td3_line2("L898902C3", "740812", "120415", "ZE184226B", check_of("ZE184226B<<<<<"), "UTO", 'F'),
              kTd3[1]);
}

TEST(Mrz, ParsesTheTd3Specimen) {
    const auto mrz = parse_mrz(kTd3);
    ASSERT_TRUE(mrz.has_value()) << to_string(mrz.error());
    EXPECT_EQ(mrz->format, MrzFormat::TD3);
    EXPECT_EQ(mrz->document_type.reveal(), "P");
    EXPECT_EQ(mrz->issuing_state.reveal(), "UTO");
    EXPECT_EQ(mrz->surname.reveal(), "ERIKSSON");
    EXPECT_EQ(mrz->given_names.reveal(), "ANNA MARIA");
    EXPECT_EQ(mrz->document_number.reveal(), "L898902C3");
    EXPECT_EQ(mrz->nationality.reveal(), "UTO");
    EXPECT_EQ(mrz->birth_date.reveal(), "740812");
    EXPECT_EQ(mrz->sex.reveal(), "F");
    EXPECT_EQ(mrz->expiry_date.reveal(), "120415");
    EXPECT_EQ(mrz->optional_data.reveal(), "ZE184226B");
}

TEST(Mrz, ParsesTheMrvASpecimen) {
    const auto mrz = parse_mrz(kMrvA);
    ASSERT_TRUE(mrz.has_value()) << to_string(mrz.error());
    EXPECT_EQ(mrz->format, MrzFormat::MRVA);
    EXPECT_EQ(to_string(mrz->format), "MRV-A");
    EXPECT_EQ(mrz->document_type.reveal(), "VN");
    EXPECT_EQ(mrz->issuing_state.reveal(), "UTO");
    EXPECT_EQ(mrz->surname.reveal(), "ERIKSSON");
    EXPECT_EQ(mrz->given_names.reveal(), "ANNA MARIA");
    EXPECT_EQ(mrz->document_number.reveal(), "L8988901C");
    EXPECT_EQ(mrz->nationality.reveal(), "XXX");
    EXPECT_EQ(mrz->birth_date.reveal(), "400907");
    EXPECT_EQ(mrz->sex.reveal(), "F");
    EXPECT_EQ(mrz->expiry_date.reveal(), "961210");
    // The whole optional field, its first character included: a TD3 would take position 43 as a check digit.
    EXPECT_EQ(mrz->optional_data.reveal(), "6ZE184226B");
}

TEST(Mrz, ParsesTheMrvBSpecimen) {
    const auto mrz = parse_mrz(kMrvB);
    ASSERT_TRUE(mrz.has_value()) << to_string(mrz.error());
    EXPECT_EQ(mrz->format, MrzFormat::MRVB);
    EXPECT_EQ(mrz->document_number.reveal(), "L8988901C");
    EXPECT_EQ(mrz->birth_date.reveal(), "400907");
    EXPECT_EQ(mrz->expiry_date.reveal(), "961210");
    EXPECT_TRUE(mrz->optional_data.empty());
}

TEST(Mrz, VisasStillCheckTheirFieldCheckDigits) {
    Lines number = kMrvA;
    number[1][9] = '5';
    EXPECT_EQ(parse_mrz(number).error(), MrzError::DocumentNumberCheck);
    Lines birth = kMrvB;
    birth[1][19] = '0';
    EXPECT_EQ(parse_mrz(birth).error(), MrzError::BirthDateCheck);
    Lines expiry = kMrvB;
    expiry[1][27] = '0';
    EXPECT_EQ(parse_mrz(expiry).error(), MrzError::ExpiryDateCheck);
    // The same lines with a passport's document code are held to a TD3's composite check and fail it.
    Lines passport = kMrvA;
    passport[0][0] = 'P';
    EXPECT_FALSE(parse_mrz(passport).has_value());
}

TEST(Mrz, ParsesTheTd1Specimen) {
    const auto mrz = parse_mrz(kTd1);
    ASSERT_TRUE(mrz.has_value()) << to_string(mrz.error());
    EXPECT_EQ(mrz->format, MrzFormat::TD1);
    EXPECT_EQ(mrz->document_type.reveal(), "I");
    EXPECT_EQ(mrz->issuing_state.reveal(), "UTO");
    EXPECT_EQ(mrz->document_number.reveal(), "D23145890");
    EXPECT_EQ(mrz->birth_date.reveal(), "740812");
    EXPECT_EQ(mrz->sex.reveal(), "F");
    EXPECT_EQ(mrz->expiry_date.reveal(), "120415");
    EXPECT_EQ(mrz->nationality.reveal(), "UTO");
    EXPECT_EQ(mrz->surname.reveal(), "ERIKSSON");
    EXPECT_EQ(mrz->given_names.reveal(), "ANNA MARIA");
    EXPECT_TRUE(mrz->optional_data.empty());
}

TEST(Mrz, ParsesTheTd2Specimen) {
    const auto mrz = parse_mrz(kTd2);
    ASSERT_TRUE(mrz.has_value()) << to_string(mrz.error());
    EXPECT_EQ(mrz->format, MrzFormat::TD2);
    EXPECT_EQ(mrz->document_type.reveal(), "I");
    EXPECT_EQ(mrz->document_number.reveal(), "D23145890");
    EXPECT_EQ(mrz->nationality.reveal(), "UTO");
    EXPECT_EQ(mrz->birth_date.reveal(), "740812");
    EXPECT_EQ(mrz->expiry_date.reveal(), "120415");
    EXPECT_EQ(mrz->surname.reveal(), "ERIKSSON");
    EXPECT_EQ(mrz->given_names.reveal(), "ANNA MARIA");
    EXPECT_TRUE(mrz->optional_data.empty());
}

TEST(Mrz, AccessKeyIsNumberBirthAndExpiry) {
    const auto mrz = parse_mrz(kTd3);
    ASSERT_TRUE(mrz.has_value());
    const drivers::ChipAccessKey key = mrz->access_key();
    EXPECT_EQ(key.document_number.reveal(), "L898902C3");
    EXPECT_EQ(key.birth_date.reveal(), "740812");
    EXPECT_EQ(key.expiry_date.reveal(), "120415");
}

TEST(Mrz, EachCorruptedTd3CheckDigitNamesItsField) {
    EXPECT_EQ(failure(with_wrong_check(kTd3, 1, 9)), MrzError::DocumentNumberCheck);
    EXPECT_EQ(failure(with_wrong_check(kTd3, 1, 19)), MrzError::BirthDateCheck);
    EXPECT_EQ(failure(with_wrong_check(kTd3, 1, 27)), MrzError::ExpiryDateCheck);
    EXPECT_EQ(failure(with_wrong_check(kTd3, 1, 42)), MrzError::PersonalNumberCheck);
    EXPECT_EQ(failure(with_wrong_check(kTd3, 1, 43)), MrzError::CompositeCheck);
}

TEST(Mrz, EachCorruptedTd1CheckDigitNamesItsField) {
    EXPECT_EQ(failure(with_wrong_check(kTd1, 0, 14)), MrzError::DocumentNumberCheck);
    EXPECT_EQ(failure(with_wrong_check(kTd1, 1, 6)), MrzError::BirthDateCheck);
    EXPECT_EQ(failure(with_wrong_check(kTd1, 1, 14)), MrzError::ExpiryDateCheck);
    EXPECT_EQ(failure(with_wrong_check(kTd1, 1, 29)), MrzError::CompositeCheck);
}

TEST(Mrz, EachCorruptedTd2CheckDigitNamesItsField) {
    EXPECT_EQ(failure(with_wrong_check(kTd2, 1, 9)), MrzError::DocumentNumberCheck);
    EXPECT_EQ(failure(with_wrong_check(kTd2, 1, 19)), MrzError::BirthDateCheck);
    EXPECT_EQ(failure(with_wrong_check(kTd2, 1, 27)), MrzError::ExpiryDateCheck);
    EXPECT_EQ(failure(with_wrong_check(kTd2, 1, 35)), MrzError::CompositeCheck);
}

TEST(Mrz, ACorruptedFieldFailsItsOwnCheck) {
    EXPECT_EQ(failure(with_char(kTd3, 1, 2, '5')), MrzError::DocumentNumberCheck);   // L8 9 8902C3
    EXPECT_EQ(failure(with_char(kTd3, 1, 14, '5')), MrzError::BirthDateCheck);       // 7 5 0812
    EXPECT_EQ(failure(with_char(kTd3, 1, 26, '6')), MrzError::ExpiryDateCheck);      // 12041 6
    EXPECT_EQ(failure(with_char(kTd3, 1, 29, 'F')), MrzError::PersonalNumberCheck);  // Z F 184226B
    // Fields outside any single check are still covered by the composite on TD1 (optional data 2).
    EXPECT_EQ(failure(with_char(kTd1, 1, 20, '7')), MrzError::CompositeCheck);
}

TEST(Mrz, AnEmptyPersonalNumberMayHaveAFillerAsItsCheckDigit) {
    const std::string line1 = kTd3[0];
    const auto with_filler = parse_mrz({line1, td3_line2("E12345678", "900101", "300101", "", '<')});
    ASSERT_TRUE(with_filler.has_value()) << to_string(with_filler.error());
    EXPECT_TRUE(with_filler->optional_data.empty());
    const auto with_zero = parse_mrz({line1, td3_line2("E12345678", "900101", "300101", "", '0')});
    EXPECT_TRUE(with_zero.has_value());
    const auto with_wrong = parse_mrz({line1, td3_line2("E12345678", "900101", "300101", "", '3')});
    ASSERT_FALSE(with_wrong.has_value());
    EXPECT_EQ(with_wrong.error(), MrzError::PersonalNumberCheck);
}

TEST(Mrz, APersonalNumberNeedsARealCheckDigit) {
    const auto filler_check =
        parse_mrz({kTd3[0], td3_line2("E12345678", "900101", "300101", "ZE184226B", '<')});
    ASSERT_FALSE(filler_check.has_value());
    EXPECT_EQ(filler_check.error(), MrzError::PersonalNumberCheck);
}

TEST(Mrz, ReadsATd1LongDocumentNumberFromTheOptionalData) {
    const Lines lines = td1_long_number("D23145890734");
    const auto mrz = parse_mrz(lines);
    ASSERT_TRUE(mrz.has_value()) << to_string(mrz.error()) << "\n" << lines[0] << "\n" << lines[1];
    EXPECT_EQ(mrz->document_number.reveal(), "D23145890734");
    EXPECT_EQ(mrz->access_key().document_number.reveal(), "D23145890734");
    EXPECT_TRUE(mrz->optional_data.empty());
}

TEST(Mrz, ReadsATd2LongDocumentNumberFromTheOptionalData) {
    const std::string number = "D2314589073";
    const std::string optional = pad(number.substr(9) + check_of(number) + "<", 7);
    const std::string birth = std::string{"740812"} + check_of("740812");
    const std::string expiry = std::string{"120415"} + check_of("120415");
    const std::string head = number.substr(0, 9) + "<";
    const std::string line2 =
        head + "UTO" + birth + "F" + expiry + optional + check_of(head + birth + expiry + optional);
    const auto mrz = parse_mrz({kTd2[0], line2});
    ASSERT_TRUE(mrz.has_value()) << to_string(mrz.error()) << "\n" << line2;
    EXPECT_EQ(mrz->format, MrzFormat::TD2);
    EXPECT_EQ(mrz->document_number.reveal(), "D2314589073");
    EXPECT_TRUE(mrz->optional_data.empty());
}

TEST(Mrz, KeepsOptionalDataAfterALongDocumentNumber) {
    const auto mrz = parse_mrz(td1_long_number("D23145890734", "AB12"));
    ASSERT_TRUE(mrz.has_value()) << to_string(mrz.error());
    EXPECT_EQ(mrz->document_number.reveal(), "D23145890734");
    EXPECT_EQ(mrz->optional_data.reveal(), "AB12");
}

TEST(Mrz, ChecksTheWholeLongDocumentNumber) {
    Lines lines = td1_long_number("D23145890734");
    // Position 18 holds the full number's check digit; a wrong one fails the number, not the composite.
    lines = with_wrong_check(lines, 0, 18);
    EXPECT_EQ(failure(lines), MrzError::DocumentNumberCheck);
    // So does a changed overflow digit.
    EXPECT_EQ(failure(with_char(td1_long_number("D23145890734"), 0, 16, '4')), MrzError::DocumentNumberCheck);
}

TEST(Mrz, AFillerCheckDigitWithoutOverflowIsADocumentNumberError) {
    EXPECT_EQ(failure(with_char(kTd1, 0, 14, '<')), MrzError::DocumentNumberCheck);
    EXPECT_EQ(failure(with_char(kTd3, 1, 9, '<')), MrzError::DocumentNumberCheck);
}

TEST(Mrz, SplitsNamesAtTheDoubleFiller) {
    const std::string line2 = kTd3[1];
    const auto many = parse_mrz({pad("P<UTOVAN<DER<BERG<<JAN<PIETER", 44), line2});
    ASSERT_TRUE(many.has_value());
    EXPECT_EQ(many->surname.reveal(), "VAN DER BERG");
    EXPECT_EQ(many->given_names.reveal(), "JAN PIETER");

    const auto surname_only = parse_mrz({pad("P<UTOZHANG", 44), line2});
    ASSERT_TRUE(surname_only.has_value());
    EXPECT_EQ(surname_only->surname.reveal(), "ZHANG");
    EXPECT_TRUE(surname_only->given_names.empty());

    const auto full_width = parse_mrz({"P<CHNWANGXIAOMINGLONGSURNAME<<GIVENNAMESTRUN", line2});
    ASSERT_TRUE(full_width.has_value());
    EXPECT_EQ(full_width->surname.reveal(), "WANGXIAOMINGLONGSURNAME");
    EXPECT_EQ(full_width->given_names.reveal(), "GIVENNAMESTRUN");
}

TEST(Mrz, StripsFillersFromShortCodes) {
    const auto mrz =
        parse_mrz({pad("P<D<<MUSTERMANN<<ERIKA", 44), td3_line2("C01X00T47", "640812", "310331", "", '<')});
    ASSERT_TRUE(mrz.has_value()) << to_string(mrz.error());
    EXPECT_EQ(mrz->issuing_state.reveal(), "D");
    EXPECT_EQ(mrz->document_type.reveal(), "P");
    EXPECT_EQ(mrz->nationality.reveal(), "CHN");
}

TEST(Mrz, RejectsWrongShapes) {
    EXPECT_EQ(failure({}), MrzError::WrongShape);
    EXPECT_EQ(failure({""}), MrzError::WrongShape);
    EXPECT_EQ(failure({kTd3[0]}), MrzError::WrongShape);
    EXPECT_EQ(failure({kTd3[0], kTd3[1], kTd3[1]}), MrzError::WrongShape);
    EXPECT_EQ(failure({kTd3[0], kTd2[1]}), MrzError::WrongShape);
    EXPECT_EQ(failure({kTd1[0], kTd1[1]}), MrzError::WrongShape);
    EXPECT_EQ(failure({kTd3[0].substr(0, 43), kTd3[1].substr(0, 43)}), MrzError::WrongShape);
    EXPECT_EQ(failure({kTd3[0] + "<", kTd3[1] + "<"}), MrzError::WrongShape);
}

TEST(Mrz, RejectsCharactersOutsideTheMrzSet) {
    Lines lower = kTd3;
    for (char& c : lower[0]) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(failure(lower), MrzError::BadCharacter);
    EXPECT_EQ(failure(with_char(kTd3, 1, 2, ' ')), MrzError::BadCharacter);
    EXPECT_EQ(failure(with_char(kTd1, 2, 3, '\0')), MrzError::BadCharacter);
    EXPECT_EQ(failure(with_char(kTd2, 0, 10, '\xC3')), MrzError::BadCharacter);
    EXPECT_EQ(failure(with_char(kTd3, 1, 43, '-')), MrzError::BadCharacter);
}

TEST(Mrz, IgnoresLineEndsAndBlankLinesAroundTheZone) {
    const auto mrz = parse_mrz({"", kTd3[0] + "\r", "  " + kTd3[1] + " \n", "   "});
    ASSERT_TRUE(mrz.has_value()) << to_string(mrz.error());
    EXPECT_EQ(mrz->document_number.reveal(), "L898902C3");
}

TEST(Mrz, NeverCrashesOnAnySingleCharacterChange) {
    // Every position of every specimen, replaced by characters from inside and outside the MRZ set. The
    // result may be a parse or an error; it must never read out of bounds (the sanitizer build checks that).
    const std::string replacements = std::string{"<0A9Z lx\xFF\t"} + '\0';
    for (const Lines& specimen : {kTd1, kTd2, kTd3}) {
        for (std::size_t line = 0; line < specimen.size(); ++line) {
            for (std::size_t at = 0; at < specimen[line].size(); ++at) {
                for (const char c : replacements) {
                    const Lines changed = with_char(specimen, line, at, c);
                    const bool in_set = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '<';
                    // Blanks at a line's ends are trimmed as line noise, which leaves the line too short.
                    const bool trimmed =
                        (c == ' ' || c == '\t') && (at == 0 || at + 1 == specimen[line].size());
                    if (!in_set) {
                        EXPECT_EQ(failure(changed), trimmed ? MrzError::WrongShape : MrzError::BadCharacter)
                            << line << ":" << at << " " << static_cast<int>(c);
                    } else {
                        (void)parse_mrz(changed);
                    }
                }
            }
        }
    }
}

TEST(Mrz, NeverCrashesOnTruncatedOrFillerOnlyZones) {
    for (const Lines& specimen : {kTd1, kTd2, kTd3}) {
        for (std::size_t cut = 0; cut <= specimen[0].size(); ++cut) {
            Lines truncated = specimen;
            for (auto& line : truncated) line.resize(cut);
            // A truncated TD3 can take another format's shape; only the check digits can refuse it then.
            if (cut != 30 && cut != 36 && cut != 44) {
                EXPECT_EQ(failure(truncated), MrzError::WrongShape) << cut;
            } else {
                (void)parse_mrz(truncated);
            }
        }
        Lines fillers = specimen;
        for (auto& line : fillers) line.assign(line.size(), '<');
        const auto result = parse_mrz(fillers);
        EXPECT_FALSE(result.has_value()) << "a zone of fillers has '<' where check digits must be";
    }
}

TEST(MrzError, HasAStableName) {
    EXPECT_EQ(to_string(MrzError::WrongShape), "wrong_shape");
    EXPECT_EQ(to_string(MrzError::BadCharacter), "bad_character");
    EXPECT_EQ(to_string(MrzError::DocumentNumberCheck), "document_number_check");
    EXPECT_EQ(to_string(MrzError::BirthDateCheck), "birth_date_check");
    EXPECT_EQ(to_string(MrzError::ExpiryDateCheck), "expiry_date_check");
    EXPECT_EQ(to_string(MrzError::CompositeCheck), "composite_check");
    EXPECT_EQ(to_string(MrzError::PersonalNumberCheck), "personal_number_check");
}

}  // namespace
}  // namespace hk::scanner
