#include "retry_after.h"

#include <charconv>

namespace hk::kiosk::central {

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value) {
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    if (value.empty() || value.size() > 9) return std::nullopt;  // 9 digits: over 30 years, plenty
    long long seconds = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (error != std::errc{} || end != value.data() + value.size() || seconds < 0) return std::nullopt;
    return std::chrono::seconds(seconds);
}

}  // namespace hk::kiosk::central
