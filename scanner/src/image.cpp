#include "scanner/image.h"

#include <algorithm>

#include "drivers/personal_string.h"

namespace hk::scanner {

void Image::wipe() noexcept {
    // wipe_bytes rather than fill(): a plain fill of memory about to be freed may be optimised away.
    drivers::wipe_bytes(pixels.data(), pixels.size());
    pixels.clear();
    pixels.shrink_to_fit();
    width = 0;
    height = 0;
    dpi = 0;
}

Image with_channels(Image image, int channels) {
    if (image.channels == channels || image.empty()) return image;
    const auto pixel_count = static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height);
    std::vector<std::uint8_t> converted(pixel_count * static_cast<std::size_t>(channels));
    for (std::size_t i = 0; i < pixel_count; ++i) {
        if (channels == 3) {
            std::fill_n(converted.begin() + static_cast<std::ptrdiff_t>(i * 3), 3, image.pixels[i]);
        } else {
            const std::size_t at = i * 3;
            const unsigned sum = 0U + image.pixels[at] + image.pixels[at + 1] + image.pixels[at + 2];
            converted[i] = static_cast<std::uint8_t>(sum / 3);
        }
    }
    drivers::wipe_bytes(image.pixels.data(), image.pixels.size());  // the old buffer held the page too
    image.pixels = std::move(converted);
    image.channels = channels;
    return image;
}

}  // namespace hk::scanner
