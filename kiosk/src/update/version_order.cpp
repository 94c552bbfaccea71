#include "update/version_order.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>

namespace hk::update {
namespace {

std::string_view next_part(std::string_view& rest) {
    const auto dot = rest.find_first_of(".-+~");
    std::string_view part = rest.substr(0, dot);
    rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
    return part;
}

std::optional<std::uint64_t> as_number(std::string_view part) {
    std::uint64_t value = 0;
    if (part.empty()) return 0;
    auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (error != std::errc() || end != part.data() + part.size()) return std::nullopt;
    return value;
}

}  // namespace

int compare_versions(std::string_view a, std::string_view b) {
    while (!a.empty() || !b.empty()) {
        const std::string_view left = next_part(a);
        const std::string_view right = next_part(b);
        const auto left_number = as_number(left);
        const auto right_number = as_number(right);
        if (left_number && right_number) {
            if (*left_number != *right_number) return *left_number < *right_number ? -1 : 1;
        } else if (const int order = left.compare(right); order != 0) {
            return order < 0 ? -1 : 1;
        }
    }
    return 0;
}

}  // namespace hk::update
