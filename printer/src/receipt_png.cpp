// Renders a receipt as a 576-dot-wide greyscale image: the lines are measured first, so the image (like the
// paper the printer feeds) is exactly as long as the receipt.
#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include "byte_sink.h"
#include "cairo_handles.h"
#include "qr_symbol.h"
#include "receipt_raster.h"
#include "text_layout.h"

namespace hk::printer {

namespace {

using namespace detail;

// In printer dots (203 dpi, 8 dots per mm).
constexpr double kMarginX = 12.0;
constexpr double kMarginTop = 16.0;
constexpr double kMarginBottom = 48.0;  // paper fed past the head before the cut
constexpr double kLineGap = 6.0;
constexpr double kQrGap = 16.0;
constexpr int kQrMaxModule = 6;  // whole dots per module keep every module edge sharp on the head
constexpr double kTextWidth = kReceiptWidthDots - 2.0 * kMarginX;

struct LineStyle {
    FontSpec font;
    PangoAlignment alignment;
};

// Large is for headings, which a receipt always centres.
LineStyle style_of(ReceiptStyle style) {
    switch (style) {
        case ReceiptStyle::Bold:
            return {{kSansFamily, 24.0, PANGO_WEIGHT_BOLD}, PANGO_ALIGN_LEFT};
        case ReceiptStyle::Large:
            return {{kSansFamily, 40.0, PANGO_WEIGHT_BOLD}, PANGO_ALIGN_CENTER};
        case ReceiptStyle::Centred:
            return {{kSansFamily, 24.0, PANGO_WEIGHT_NORMAL}, PANGO_ALIGN_CENTER};
        case ReceiptStyle::Normal:
            break;
    }
    return {{kSansFamily, 24.0, PANGO_WEIGHT_NORMAL}, PANGO_ALIGN_LEFT};
}

std::string cairo_error(const char* what, cairo_status_t status) {
    return std::string(what) + ": " + cairo_status_to_string(status);
}

// The ink surface: A8, where a pixel's value is how much ink it gets. It is what a thermal head does (one
// channel, dots burnt or not), and cairo writes A8 as an 8-bit greyscale PNG.
detail::SurfaceHandle ink_surface(int height) {
    return detail::SurfaceHandle(cairo_image_surface_create(CAIRO_FORMAT_A8, kReceiptWidthDots, height));
}

// The PNG shows paper, not ink: white where no ink went, black where the head burnt a dot.
void ink_to_paper(cairo_surface_t* surface) {
    cairo_surface_flush(surface);
    unsigned char* data = cairo_image_surface_get_data(surface);
    const auto size = static_cast<std::size_t>(cairo_image_surface_get_stride(surface)) *
                      static_cast<std::size_t>(cairo_image_surface_get_height(surface));
    std::transform(data, data + size, data,
                   [](unsigned char ink) { return static_cast<unsigned char>(255 - ink); });
    cairo_surface_mark_dirty(surface);
}

}  // namespace

namespace detail {

std::expected<RenderedReceipt, std::string> render_receipt(const Receipt& receipt) {
    std::optional<QrSymbol> qr;
    if (!receipt.qr_text.empty()) {
        auto symbol = QrSymbol::encode(receipt.qr_text);
        if (!symbol) return std::unexpected(symbol.error());
        qr = std::move(*symbol);
    }

    // Measure on a one-dot surface of the same kind, so the text metrics match the real surface exactly.
    const SurfaceHandle probe = ink_surface(1);
    const ContextHandle probe_cr(cairo_create(probe.get()));
    std::vector<LayoutHandle> layouts;
    double height = kMarginTop;
    for (const ReceiptLine& line : receipt.lines) {
        const LineStyle style = style_of(line.style);
        layouts.push_back(make_text_layout(probe_cr.get(), line.text, style.font,
                                           {.width = kTextWidth, .alignment = style.alignment}));
        height += measure(layouts.back().get()).height + kLineGap;
    }
    int qr_module = 0;
    double qr_side = 0.0;
    if (qr) {
        const int modules_with_quiet_zone = qr->modules() + 2 * kQrQuietZoneModules;
        qr_module = std::clamp(kReceiptWidthDots / modules_with_quiet_zone, 1, kQrMaxModule);
        qr_side = modules_with_quiet_zone * qr_module;
        height += kQrGap + qr_side;
    }
    height += kMarginBottom;
    const int height_dots = static_cast<int>(std::ceil(height));

    const SurfaceHandle surface = ink_surface(height_dots);
    if (const cairo_status_t status = cairo_surface_status(surface.get()); status != CAIRO_STATUS_SUCCESS) {
        return std::unexpected(cairo_error("cannot create the receipt image", status));
    }
    {
        const ContextHandle cr(cairo_create(surface.get()));
        cairo_set_source_rgba(cr.get(), 0.0, 0.0, 0.0, 1.0);  // full ink
        double y = kMarginTop;
        for (LayoutHandle& layout : layouts) {
            pango_cairo_update_layout(cr.get(), layout.get());
            draw_layout(cr.get(), layout.get(), kMarginX, y);
            y += measure(layout.get()).height + kLineGap;
        }
        if (qr) {
            const double left = std::floor((kReceiptWidthDots - qr_side) / 2.0);
            const double top = std::ceil(y + kQrGap);
            const double inset = kQrQuietZoneModules * qr_module;
            paint_qr(cr.get(), *qr, left + inset, top + inset, qr_module);
        }
        if (const cairo_status_t status = cairo_status(cr.get()); status != CAIRO_STATUS_SUCCESS) {
            return std::unexpected(cairo_error("cannot draw the receipt", status));
        }
    }
    ink_to_paper(surface.get());

    ByteSink sink;
    if (const cairo_status_t status =
            cairo_surface_write_to_png_stream(surface.get(), &ByteSink::write, &sink);
        status != CAIRO_STATUS_SUCCESS) {
        return std::unexpected(cairo_error("cannot encode the receipt PNG", status));
    }
    return RenderedReceipt{sink.take(), height_dots};
}

}  // namespace detail

std::expected<std::vector<std::uint8_t>, std::string> render_receipt_png(const Receipt& receipt) {
    auto rendered = detail::render_receipt(receipt);
    if (!rendered) return std::unexpected(std::move(rendered.error()));
    return std::move(rendered->png);
}

}  // namespace hk::printer
