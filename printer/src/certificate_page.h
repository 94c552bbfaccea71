// The certificate page's layout: sizes and positions as named constants, the body as a stack of blocks that
// are measured before they are painted (so the page can be fitted), and the footer with the QR code and the
// seal.
#pragma once

#include <cairo.h>

#include <functional>
#include <string>
#include <vector>

#include "printer/certificate_document.h"
#include "qr_symbol.h"

namespace hk::printer::detail::certificate_page {

// A4 in PostScript points, the PDF surface's user unit.
inline constexpr double kWidth = 595.28;
inline constexpr double kHeight = 841.89;
inline constexpr double kMarginX = 66.0;
inline constexpr double kMarginTop = 70.0;
inline constexpr double kMarginBottom = 62.0;
inline constexpr double kContentWidth = kWidth - 2.0 * kMarginX;
inline constexpr double kFooterGap = 18.0;  // least space between the body and the footer

// Body text shrinks in these steps when a document has too much to fit on the page at full size.
inline constexpr double kBodyScales[] = {1.0, 0.92, 0.85, 0.78, 0.72, 0.66, 0.6};

// Ink colours (grey levels) of the page's text and lines.
inline constexpr double kInk = 0.0;
inline constexpr double kSecondaryInk = 0.30;
inline constexpr double kRuleInk = 0.45;
inline constexpr double kLabelShade = 0.94;  // background of the table's label column

// One piece of the body: its height is known before it is painted, so blocks can be stacked and fitted.
struct Block {
    double height = 0.0;
    double space_after = 0.0;
    std::move_only_function<void(cairo_t*, double top)> paint;
};

// Title, subtitle, serial and date, the table of fields and the statement, at `scale` times the full font
// size.
std::vector<Block> body_blocks(cairo_t* cr, const CertificateDocument& document, double scale);

// A thin double frame around the page.
void paint_frame(cairo_t* cr);

// The foot of the page, laid out: the QR code (when there is one) and the issuer with the seal. `top` is its
// top edge, above which the body must end.
struct Footer {
    double top = 0.0;
    std::move_only_function<void(cairo_t*)> paint;
};
Footer lay_out_footer(cairo_t* cr, const CertificateDocument& document, const QrSymbol* proof);

// "2026-03-01" as "2026年3月1日", the way a Chinese document writes its date; anything else unchanged.
std::string chinese_date(const std::string& iso_date);

}  // namespace hk::printer::detail::certificate_page
