#include "paper.h"

#include <array>
#include <cstdint>

namespace hk::scanner::page::detail {

int median_level(const cv::Mat& grey, const cv::Mat& mask) {
    std::array<std::uint64_t, 256> histogram{};
    std::uint64_t count = 0;
    for (int y = 0; y < grey.rows; ++y) {
        const auto* row = grey.ptr<std::uint8_t>(y);
        const auto* keep = mask.empty() ? nullptr : mask.ptr<std::uint8_t>(y);
        for (int x = 0; x < grey.cols; ++x) {
            if (keep != nullptr && keep[x] == 0) continue;
            ++histogram[row[x]];
            ++count;
        }
    }
    if (count == 0) return 0;
    std::uint64_t seen = 0;
    for (int level = 0; level < 256; ++level) {
        seen += histogram[static_cast<std::size_t>(level)];
        if (2 * seen >= count) return level;
    }
    return 255;
}

}  // namespace hk::scanner::page::detail
