#include "id_numbers.h"

#include <gtest/gtest.h>

namespace hk::central {
namespace {

TEST(IdNumbers, CheckCharacterFollowsIso7064Mod11_2) {
    // The worked example of GB 11643-1999 ends in X (remainder 2); the demo world's numbers end in digits.
    EXPECT_EQ(gb11643_check_char("11010519491231002"), 'X');
    EXPECT_EQ(gb11643_check_char("11010119850307123"), '5');
    EXPECT_EQ(gb11643_check_char("22240119630214567"), '7');
}

TEST(IdNumbers, CheckCharacterNeedsSeventeenDigits) {
    EXPECT_EQ(gb11643_check_char("1101051949123100"), '\0');
    EXPECT_EQ(gb11643_check_char("1101051949123100A"), '\0');
}

TEST(IdNumbers, AcceptsOnlyWellFormedNumbers) {
    EXPECT_TRUE(is_valid_id_number("11010519491231002X"));
    EXPECT_TRUE(is_valid_id_number("110101198503071235"));
    EXPECT_FALSE(is_valid_id_number("110101198503071236")) << "wrong check character";
    EXPECT_FALSE(is_valid_id_number("11010519491231002x")) << "the check character is an upper-case X";
    EXPECT_FALSE(is_valid_id_number("11010119850307123")) << "17 characters";
    EXPECT_FALSE(is_valid_id_number(""));
    EXPECT_FALSE(is_valid_id_number(make_id_number("110101", "19851307", 123))) << "month 13";
    EXPECT_FALSE(is_valid_id_number(make_id_number("110101", "19850300", 123))) << "day 0";
}

TEST(IdNumbers, MadeNumbersAreValidAndCarryTheirParts) {
    const std::string number = make_id_number("310104", "20010229", 7);
    EXPECT_EQ(number.substr(0, 17), "31010420010229007");
    EXPECT_TRUE(is_valid_id_number(number));
}

TEST(IdNumbers, MaskKeepsFirstSixAndLastFour) {
    EXPECT_EQ(mask_id_number("110101198503071235"), "110101********1235");
    EXPECT_EQ(mask_id_number("short"), "*****") << "too short to show anything";
}

}  // namespace
}  // namespace hk::central
