// Masking of personal data on screen, so a passer-by reading over the citizen's shoulder learns little.
#include <string>
#include <vector>

#include "kiosk/view.h"

namespace hk::kiosk {
namespace {

// Splits UTF-8 text into code points (as byte strings), so a Chinese name is masked by character, not by
// byte.
std::vector<std::string_view> code_points(std::string_view text) {
    std::vector<std::string_view> points;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        std::size_t length = 1;
        if (lead >= 0xF0) {
            length = 4;
        } else if (lead >= 0xE0) {
            length = 3;
        } else if (lead >= 0xC0) {
            length = 2;
        }
        length = std::min(length, text.size() - i);
        points.push_back(text.substr(i, length));
        i += length;
    }
    return points;
}

}  // namespace

std::string mask_name(std::string_view name) {
    const auto points = code_points(name);
    if (points.empty()) return {};
    std::string masked(points.front());
    if (points.size() == 1) return masked;
    for (std::size_t i = 1; i + 1 < points.size(); ++i) masked += points[i] == " " ? " " : "*";
    masked += points.size() == 2 ? std::string("*") : std::string(points.back());
    return masked;
}

std::string mask_number(std::string_view number) {
    if (number.size() <= 4) return std::string(number.size(), '*');
    const std::size_t keep = number.size() > 8 ? 4 : 2;
    std::string masked(number.substr(0, keep));
    masked.append(number.size() - 2 * keep, '*');
    masked += number.substr(number.size() - keep);
    return masked;
}

}  // namespace hk::kiosk
