// GB 11643-1999 citizen identity numbers: 6-digit region code, birth date YYYYMMDD, 3-digit sequence (odd for
// men, even for women) and an ISO 7064 MOD 11-2 check character (0-9 or X).
#pragma once

#include <string>
#include <string_view>

namespace hk::central {

// The check character for the first 17 digits; '\0' when `first17` is not 17 digits.
char gb11643_check_char(std::string_view first17);
// 18 characters, digits with a valid check character, a plausible birth date (month 1-12, day 1-31).
bool is_valid_id_number(std::string_view id_number);
// Builds a valid number from its parts: region "110101", birth "19850307", sequence 0-999.
std::string make_id_number(std::string_view region, std::string_view birth, int sequence);
// The form printed in signed proofs: first 6 and last 4 characters kept, the rest '*' ("110101********1235").
std::string mask_id_number(std::string_view id_number);

}  // namespace hk::central
