// Byte-sequence helpers for the ESC/POS tests.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

namespace hk::printer::escpos::testing {

using Bytes = std::vector<std::uint8_t>;

inline Bytes ascii(std::string_view text) {
    return {text.begin(), text.end()};
}

inline bool contains(const Bytes& haystack, const Bytes& needle) {
    return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) != haystack.end();
}

inline int count_of(const Bytes& haystack, const Bytes& needle) {
    int count = 0;
    for (auto at = haystack.begin();
         (at = std::search(at, haystack.end(), needle.begin(), needle.end())) != haystack.end(); ++at) {
        ++count;
    }
    return count;
}

}  // namespace hk::printer::escpos::testing
