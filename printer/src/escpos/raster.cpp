#include "raster.h"

#include <algorithm>
#include <cmath>

#include "cairo_handles.h"
#include "qr_symbol.h"
#include "receipt_alignment.h"
#include "text_layout.h"

namespace hk::printer::escpos {

namespace {

// Rows per GS v 0 command: printers buffer a band before printing it, and many take no more than this.
constexpr int kBandRows = 1024;
constexpr double kMarginX = 12.0;  // as on the rendered receipt (receipt_png.cpp)
constexpr int kQrMaxModule = 6;

using detail::ContextHandle;
using detail::pango_alignment;
using detail::SurfaceHandle;

// The sizes the printer's own font has (24-dot font A; Large is GS ! 0x11, twice that), so raster lines
// sit among text lines without jumping in size.
detail::FontSpec font_of(ReceiptStyle style) {
    switch (style) {
        case ReceiptStyle::Bold:
            return {detail::kSansFamily, 24.0, PANGO_WEIGHT_BOLD};
        case ReceiptStyle::Large:
            return {detail::kSansFamily, 40.0, PANGO_WEIGHT_BOLD};
        case ReceiptStyle::Centred:
        case ReceiptStyle::Normal:
            break;
    }
    return {detail::kSansFamily, 24.0, PANGO_WEIGHT_NORMAL};
}

Bitmap blank(int width, int height) {
    return {width, height,
            std::vector<std::uint8_t>(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), 0)};
}

void set(Bitmap& bitmap, int x, int y) {
    if (x < 0 || y < 0 || x >= bitmap.width || y >= bitmap.height) return;
    bitmap.dots[static_cast<std::size_t>(y) * static_cast<std::size_t>(bitmap.width) +
                static_cast<std::size_t>(x)] = 1;
}

}  // namespace

void write_raster(command::Writer& out, const Bitmap& bitmap) {
    const int row_bytes = (bitmap.width + 7) / 8;
    for (int top = 0; top < bitmap.height; top += kBandRows) {
        const int rows = std::min(kBandRows, bitmap.height - top);
        out.bytes({command::kGs, 'v', '0', 0});
        out.u16(static_cast<std::size_t>(row_bytes));
        out.u16(static_cast<std::size_t>(rows));
        for (int y = top; y < top + rows; ++y) {
            for (int byte = 0; byte < row_bytes; ++byte) {
                std::uint8_t packed = 0;
                for (int bit = 0; bit < 8; ++bit) {
                    const int x = byte * 8 + bit;
                    const bool ink =
                        x < bitmap.width &&
                        bitmap.dots[static_cast<std::size_t>(y) * static_cast<std::size_t>(bitmap.width) +
                                    static_cast<std::size_t>(x)] != 0;
                    if (ink)
                        packed = static_cast<std::uint8_t>(packed | (0x80U >> bit));  // leftmost dot: MSB
                }
                out.byte(packed);
            }
        }
    }
}

std::expected<Bitmap, std::string> render_line(const ReceiptLine& line, int paper_width) {
    const detail::FontSpec font = font_of(line.style);
    const detail::TextOptions options{.width = paper_width - 2.0 * kMarginX,
                                      .alignment = pango_alignment(effective_alignment(line))};
    // Measured on a one-dot surface first, so the bitmap is exactly as tall as the wrapped text.
    const SurfaceHandle probe(cairo_image_surface_create(CAIRO_FORMAT_A8, paper_width, 1));
    const ContextHandle probe_cr(cairo_create(probe.get()));
    const detail::LayoutHandle measured = detail::make_text_layout(probe_cr.get(), line.text, font, options);
    const int height = std::max(1, static_cast<int>(std::ceil(detail::measure(measured.get()).height)));

    const SurfaceHandle surface(cairo_image_surface_create(CAIRO_FORMAT_A8, paper_width, height));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
        return std::unexpected("cannot create a " + std::to_string(paper_width) + "x" +
                               std::to_string(height) + " raster line");
    }
    {
        const ContextHandle cr(cairo_create(surface.get()));
        const detail::LayoutHandle layout = detail::make_text_layout(cr.get(), line.text, font, options);
        cairo_set_source_rgba(cr.get(), 0.0, 0.0, 0.0, 1.0);
        detail::draw_layout(cr.get(), layout.get(), kMarginX, 0.0);
    }
    cairo_surface_flush(surface.get());

    Bitmap bitmap = blank(paper_width, height);
    const unsigned char* data = cairo_image_surface_get_data(surface.get());
    const int stride = cairo_image_surface_get_stride(surface.get());
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < paper_width; ++x) {
            // A thermal dot is burnt or not: anti-aliased edges go to whichever side they are nearer.
            if (data[y * stride + x] >= 128) set(bitmap, x, y);
        }
    }
    return bitmap;
}

int qr_module_size(int modules, int paper_width) {
    const int with_quiet_zone = modules + 2 * detail::kQrQuietZoneModules;
    return std::clamp(paper_width / with_quiet_zone, 1, kQrMaxModule);
}

std::expected<Bitmap, std::string> render_qr(const std::string& text, int paper_width) {
    auto symbol = detail::QrSymbol::encode(text);
    if (!symbol) return std::unexpected(symbol.error());
    const int module = qr_module_size(symbol->modules(), paper_width);
    const int side = (symbol->modules() + 2 * detail::kQrQuietZoneModules) * module;
    Bitmap bitmap = blank(paper_width, side);
    const int left = (paper_width - side) / 2 + detail::kQrQuietZoneModules * module;
    const int top = detail::kQrQuietZoneModules * module;
    for (int row = 0; row < symbol->modules(); ++row) {
        for (int column = 0; column < symbol->modules(); ++column) {
            if (!symbol->dark(row, column)) continue;
            for (int dy = 0; dy < module; ++dy) {
                for (int dx = 0; dx < module; ++dx)
                    set(bitmap, left + column * module + dx, top + row * module + dy);
            }
        }
    }
    return bitmap;
}

Bitmap centred_logo(const ReceiptLogo& logo, int paper_width) {
    const int width = std::max(paper_width, logo.width);
    Bitmap bitmap = blank(width, logo.height);
    const int left = (width - logo.width) / 2;
    for (int y = 0; y < logo.height; ++y) {
        for (int x = 0; x < logo.width; ++x) {
            if (logo.dots[static_cast<std::size_t>(y * logo.width + x)] != 0) set(bitmap, left + x, y);
        }
    }
    return bitmap;
}

}  // namespace hk::printer::escpos
