#include "scanner/fields/values.h"

#include <array>
#include <cstdio>

#include "drivers/resident_id_reader.h"
#include "page_text.h"

namespace hk::scanner::fields {

namespace {

using detail::decode_utf8;
using detail::narrow;

bool is_digit(char32_t c) {
    return c >= U'0' && c <= U'9';
}

// The digit OCR most often reads as this letter, or 0 when it is not one of them.
char32_t digit_for_letter(char32_t c) {
    switch (c) {
        case U'O':
        case U'o':
            return U'0';
        case U'I':
        case U'l':
        case U'|':
            return U'1';
        case U'Z':
        case U'z':
            return U'2';
        case U'S':
        case U's':
            return U'5';
        case U'B':
            return U'8';
        default:
            return 0;
    }
}

// Narrows the text and turns confusable letters into digits where they stand next to a digit, so "2O19" is
// read as 2019 while the 'S' of a word is left alone.
std::u32string with_digits_repaired(std::u32string text) {
    for (char32_t& c : text) c = narrow(c);
    for (int pass = 0; pass < 2; ++pass) {
        for (std::size_t k = 0; k < text.size(); ++k) {
            const std::size_t i = pass == 0 ? k : text.size() - 1 - k;
            const char32_t digit = digit_for_letter(text[i]);
            if (digit == 0) continue;
            const bool digit_before = i > 0 && is_digit(text[i - 1]);
            const bool digit_after = i + 1 < text.size() && is_digit(text[i + 1]);
            if (digit_before || digit_after) text[i] = digit;
        }
    }
    return text;
}

struct Digits {
    int value = 0;
    std::size_t count = 0;
};

Digits read_digits(const std::u32string& text, std::size_t& i, std::size_t max_count) {
    Digits d;
    while (i < text.size() && is_digit(text[i]) && d.count < max_count) {
        d.value = d.value * 10 + static_cast<int>(text[i] - U'0');
        ++d.count;
        ++i;
    }
    return d;
}

void skip_spaces(const std::u32string& text, std::size_t& i) {
    while (i < text.size() && detail::is_space(text[i])) ++i;
}

bool is_separator(char32_t c) {
    return c == U'-' || c == U'.' || c == U'/' || c == 0x2010 || c == 0x2212 || c == 0x3002;
}

// A date starting at `start` (a digit not preceded by a digit), or nullopt.
std::optional<DateInText> date_at(const std::u32string& text, std::size_t start, std::size_t& end) {
    std::size_t i = start;
    const Digits year = read_digits(text, i, 9);
    if (year.count == 8 && (i >= text.size() || !is_digit(text[i]))) {
        end = i;
        return DateInText{year.value / 10000, year.value / 100 % 100, year.value % 100, 0, 0};
    }
    if (year.count != 4) return std::nullopt;
    skip_spaces(text, i);
    if (i >= text.size()) return std::nullopt;
    const char32_t first_separator = text[i];
    const bool chinese = first_separator == U'年';
    if (!chinese && !is_separator(first_separator)) return std::nullopt;
    ++i;
    skip_spaces(text, i);
    const Digits month = read_digits(text, i, 2);
    if (month.count == 0) return std::nullopt;
    skip_spaces(text, i);
    if (i >= text.size()) return std::nullopt;
    if (chinese ? text[i] != U'月' : text[i] != first_separator) return std::nullopt;
    ++i;
    skip_spaces(text, i);
    const Digits day = read_digits(text, i, 2);
    if (day.count == 0 || (i < text.size() && is_digit(text[i]))) return std::nullopt;
    if (chinese) {
        std::size_t j = i;
        skip_spaces(text, j);
        if (j < text.size() && (text[j] == U'日' || text[j] == U'号')) i = j + 1;
    }
    end = i;
    return DateInText{year.value, month.value, day.value, 0, 0};
}

// Common OCR digit confusions, both ways.
constexpr std::array<std::string_view, 10> kConfusableDigits{
    "869",   // 0
    "7",     // 1
    "7",     // 2
    "8",     // 3
    "",      // 4
    "6",     // 5
    "058",   // 6
    "12",    // 7
    "0369",  // 8
    "08",    // 9
};

}  // namespace

std::vector<DateInText> find_dates(std::string_view text) {
    std::vector<std::size_t> offsets;
    const std::u32string chars = with_digits_repaired(decode_utf8(text, &offsets));
    std::vector<DateInText> dates;
    std::size_t i = 0;
    while (i < chars.size()) {
        if (!is_digit(chars[i]) || (i > 0 && is_digit(chars[i - 1]))) {
            ++i;
            continue;
        }
        std::size_t end = i;
        if (auto date = date_at(chars, i, end)) {
            date->begin = offsets[std::min(i, offsets.size() - 1)];
            date->end = offsets[std::min(end, offsets.size() - 1)];
            dates.push_back(*date);
            i = end;
        } else {
            while (i < chars.size() && is_digit(chars[i])) ++i;
        }
    }
    return dates;
}

std::optional<std::chrono::year_month_day> calendar_date(const DateInText& date) {
    if (date.year < 1900 || date.year > 2999 || date.month < 1 || date.month > 12 || date.day < 1) {
        return std::nullopt;
    }
    const std::chrono::year_month_day ymd{std::chrono::year{date.year},
                                          std::chrono::month{static_cast<unsigned>(date.month)},
                                          std::chrono::day{static_cast<unsigned>(date.day)}};
    if (!ymd.ok()) return std::nullopt;
    return ymd;
}

std::string iso_date(std::chrono::year_month_day date) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return buffer;
}

std::string clean_id_number(std::string_view text) {
    std::string out;
    for (char32_t c : decode_utf8(text)) {
        c = narrow(c);
        if (detail::is_space(c) || c == U' ' || c == U'-') continue;
        const std::size_t position = out.size();
        if (position < 17) {
            if (const char32_t digit = digit_for_letter(c)) c = digit;
        } else if (position == 17) {
            if (c == U'x' || c == 0x00D7) {
                c = U'X';
            } else if (const char32_t digit = digit_for_letter(c)) {
                c = digit;
            }
        }
        out += detail::encode_utf8(std::u32string(1, c));
    }
    return out;
}

std::vector<std::string> id_number_repairs(std::string_view number, std::string_view birth_date) {
    std::vector<std::string> repairs;
    if (number.size() != 18) return repairs;
    std::string candidate(number);
    for (std::size_t i = 0; i < candidate.size(); ++i) {
        const char original = candidate[i];
        if (original < '0' || original > '9') continue;
        for (const char replacement : kConfusableDigits[static_cast<std::size_t>(original - '0')]) {
            candidate[i] = replacement;
            if (drivers::is_valid_resident_id_number(candidate) &&
                (birth_date.empty() || std::string_view(candidate).substr(6, 8) == birth_date)) {
                repairs.push_back(candidate);
            }
        }
        candidate[i] = original;
    }
    // A wrong check character: 'X' is also read as a digit and a digit as 'X'.
    const std::string_view body = std::string_view(number).substr(0, 17);
    const char check = drivers::resident_id_check_character(body);
    if (check != '\0' && check != number[17] && (check == 'X' || number[17] == 'X')) {
        candidate[17] = check;
        if (drivers::is_valid_resident_id_number(candidate) &&
            (birth_date.empty() || std::string_view(candidate).substr(6, 8) == birth_date)) {
            repairs.push_back(candidate);
        }
    }
    return repairs;
}

}  // namespace hk::scanner::fields
