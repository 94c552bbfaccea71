#include "grey_image.h"

#include <SDL.h>
#include <SDL_image.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <memory>

namespace hk::ui_screens {
namespace {

struct SurfaceFree {
    void operator()(SDL_Surface* surface) const { SDL_FreeSurface(surface); }
};
using Surface = std::unique_ptr<SDL_Surface, SurfaceFree>;

// ITU-R BT.601 luma, in integers.
std::uint8_t luma(std::uint32_t rgb888) {
    const std::uint32_t r = (rgb888 >> 16) & 0xFF;
    const std::uint32_t g = (rgb888 >> 8) & 0xFF;
    const std::uint32_t b = rgb888 & 0xFF;
    return static_cast<std::uint8_t>((r * 299 + g * 587 + b * 114 + 500) / 1000);
}

}  // namespace

std::expected<GreyImage, std::string> GreyImage::load(const std::filesystem::path& png) {
    Surface loaded(IMG_Load(png.c_str()));
    if (!loaded) return std::unexpected("cannot read " + png.string() + ": " + IMG_GetError());
    Surface rgb(SDL_ConvertSurfaceFormat(loaded.get(), SDL_PIXELFORMAT_RGB888, 0));
    if (!rgb) return std::unexpected("cannot convert " + png.string() + ": " + SDL_GetError());
    GreyImage image(rgb->w, rgb->h);
    for (int y = 0; y < rgb->h; ++y) {
        const auto* row = reinterpret_cast<const std::uint32_t*>(
            static_cast<const std::uint8_t*>(rgb->pixels) + static_cast<std::ptrdiff_t>(y) * rgb->pitch);
        for (int x = 0; x < rgb->w; ++x) image.set(x, y, luma(row[x]));
    }
    return image;
}

std::expected<void, std::string> GreyImage::save(const std::filesystem::path& png) const {
    // An 8-bit image with a grey palette: the smallest PNG SDL_image writes.
    Surface surface(SDL_CreateRGBSurfaceWithFormat(0, w_, h_, 8, SDL_PIXELFORMAT_INDEX8));
    if (!surface) return std::unexpected(std::string("cannot create a surface: ") + SDL_GetError());
    std::array<SDL_Color, 256> greys{};
    for (std::size_t i = 0; i < greys.size(); ++i) {
        const auto level = static_cast<Uint8>(i);
        greys[i] = {level, level, level, 255};
    }
    SDL_SetPaletteColors(surface->format->palette, greys.data(), 0, static_cast<int>(greys.size()));
    for (int y = 0; y < h_; ++y) {
        std::copy_n(
            &pixels_[offset(0, y)], w_,
            static_cast<std::uint8_t*>(surface->pixels) + static_cast<std::ptrdiff_t>(y) * surface->pitch);
    }
    if (IMG_SavePNG(surface.get(), png.c_str()) != 0)
        return std::unexpected("cannot write " + png.string() + ": " + IMG_GetError());
    return {};
}

GreyImage GreyImage::crop(const ui::Rect& area) const {
    const int x0 = std::clamp(area.x, 0, w_);
    const int y0 = std::clamp(area.y, 0, h_);
    const int x1 = std::clamp(area.right(), x0, w_);
    const int y1 = std::clamp(area.bottom(), y0, h_);
    GreyImage part(x1 - x0, y1 - y0);
    for (int y = y0; y < y1; ++y) {
        for (int x = x0; x < x1; ++x) part.set(x - x0, y - y0, at(x, y));
    }
    return part;
}

GreyImage GreyImage::shrink(int factor) const {
    GreyImage small(w_ / factor, h_ / factor);
    const int block = factor * factor;
    for (int y = 0; y < small.h_; ++y) {
        for (int x = 0; x < small.w_; ++x) {
            int sum = 0;
            for (int dy = 0; dy < factor; ++dy) {
                for (int dx = 0; dx < factor; ++dx) sum += at(x * factor + dx, y * factor + dy);
            }
            small.set(x, y, static_cast<std::uint8_t>((sum + block / 2) / block));
        }
    }
    return small;
}

double GreyImage::variance(const ui::Rect& area) const {
    const GreyImage part = crop(area);
    if (part.pixels_.empty()) return 0;
    double sum = 0;
    double sum_of_squares = 0;
    for (const std::uint8_t p : part.pixels_) {
        sum += p;
        sum_of_squares += static_cast<double>(p) * p;
    }
    const double n = static_cast<double>(part.pixels_.size());
    const double mean = sum / n;
    return sum_of_squares / n - mean * mean;
}

double mean_abs_difference(const GreyImage& a, const GreyImage& b) {
    if (a.width() != b.width() || a.height() != b.height()) return 255;
    if (a.width() == 0 || a.height() == 0) return 0;
    double total = 0;
    for (int y = 0; y < a.height(); ++y) {
        for (int x = 0; x < a.width(); ++x) total += std::abs(int{a.at(x, y)} - int{b.at(x, y)});
    }
    return total / (static_cast<double>(a.width()) * a.height());
}

}  // namespace hk::ui_screens
