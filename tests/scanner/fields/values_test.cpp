// Dates as Chinese documents print them, and identity numbers with OCR digit confusions undone.
#include <gtest/gtest.h>

#include <random>

#include "drivers/resident_id_reader.h"
#include "page_fixtures.h"
#include "scanner/fields/values.h"

namespace hk::scanner::fields {
namespace {

using testing::id_number;

std::optional<std::string> only_date(std::string_view text) {
    const auto dates = find_dates(text);
    if (dates.size() != 1) return std::nullopt;
    const auto date = calendar_date(dates.front());
    if (!date) return std::nullopt;
    return iso_date(*date);
}

TEST(FindDates, EveryPrintedFormGivesTheSameDate) {
    for (const std::string_view text :
         {"2019年03月12日", "2019年3月12日", "2019 年 3 月 12 日", "2019-03-12", "2019.03.12", "2019/3/12",
          "20190312", "２０１９年０３月１２日", "2O19年O3月12日", "登记日期：2019年03月12日。"}) {
        EXPECT_EQ(only_date(text), "2019-03-12") << text;
    }
}

TEST(FindDates, TextWithoutADateHasNone) {
    for (const std::string_view text :
         {"", "北京市东城区", "2019年", "2019年3月", "12345", "2019-03", "Sept 2019"}) {
        EXPECT_TRUE(find_dates(text).empty()) << text;
    }
}

TEST(FindDates, OffsetsPointAtTheDatesInTheText) {
    const std::string text = "2023年1月1日至2025年12月31日";
    const auto dates = find_dates(text);
    ASSERT_EQ(dates.size(), 2U);
    EXPECT_EQ(text.substr(dates[0].begin, dates[0].end - dates[0].begin), "2023年1月1日");
    EXPECT_EQ(text.substr(dates[1].begin, dates[1].end - dates[1].begin), "2025年12月31日");
    EXPECT_EQ(iso_date(*calendar_date(dates[1])), "2025-12-31");
}

TEST(CalendarDate, ImpossibleDatesAreRejected) {
    EXPECT_FALSE(only_date("2019年02月30日").has_value());
    EXPECT_FALSE(only_date("2019-02-29").has_value());
    EXPECT_EQ(only_date("2020-02-29"), "2020-02-29");
    EXPECT_FALSE(only_date("2019-13-01").has_value());
    EXPECT_FALSE(only_date("2019-04-31").has_value());
    EXPECT_FALSE(only_date("2019-00-10").has_value());
    EXPECT_FALSE(only_date("1850-01-01").has_value());
}

TEST(CleanIdNumber, SpacesFullWidthAndLettersInDigitPositionsAreUndone) {
    const std::string valid = id_number("11010119900307123");
    std::string noisy;
    for (std::size_t i = 0; i < valid.size(); ++i) {
        if (i % 6 == 0 && i > 0) noisy += ' ';
        if (valid[i] == '0') {
            noisy += 'O';
        } else if (valid[i] == '1') {
            noisy += (i % 2 == 0) ? "l" : "１";  // a lower-case L, a full-width one
        } else {
            noisy += valid[i];
        }
    }
    EXPECT_NE(noisy, valid);
    EXPECT_EQ(clean_id_number(noisy), valid);
}

TEST(CleanIdNumber, ALowerCaseXAtTheCheckPositionIsUpperCased) {
    // Find a body whose check character is X, then read it with a lower-case x.
    std::string body = "11010519491231002";
    for (int n = 0; drivers::resident_id_check_character(body) != 'X'; ++n) {
        ASSERT_LT(n, 1000);
        body[16] = static_cast<char>('0' + n % 10);
        body[15] = static_cast<char>('0' + n / 10 % 10);
    }
    const std::string valid = body + 'X';
    ASSERT_TRUE(drivers::is_valid_resident_id_number(valid));
    EXPECT_EQ(clean_id_number(body + 'x'), valid);
    // Only the check position turns x into X: an x inside the body stays an x (and will fail validation).
    EXPECT_NE(clean_id_number("1101x519491231002X").substr(4, 1), "X");
}

// For many numbers, a single common digit confusion is always among the repairs offered, and every repair is
// a valid number one character away from what was read.
TEST(IdNumberRepairs, TheTrueNumberIsAmongTheRepairsOfOneConfusion) {
    const std::vector<std::pair<char, char>> confusions{{'0', '8'}, {'8', '0'}, {'1', '7'}, {'7', '1'},
                                                        {'5', '6'}, {'6', '5'}, {'3', '8'}, {'8', '9'}};
    std::mt19937 random(20240601);
    int tried = 0;
    for (int n = 0; n < 300; ++n) {
        std::string body = "3301061995081524" + std::to_string(n % 10);
        body[0] = static_cast<char>('1' + random() % 6);
        body[4] = static_cast<char>('0' + random() % 10);
        body[14] = static_cast<char>('0' + random() % 10);
        const std::string valid = id_number(body);
        ASSERT_TRUE(drivers::is_valid_resident_id_number(valid)) << valid;
        for (std::size_t position = 0; position < 17; ++position) {
            for (const auto& [from, to] : confusions) {
                if (valid[position] != from) continue;
                std::string misread = valid;
                misread[position] = to;
                if (drivers::is_valid_resident_id_number(misread)) continue;  // the check cannot see it
                ++tried;
                const auto repairs = id_number_repairs(misread);
                EXPECT_NE(std::find(repairs.begin(), repairs.end(), valid), repairs.end()) << misread;
                for (const auto& repair : repairs) {
                    EXPECT_TRUE(drivers::is_valid_resident_id_number(repair));
                    int differences = 0;
                    for (std::size_t i = 0; i < 18; ++i) differences += repair[i] != misread[i];
                    EXPECT_EQ(differences, 1);
                }
            }
        }
    }
    EXPECT_GT(tried, 100);
}

TEST(IdNumberRepairs, ABirthDateNarrowsTheRepairs) {
    const std::string valid = id_number("11010119900307123");
    std::string misread = valid;
    misread[2] = '8';  // 0 read as 8, outside the birth date
    ASSERT_FALSE(drivers::is_valid_resident_id_number(misread));
    const auto all = id_number_repairs(misread);
    const auto narrowed = id_number_repairs(misread, valid.substr(6, 8));
    EXPECT_LE(narrowed.size(), all.size());
    EXPECT_NE(std::find(narrowed.begin(), narrowed.end(), valid), narrowed.end());
    for (const auto& repair : narrowed) EXPECT_EQ(repair.substr(6, 8), valid.substr(6, 8));
    EXPECT_TRUE(id_number_repairs("1101011990030712").empty());  // too short to repair
}

}  // namespace
}  // namespace hk::scanner::fields
