// An 8-bit image as captured by the scanner or the camera: the common currency of capture, clean-up and OCR.
#pragma once

#include <cstdint>
#include <vector>

namespace hk::scanner {

struct Image {
    int width = 0;
    int height = 0;
    int channels = 1;                  // 1 = grey, 3 = RGB
    int dpi = 0;                       // 0 when unknown (camera frames)
    std::vector<std::uint8_t> pixels;  // row-major, width * channels bytes a row, no padding

    [[nodiscard]] bool empty() const { return pixels.empty(); }
    // Overwrites the pixels: scanned pages are personal data.
    void wipe() noexcept;
};

// The channels a caller asked for when the device delivered the other kind (a backend without a colour mode,
// a PNM file in the other format): grey becomes RGB with three equal channels, RGB becomes grey by the mean
// of its channels. The old buffer is wiped.
Image with_channels(Image image, int channels);

}  // namespace hk::scanner
