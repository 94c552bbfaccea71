#include <gtest/gtest.h>

#include <set>
#include <string>

#include "drivers/resident_id_reader.h"

namespace hk::drivers {
namespace {

// GB 11643-1999 defines the check character by a congruence, not by a table: with a_1 the check value (X =
// 10) and a_18 the first digit, sum(a_i * 2^(i-1)) ≡ 1 (mod 11). Finding a_1 by trying all eleven values
// keeps this oracle independent of the weights-and-table shortcut the code uses.
char check_character_by_definition(const std::string& first17) {
    int sum = 0;
    int weight = 2;  // 2^1 for the digit just left of the check character, doubling towards the left
    for (auto it = first17.rbegin(); it != first17.rend(); ++it) {
        sum += (*it - '0') * weight;
        weight = (weight * 2) % 11;
    }
    for (int check = 0; check <= 10; ++check) {
        if ((sum + check) % 11 == 1) return check == 10 ? 'X' : static_cast<char>('0' + check);
    }
    return '?';
}

// Area code + birth date + sequence number (odd for men, even for women), all synthetic.
std::string synthetic_first17(const std::string& area, const std::string& birth, int sequence) {
    const std::string seq = std::to_string(1000 + sequence).substr(1);
    return area + birth + seq;
}

std::string with_check(const std::string& first17) {
    return first17 + check_character_by_definition(first17);
}

TEST(ResidentIdNumber, AcceptsTheWellKnownExample) {
    EXPECT_EQ(check_character_by_definition("11010519491231002"), 'X');  // the oracle agrees with the example
    EXPECT_EQ(resident_id_check_character("11010519491231002"), 'X');
    EXPECT_TRUE(is_valid_resident_id_number("11010519491231002X"));
}

TEST(ResidentIdNumber, CheckCharacterMatchesTheStandardsDefinitionForEveryValue) {
    std::set<char> seen;
    for (int sequence = 0; sequence < 200; ++sequence) {
        const std::string first17 =
            synthetic_first17(sequence % 2 == 0 ? "320102" : "440305", "19870615", sequence);
        const char expected = check_character_by_definition(first17);
        EXPECT_EQ(resident_id_check_character(first17), expected) << first17;
        EXPECT_TRUE(is_valid_resident_id_number(first17 + expected)) << first17;
        seen.insert(expected);
    }
    EXPECT_EQ(seen.size(), 11U) << "the sample should reach every check character, X included";
}

TEST(ResidentIdNumber, RejectsEveryWrongCheckCharacter) {
    const std::string first17 = synthetic_first17("510104", "20010907", 123);
    const char right = check_character_by_definition(first17);
    for (const char wrong : std::string{"0123456789X"}) {
        if (wrong == right) continue;
        EXPECT_FALSE(is_valid_resident_id_number(first17 + wrong)) << first17 + wrong;
    }
}

TEST(ResidentIdNumber, RejectsASingleChangedDigit) {
    const std::string number = with_check(synthetic_first17("110105", "19750101", 42));
    ASSERT_TRUE(is_valid_resident_id_number(number));
    std::string changed = number;
    changed[16] = changed[16] == '9' ? '0' : static_cast<char>(changed[16] + 1);
    EXPECT_FALSE(is_valid_resident_id_number(changed));
}

TEST(ResidentIdNumber, RejectsWrongLengthsAndNonDigits) {
    EXPECT_FALSE(is_valid_resident_id_number(""));
    EXPECT_FALSE(is_valid_resident_id_number("11010519491231002"));    // 17: check character missing
    EXPECT_FALSE(is_valid_resident_id_number("11010519491231002X0"));  // 19
    EXPECT_FALSE(is_valid_resident_id_number("110105194912310"));  // the old 15-digit form is not accepted
    EXPECT_FALSE(is_valid_resident_id_number("1101051949123100AX"));
    EXPECT_FALSE(is_valid_resident_id_number("11010519491231002Y"));
    EXPECT_FALSE(is_valid_resident_id_number(" 11010519491231002X"));
    EXPECT_EQ(resident_id_check_character("1101051949123100"), '\0');
    EXPECT_EQ(resident_id_check_character("1101051949123100A"), '\0');
}

TEST(ResidentIdNumber, RequiresAnUpperCaseX) {
    EXPECT_FALSE(is_valid_resident_id_number("11010519491231002x"));
}

TEST(ResidentIdNumber, RejectsImpossibleBirthDatesEvenWithTheRightCheckCharacter) {
    for (const char* birth : {"19490230", "19491301", "19490001", "19490100", "19000229", "20230229",
                              "17991231", "21000101", "00000000", "19490431"}) {
        const std::string number = with_check(synthetic_first17("110105", birth, 2));
        EXPECT_FALSE(is_valid_resident_id_number(number)) << birth;
    }
}

TEST(ResidentIdNumber, AcceptsLeapDaysAndMonthEnds) {
    for (const char* birth : {"20000229", "19960229", "19491231", "19490430", "18991231", "20991231"}) {
        const std::string number = with_check(synthetic_first17("110105", birth, 2));
        EXPECT_TRUE(is_valid_resident_id_number(number)) << birth;
    }
}

TEST(ResidentIdCard, WipeEmptiesEveryField) {
    ResidentIdCard card{PersonalString{"张三"},
                        PersonalString{"男"},
                        PersonalString{"汉"},
                        PersonalString{"19491231"},
                        PersonalString{"北京市西城区"},
                        PersonalString{"11010519491231002X"},
                        PersonalString{"北京市公安局西城分局"},
                        PersonalString{"20200101"},
                        PersonalString{"长期"}};
    card.wipe();
    for (const PersonalString* field :
         {&card.name, &card.sex, &card.ethnicity, &card.birth_date, &card.address, &card.id_number,
          &card.issuing_authority, &card.valid_from, &card.valid_until}) {
        EXPECT_TRUE(field->empty());
    }
}

}  // namespace
}  // namespace hk::drivers
