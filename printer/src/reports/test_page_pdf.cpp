#include <algorithm>
#include <array>
#include <string>

#include "cairo_handles.h"
#include "flowing_pages.h"
#include "pdf_document.h"
#include "qr_symbol.h"
#include "test_page.h"
#include "text_layout.h"

namespace hk::printer {

namespace {

using reports::kA4Height;
using reports::kA4Width;
using reports::kMargin;

constexpr double kPointsPerMm = 72.0 / 25.4;
// Most A4 printers cannot print the outer 4-5 mm: marks at 5 mm show a clipped edge, marks at 10 mm the
// offset.
constexpr double kOuterMarkMm = 5.0;
constexpr double kInnerMarkMm = 10.0;
constexpr double kQrModule = 4.0;  // points: 5+ pixels a module at 100 dpi, easy for a phone

void paint_text(cairo_t* cr, const std::string& text, const detail::FontSpec& font, double x, double y,
                double width = -1.0) {
    detail::TextOptions options;
    options.width = width;
    const detail::LayoutHandle layout = detail::make_text_layout(cr, text, font, options);
    detail::draw_layout(cr, layout.get(), x, y);
}

// Corner marks at 5 and 10 mm from each edge and ticks at the middle of each edge: a missing or shifted
// mark shows the printable area and the paper's offset.
void paint_alignment_marks(cairo_t* cr) {
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 0.5);
    for (const double mm : {kOuterMarkMm, kInnerMarkMm}) {
        const double inset = mm * kPointsPerMm;
        const double arm = 8.0 * kPointsPerMm;
        const std::array<std::array<double, 4>, 4> corners{{
            {inset, inset, 1, 1},
            {kA4Width - inset, inset, -1, 1},
            {inset, kA4Height - inset, 1, -1},
            {kA4Width - inset, kA4Height - inset, -1, -1},
        }};
        for (const auto& [x, y, dx, dy] : corners) {
            cairo_move_to(cr, x + dx * arm, y);
            cairo_line_to(cr, x, y);
            cairo_line_to(cr, x, y + dy * arm);
        }
        cairo_stroke(cr);
    }
    const double tick = kInnerMarkMm * kPointsPerMm;
    cairo_move_to(cr, kA4Width / 2, 0);
    cairo_line_to(cr, kA4Width / 2, tick);
    cairo_move_to(cr, kA4Width / 2, kA4Height);
    cairo_line_to(cr, kA4Width / 2, kA4Height - tick);
    cairo_move_to(cr, 0, kA4Height / 2);
    cairo_line_to(cr, tick, kA4Height / 2);
    cairo_move_to(cr, kA4Width, kA4Height / 2);
    cairo_line_to(cr, kA4Width - tick, kA4Height / 2);
    cairo_stroke(cr);
}

// Eleven grey steps labelled 0-100 % and a smooth ramp under them: banding, streaks and toner density.
double paint_grey_ramp(cairo_t* cr, double top) {
    constexpr int kSteps = 11;
    const double width = reports::kContentWidth / kSteps;
    const double height = 28.0;
    const detail::FontSpec label_font{detail::kSansFamily, 7.0, PANGO_WEIGHT_NORMAL};
    for (int step = 0; step < kSteps; ++step) {
        const double coverage = step / double{kSteps - 1};
        const double x = kMargin + step * width;
        cairo_set_source_rgb(cr, 1.0 - coverage, 1.0 - coverage, 1.0 - coverage);
        cairo_rectangle(cr, x, top, width, height);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        paint_text(cr, std::to_string(step * 10) + "%", label_font, x + 2.0, top + height + 2.0);
    }
    cairo_set_line_width(cr, 0.5);
    cairo_rectangle(cr, kMargin, top, reports::kContentWidth, height);
    cairo_stroke(cr);

    const double smooth_top = top + height + 16.0;
    cairo_pattern_t* ramp = cairo_pattern_create_linear(kMargin, 0, kMargin + reports::kContentWidth, 0);
    cairo_pattern_add_color_stop_rgb(ramp, 0.0, 1, 1, 1);
    cairo_pattern_add_color_stop_rgb(ramp, 1.0, 0, 0, 0);
    cairo_set_source(cr, ramp);
    cairo_rectangle(cr, kMargin, smooth_top, reports::kContentWidth, 18.0);
    cairo_fill(cr);
    cairo_pattern_destroy(ramp);
    cairo_set_source_rgb(cr, 0, 0, 0);
    return smooth_top + 18.0;
}

// Hairline to 2 pt: a printer that drops thin lines or smears thick ones shows it here.
double paint_line_weights(cairo_t* cr, double top) {
    const detail::FontSpec label_font{detail::kSansFamily, 7.0, PANGO_WEIGHT_NORMAL};
    double y = top;
    for (const double weight : {0.25, 0.5, 1.0, 2.0}) {
        cairo_set_line_width(cr, weight);
        cairo_move_to(cr, kMargin + 40.0, y + 4.0);
        cairo_line_to(cr, kMargin + reports::kContentWidth, y + 4.0);
        cairo_stroke(cr);
        paint_text(cr, std::to_string(weight).substr(0, 4) + " pt", label_font, kMargin, y);
        y += 12.0;
    }
    return y;
}

// The same sentence in the kiosk's three languages at the sizes the certificate and the screens use.
double paint_language_samples(cairo_t* cr, double top) {
    static constexpr std::array<const char*, 3> kSamples{
        "打印测试页：中文字符应清晰、完整、无断笔。",
        "Printer test page: the quick brown fox jumps over the lazy dog. 0123456789",
        "프린터 테스트 페이지: 한글이 선명하고 또렷하게 인쇄되어야 합니다.",
    };
    double y = top;
    for (const double size : {8.0, 10.0, 12.0, 16.0}) {
        for (const char* sample : kSamples) {
            const detail::FontSpec font{detail::kSansFamily, size, PANGO_WEIGHT_NORMAL};
            detail::TextOptions options;
            options.width = reports::kContentWidth;
            const detail::LayoutHandle layout = detail::make_text_layout(cr, sample, font, options);
            detail::draw_layout(cr, layout.get(), kMargin, y);
            y += detail::measure(layout.get()).height + 2.0;
        }
        y += 4.0;
    }
    const detail::FontSpec serif{detail::kSerifFamily, 12.0, PANGO_WEIGHT_NORMAL};
    paint_text(cr, "宋体/명조/Serif: 证明 증명서 Certificate", serif, kMargin, y);
    return y + 20.0;
}

}  // namespace

std::string test_page_qr_payload(const TestPageInfo& info) {
    return "HUKIOSK-TEST-PAGE\nkiosk=" + info.kiosk_id + "\nversion=" + info.version +
           "\nprinted=" + info.printed_at;
}

std::expected<std::vector<std::uint8_t>, std::string> render_test_page_pdf(const TestPageInfo& info) {
    // Encoded before any drawing: a payload that cannot be a QR code fails before a PDF is begun.
    auto qr = detail::QrSymbol::encode(test_page_qr_payload(info));
    if (!qr) return std::unexpected(qr.error());

    return reports::render_a4_pdf("HuKiosk printer test page " + info.kiosk_id, [&info, &qr](cairo_t* cr) {
        paint_alignment_marks(cr);

        const detail::FontSpec title{detail::kSansFamily, 20.0, PANGO_WEIGHT_BOLD};
        const detail::FontSpec body{detail::kSansFamily, 10.0, PANGO_WEIGHT_NORMAL};
        paint_text(cr, "Printer test page / 打印测试页 / 프린터 테스트 페이지", title, kMargin, kMargin,
                   reports::kContentWidth);
        const double qr_size = qr->modules() * kQrModule;
        const double qr_x = kA4Width - kMargin - qr_size;
        const double info_top = kMargin + 58.0;
        paint_text(cr, "Kiosk: " + info.kiosk_id, body, kMargin, info_top);
        paint_text(cr, "Software version: " + info.version, body, kMargin, info_top + 15.0);
        paint_text(cr, "Printed at: " + info.printed_at, body, kMargin, info_top + 30.0);
        paint_text(cr, "Marks at 5 mm and 10 mm from each edge; the 10 mm marks must all be on the page.",
                   body, kMargin, info_top + 50.0,
                   qr_x - kMargin - 2.0 * kQrModule * detail::kQrQuietZoneModules);
        // The quiet zone is the page's white: nothing else is drawn within four modules of the symbol.
        cairo_set_source_rgb(cr, 0, 0, 0);
        detail::paint_qr(cr, *qr, qr_x, info_top, kQrModule);

        double y = std::max(info_top + qr_size, info_top + 90.0) + 5.0 * kQrModule;
        paint_text(cr, "Grey ramp", body, kMargin, y);
        y = paint_grey_ramp(cr, y + 16.0) + 16.0;
        paint_text(cr, "Line weights", body, kMargin, y);
        y = paint_line_weights(cr, y + 16.0) + 12.0;
        paint_text(cr, "Text", body, kMargin, y);
        paint_language_samples(cr, y + 16.0);
    });
}

}  // namespace hk::printer
