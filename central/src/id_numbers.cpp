#include "id_numbers.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace hk::central {
namespace {

bool all_digits(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int two_digits(std::string_view text, std::size_t at) {
    return (text[at] - '0') * 10 + (text[at + 1] - '0');
}

}  // namespace

char gb11643_check_char(std::string_view first17) {
    if (first17.size() != 17 || !all_digits(first17)) return '\0';
    // Weights are 2^(17-i) mod 11 (ISO 7064 MOD 11-2); the table maps the remainder to the check character.
    constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    constexpr std::string_view kCheck = "10X98765432";
    int sum = 0;
    for (std::size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
    return kCheck[static_cast<std::size_t>(sum % 11)];
}

bool is_valid_id_number(std::string_view id_number) {
    if (id_number.size() != 18) return false;
    const char check = gb11643_check_char(id_number.substr(0, 17));
    if (check == '\0' || id_number[17] != check) return false;
    const int month = two_digits(id_number, 10);
    const int day = two_digits(id_number, 12);
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

std::string make_id_number(std::string_view region, std::string_view birth, int sequence) {
    char digits[8];
    std::snprintf(digits, sizeof digits, "%03d", (sequence % 1000 + 1000) % 1000);
    std::string number = std::string(region) + std::string(birth) + digits;
    number.push_back(gb11643_check_char(number));
    return number;
}

std::string mask_id_number(std::string_view id_number) {
    if (id_number.size() <= 10) return std::string(id_number.size(), '*');
    std::string masked(id_number);
    std::fill(masked.begin() + 6, masked.end() - 4, '*');
    return masked;
}

}  // namespace hk::central
