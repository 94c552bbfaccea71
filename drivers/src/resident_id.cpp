#include <array>
#include <cstddef>

#include "drivers/resident_id_reader.h"

namespace hk::drivers {

void ResidentIdCard::wipe() noexcept {
    name.wipe();
    sex.wipe();
    ethnicity.wipe();
    birth_date.wipe();
    address.wipe();
    id_number.wipe();
    issuing_authority.wipe();
    valid_from.wipe();
    valid_until.wipe();
    wipe_bytes(photo_wlt.data(), photo_wlt.size());
    photo_wlt.clear();
    if (fingerprints) {
        wipe_bytes(fingerprints->data(), fingerprints->size());
        fingerprints.reset();
    }
}

namespace {

// GB 11643-1999 / ISO 7064 MOD 11-2: weight of position i is 2^(17-i) mod 11.
constexpr std::array<int, 17> kWeights{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kCheckCharacters = "10X98765432";

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

int digits_value(std::string_view text) {
    int value = 0;
    for (char c : text) value = value * 10 + (c - '0');
    return value;
}

bool is_leap_year(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

// The birth date embedded in the number (positions 7-14, YYYYMMDD). A number issued to a living citizen
// cannot be born before 1800 (the standard's earliest century digits are 18) or after the year 2099.
bool is_plausible_birth_date(std::string_view yyyymmdd) {
    const int year = digits_value(yyyymmdd.substr(0, 4));
    const int month = digits_value(yyyymmdd.substr(4, 2));
    const int day = digits_value(yyyymmdd.substr(6, 2));
    if (year < 1800 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
    constexpr std::array<int, 12> kDaysInMonth{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int days = kDaysInMonth[static_cast<std::size_t>(month - 1)];
    if (month == 2 && is_leap_year(year)) days = 29;
    return day <= days;
}

}  // namespace

char resident_id_check_character(std::string_view first17) {
    if (first17.size() != kWeights.size()) return '\0';
    int sum = 0;
    for (std::size_t i = 0; i < kWeights.size(); ++i) {
        if (!is_digit(first17[i])) return '\0';
        sum += (first17[i] - '0') * kWeights[i];
    }
    return kCheckCharacters[static_cast<std::size_t>(sum % 11)];
}

bool is_valid_resident_id_number(std::string_view number) {
    if (number.size() != 18) return false;
    const std::string_view body = number.substr(0, 17);
    const char check = resident_id_check_character(body);
    if (check == '\0' || number[17] != check) return false;  // a lower-case 'x' is not what the card holds
    return is_plausible_birth_date(number.substr(6, 8));
}

}  // namespace hk::drivers
