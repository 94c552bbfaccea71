#include "page_png.h"

#include <cairo.h>

#include <memory>

namespace hk::kiosk {
namespace {

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    auto* out = static_cast<std::vector<std::uint8_t>*>(closure);
    out->insert(out->end(), data, data + length);
    return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::expected<std::vector<std::uint8_t>, std::string> encode_png(const scanner::Image& page) {
    if (page.width <= 0 || page.height <= 0 || (page.channels != 1 && page.channels != 3) ||
        page.pixels.size() != static_cast<std::size_t>(page.width) * static_cast<std::size_t>(page.height) *
                                  static_cast<std::size_t>(page.channels)) {
        return std::unexpected("not a well-formed page image");
    }
    // cairo writes PNG from 32-bit pixels only; a page is small enough to widen.
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, page.width, page.height), &cairo_surface_destroy);
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) return std::unexpected("out of memory");
    cairo_surface_flush(surface.get());
    unsigned char* data = cairo_image_surface_get_data(surface.get());
    const int stride = cairo_image_surface_get_stride(surface.get());
    for (int y = 0; y < page.height; ++y) {
        auto* row = reinterpret_cast<std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
        for (int x = 0; x < page.width; ++x) {
            const std::size_t at = (static_cast<std::size_t>(y) * static_cast<std::size_t>(page.width) +
                                    static_cast<std::size_t>(x)) *
                                   static_cast<std::size_t>(page.channels);
            const std::uint32_t r = page.pixels[at];
            const std::uint32_t g = page.channels == 3 ? page.pixels[at + 1] : r;
            const std::uint32_t b = page.channels == 3 ? page.pixels[at + 2] : r;
            row[x] = (r << 16) | (g << 8) | b;
        }
    }
    cairo_surface_mark_dirty(surface.get());
    std::vector<std::uint8_t> png;
    if (cairo_surface_write_to_png_stream(surface.get(), append, &png) != CAIRO_STATUS_SUCCESS) {
        return std::unexpected("PNG encoding failed");
    }
    return png;
}

}  // namespace hk::kiosk
