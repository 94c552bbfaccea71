// The check digit of a machine readable zone field (ICAO Doc 9303-3 §4.9): weights 7 3 1 repeating, digits as
// themselves, A-Z as 10-35, the filler '<' as 0. The chip protocols (BAC/PACE keys) and DG1 use it.
#pragma once

#include <optional>
#include <string_view>

namespace hk::drivers {

// '0'..'9'; nullopt when a character is not 0-9, A-Z or '<'.
std::optional<char> mrz_check_digit(std::string_view field);

}  // namespace hk::drivers
