#include <gtest/gtest.h>

#include "scanner/mrz.h"

namespace hk::scanner {
namespace {

// Values printed in the ICAO Doc 9303 specimens (parts 4-6), not computed here.
TEST(MrzCheckDigit, MatchesTheIcaoSpecimens) {
    EXPECT_EQ(mrz_check_digit("L898902C3"), 6);
    EXPECT_EQ(mrz_check_digit("740812"), 2);
    EXPECT_EQ(mrz_check_digit("120415"), 9);
    EXPECT_EQ(mrz_check_digit("ZE184226B<<<<<"), 1);
    EXPECT_EQ(mrz_check_digit("D23145890"), 7);
    // TD3 composite: number + check, birth + check, expiry + check, personal number + check.
    EXPECT_EQ(mrz_check_digit("L898902C36"
                              "7408122"
                              "1204159ZE184226B<<<<<1"),
              0);
}

TEST(MrzCheckDigit, CountsFillersAsZeroAndLettersFromTen) {
    EXPECT_EQ(mrz_check_digit(""), 0);
    EXPECT_EQ(mrz_check_digit("<<<<<<<<<"), 0);
    EXPECT_EQ(mrz_check_digit("A"), 0);     // 10 * 7 = 70
    EXPECT_EQ(mrz_check_digit("B"), 7);     // 11 * 7 = 77
    EXPECT_EQ(mrz_check_digit("Z"), 5);     // 35 * 7 = 245
    EXPECT_EQ(mrz_check_digit("<Z"), 5);    // 35 * 3 = 105
    EXPECT_EQ(mrz_check_digit("<<Z"), 5);   // 35 * 1 = 35
    EXPECT_EQ(mrz_check_digit("1111"), 8);  // 7 + 3 + 1 + 7: the weights repeat
}

TEST(MrzCheckDigit, RejectsCharactersOutsideTheMrzSet) {
    EXPECT_EQ(mrz_check_digit("l898902c3"), -1);
    EXPECT_EQ(mrz_check_digit("L898 02C3"), -1);
    EXPECT_EQ(mrz_check_digit("L898902C3\n"), -1);
    EXPECT_EQ(mrz_check_digit(std::string_view{"A\0B", 3}), -1);
    EXPECT_EQ(mrz_check_digit("\xC3\x84"), -1);  // Ä in UTF-8
}

TEST(MrzCheckDigit, CatchesEverySingleDigitChange) {
    // 7, 3 and 1 are prime to 10, so no single changed digit can keep the sum's last digit.
    const std::string field = "740812";
    for (std::size_t at = 0; at < field.size(); ++at) {
        for (char digit = '0'; digit <= '9'; ++digit) {
            if (digit == field[at]) continue;
            std::string changed = field;
            changed[at] = digit;
            EXPECT_NE(mrz_check_digit(changed), 2) << changed;
        }
    }
}

}  // namespace
}  // namespace hk::scanner
