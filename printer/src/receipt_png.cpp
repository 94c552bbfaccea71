// Renders a receipt as a 576-dot-wide greyscale image: the lines are measured first, so the image (like the
// paper the printer feeds) is exactly as long as the receipt. Top to bottom: logo, lines, barcode, QR code,
// the same order the ESC/POS encoder sends them in.
#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <utility>

#include "byte_sink.h"
#include "cairo_handles.h"
#include "qr_symbol.h"
#include "receipt_alignment.h"
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
constexpr double kBlockGap = 16.0;
// As the ESC/POS encoder asks the printer for it (GS w 2, GS h 80, HRI below in font A).
constexpr int kBarcodeModule = 2;
constexpr int kBarcodeHeight = 80;
constexpr double kBarcodeTextSize = 24.0;

// CODE128 symbol patterns: bar and space widths in modules, bar first, for values 0..105 (103..105 are the
// start codes A, B, C); the stop pattern has a seventh element. From ISO/IEC 15417, table 1.
constexpr const char* kCode128Patterns[] = {
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
    "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
    "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
    "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
    "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
    "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
    "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
    "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
    "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
    "114131", "311141", "411131", "211412", "211214", "211232"};
constexpr const char* kCode128Stop = "2331112";
constexpr int kCode128StartB = 104;

// The bar/space widths of `text` in CODE128 set B: start B, the characters, the modulo-103 check symbol,
// stop.
std::string code128_widths(const std::string& text) {
    std::string widths = kCode128Patterns[kCode128StartB];
    int checksum = kCode128StartB;
    int position = 1;
    for (const char c : text) {
        const int value = static_cast<unsigned char>(c) - 32;
        widths += kCode128Patterns[value];
        checksum += value * position++;
    }
    widths += kCode128Patterns[checksum % 103];
    widths += kCode128Stop;
    return widths;
}

int code128_modules(const std::string& widths) {
    int modules = 0;
    for (const char w : widths) modules += w - '0';
    return modules;
}

double aligned_x(ReceiptAlignment alignment, double width) {
    switch (alignment) {
        case ReceiptAlignment::Left:
            return kMarginX;
        case ReceiptAlignment::Right:
            return kReceiptWidthDots - kMarginX - width;
        case ReceiptAlignment::ByStyle:
        case ReceiptAlignment::Centre:
            break;
    }
    return std::floor((kReceiptWidthDots - width) / 2.0);
}

struct LineStyle {
    FontSpec font;
    PangoAlignment alignment;
};

LineStyle style_of(const ReceiptLine& line) {
    const PangoAlignment alignment = pango_alignment(effective_alignment(line));
    switch (line.style) {
        case ReceiptStyle::Bold:
            return {{kSansFamily, 24.0, PANGO_WEIGHT_BOLD}, alignment};
        case ReceiptStyle::Large:
            return {{kSansFamily, 40.0, PANGO_WEIGHT_BOLD}, alignment};
        case ReceiptStyle::Centred:
        case ReceiptStyle::Normal:
            break;
    }
    return {{kSansFamily, 24.0, PANGO_WEIGHT_NORMAL}, alignment};
}

void paint_logo(cairo_t* cr, const ReceiptLogo& logo, double top) {
    const double left = aligned_x(ReceiptAlignment::Centre, logo.width);
    for (int y = 0; y < logo.height; ++y) {
        for (int x = 0; x < logo.width; ++x) {
            if (logo.dots[static_cast<std::size_t>(y * logo.width + x)] != 0)
                cairo_rectangle(cr, left + x, top + y, 1, 1);
        }
    }
    cairo_fill(cr);
}

void paint_barcode(cairo_t* cr, const std::string& widths, double top) {
    double x = aligned_x(ReceiptAlignment::Centre, code128_modules(widths) * kBarcodeModule);
    bool bar = true;
    for (const char w : widths) {
        const double width = (w - '0') * kBarcodeModule;
        if (bar) cairo_rectangle(cr, x, top, width, kBarcodeHeight);
        x += width;
        bar = !bar;
    }
    cairo_fill(cr);
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
    if (auto problem = receipt_problem(receipt)) return std::unexpected(std::move(*problem));
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
    if (receipt.logo) height += receipt.logo->height + kBlockGap;
    for (const ReceiptLine& line : receipt.lines) {
        const LineStyle style = style_of(line);
        layouts.push_back(make_text_layout(probe_cr.get(), line.text, style.font,
                                           {.width = kTextWidth, .alignment = style.alignment}));
        height += measure(layouts.back().get()).height + kLineGap;
    }
    std::string barcode_widths;
    std::optional<LayoutHandle> barcode_text;
    if (!receipt.barcode.empty()) {
        barcode_widths = code128_widths(receipt.barcode);
        barcode_text = make_text_layout(probe_cr.get(), receipt.barcode,
                                        {kSansFamily, kBarcodeTextSize, PANGO_WEIGHT_NORMAL},
                                        {.width = kTextWidth, .alignment = PANGO_ALIGN_CENTER});
        height += kBlockGap + kBarcodeHeight + measure(barcode_text->get()).height;
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
        if (receipt.logo) {
            paint_logo(cr.get(), *receipt.logo, y);
            y += receipt.logo->height + kBlockGap;
        }
        for (LayoutHandle& layout : layouts) {
            pango_cairo_update_layout(cr.get(), layout.get());
            draw_layout(cr.get(), layout.get(), kMarginX, y);
            y += measure(layout.get()).height + kLineGap;
        }
        if (barcode_text) {
            y = std::ceil(y + kBlockGap);
            paint_barcode(cr.get(), barcode_widths, y);
            y += kBarcodeHeight;
            pango_cairo_update_layout(cr.get(), barcode_text->get());
            draw_layout(cr.get(), barcode_text->get(), kMarginX, y);
            y += measure(barcode_text->get()).height;
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

ReceiptAlignment effective_alignment(const ReceiptLine& line) {
    if (line.alignment != ReceiptAlignment::ByStyle) return line.alignment;
    // Large is for headings, which a receipt always centres.
    return line.style == ReceiptStyle::Large || line.style == ReceiptStyle::Centred ? ReceiptAlignment::Centre
                                                                                    : ReceiptAlignment::Left;
}

std::optional<std::string> receipt_problem(const Receipt& receipt) {
    if (receipt.logo) {
        const ReceiptLogo& logo = *receipt.logo;
        if (logo.width < 1 || logo.width > kReceiptWidthDots || logo.height < 1 ||
            logo.height > kReceiptLogoMaxHeight ||
            logo.dots.size() !=
                static_cast<std::size_t>(logo.width) * static_cast<std::size_t>(logo.height)) {
            return "logo of " + std::to_string(logo.width) + "x" + std::to_string(logo.height) +
                   " dots with " + std::to_string(logo.dots.size()) + " dot values does not fit the receipt";
        }
    }
    if (receipt.barcode.size() > kReceiptBarcodeMaxLength) {
        return "barcode of " + std::to_string(receipt.barcode.size()) + " characters is longer than " +
               std::to_string(kReceiptBarcodeMaxLength);
    }
    // Set B: printable ASCII; anything else would need set A or a different symbology.
    if (std::any_of(receipt.barcode.begin(), receipt.barcode.end(),
                    [](char c) { return c < 32 || c > 126; })) {
        return "barcode holds a character outside CODE128 set B";
    }
    return std::nullopt;
}

std::expected<std::vector<std::uint8_t>, std::string> render_receipt_png(const Receipt& receipt) {
    auto rendered = detail::render_receipt(receipt);
    if (!rendered) return std::unexpected(std::move(rendered.error()));
    return std::move(rendered->png);
}

int receipt_length_mm(const Receipt& receipt) {
    auto rendered = detail::render_receipt(receipt);
    if (!rendered) return 0;
    return static_cast<int>(std::ceil(rendered->height_dots * 25.4 / detail::kReceiptDotsPerInch));
}

}  // namespace hk::printer
