// A screenshot as 8-bit luminance: enough to tell a painted screen from a blank one, to crop a text for OCR
// and to compare against a reference image.
#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <string>
#include <vector>

#include "layout.h"

namespace hk::ui_screens {

class GreyImage {
  public:
    GreyImage() = default;
    GreyImage(int width, int height) : w_(width), h_(height), pixels_(index(width, height), 0) {}

    static std::expected<GreyImage, std::string> load(const std::filesystem::path& png);
    std::expected<void, std::string> save(const std::filesystem::path& png) const;

    [[nodiscard]] int width() const { return w_; }
    [[nodiscard]] int height() const { return h_; }
    [[nodiscard]] std::uint8_t at(int x, int y) const { return pixels_[offset(x, y)]; }
    void set(int x, int y, std::uint8_t value) { pixels_[offset(x, y)] = value; }
    [[nodiscard]] const std::uint8_t* data() const { return pixels_.data(); }

    // The part of the image inside `area` (clamped to the image).
    [[nodiscard]] GreyImage crop(const ui::Rect& area) const;
    // Each `factor` x `factor` block averaged into one pixel: a reference small enough to check in.
    [[nodiscard]] GreyImage shrink(int factor) const;
    // Variance of the luminance inside `area`: zero for a screen painted in one colour.
    [[nodiscard]] double variance(const ui::Rect& area) const;

  private:
    static std::size_t index(int w, int h) {
        return static_cast<std::size_t>(w) * static_cast<std::size_t>(h);
    }
    [[nodiscard]] std::size_t offset(int x, int y) const {
        return static_cast<std::size_t>(y) * static_cast<std::size_t>(w_) + static_cast<std::size_t>(x);
    }

    int w_ = 0;
    int h_ = 0;
    std::vector<std::uint8_t> pixels_;
};

// Mean absolute difference per pixel, in grey levels (0-255); images of different sizes differ by 255.
double mean_abs_difference(const GreyImage& a, const GreyImage& b);

}  // namespace hk::ui_screens
