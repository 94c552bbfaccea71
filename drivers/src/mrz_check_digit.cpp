#include "drivers/mrz_check_digit.h"

namespace hk::drivers {

std::optional<char> mrz_check_digit(std::string_view field) {
    static constexpr int kWeights[3] = {7, 3, 1};
    int sum = 0;
    for (std::size_t i = 0; i < field.size(); ++i) {
        const char c = field[i];
        int value = 0;
        if (c >= '0' && c <= '9') {
            value = c - '0';
        } else if (c >= 'A' && c <= 'Z') {
            value = c - 'A' + 10;
        } else if (c != '<') {
            return std::nullopt;
        }
        sum += value * kWeights[i % 3];
    }
    return static_cast<char>('0' + sum % 10);
}

}  // namespace hk::drivers
