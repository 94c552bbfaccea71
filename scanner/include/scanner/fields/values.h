// Reading and checking the values field extraction finds: dates in the forms Chinese documents print them,
// and GB 11643 identity numbers with the OCR digit confusions that can be undone.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hk::scanner::fields {

// A date-shaped piece of text: the numbers as read, not yet checked to be a real calendar date.
struct DateInText {
    int year = 0;
    int month = 0;
    int day = 0;
    std::size_t begin = 0;  // byte offsets of the piece in the text searched
    std::size_t end = 0;
};

// The date-shaped pieces of `text`, in order: 2019年03月12日, 2019年3月12日, 2019-03-12, 2019.03.12,
// 2019/03/12 and 20190312, with full-width digits and the letters OCR confuses with digits (O I l Z S B) next
// to digits.
std::vector<DateInText> find_dates(std::string_view text);

// The calendar date the numbers name, or nullopt for an impossible one (2019-02-30) or a year before 1900.
std::optional<std::chrono::year_month_day> calendar_date(const DateInText& date);
std::string iso_date(std::chrono::year_month_day date);  // YYYY-MM-DD

// Replaces, at positions 1..17 of a would-be identity number, the letters OCR reads for digits (O→0, I/l→1,
// Z→2, S→5, B→8) and at position 18 makes x/× an X. Spaces and full-width forms are removed/narrowed first.
std::string clean_id_number(std::string_view text);

// The numbers one common OCR digit confusion (0/8/6, 1/7, 3/8, 5/6, 8/9, 2/7) away from `number` that pass
// GB 11643 (check character and embedded birth date). When `birth_date` (YYYYMMDD) is given, only candidates
// embedding that birth date are kept. Empty when `number` is not 18 characters.
std::vector<std::string> id_number_repairs(std::string_view number, std::string_view birth_date = {});

}  // namespace hk::scanner::fields
