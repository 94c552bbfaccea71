// An 8-bit image as captured by the scanner or the camera: the common currency of capture, clean-up and OCR.
#pragma once

#include <cstdint>
#include <vector>

namespace hk::scanner {

struct Image {
    int width = 0;
    int height = 0;
    int channels = 1;  // 1 = grey, 3 = RGB
    int dpi = 0;       // 0 when unknown (camera frames)
    std::vector<std::uint8_t> pixels;  // row-major, width * channels bytes a row, no padding

    [[nodiscard]] bool empty() const { return pixels.empty(); }
    // Overwrites the pixels: scanned pages are personal data.
    void wipe() noexcept;
};

}  // namespace hk::scanner
