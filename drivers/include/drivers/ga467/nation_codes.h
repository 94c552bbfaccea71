// GB 3304 codes of China's nationalities, as the resident identity card stores them (two digits).
#pragma once

#include <optional>
#include <string_view>

namespace hk::drivers::ga467 {

// The name printed on the card for a two-digit code ("01" -> "汉"), or nothing for a code GB 3304 lacks.
std::optional<std::string_view> nation_name(std::string_view two_digit_code);

}  // namespace hk::drivers::ga467
