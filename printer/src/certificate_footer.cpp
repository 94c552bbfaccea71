// The foot of the certificate: the QR code with the verification code at the bottom left, the issuing
// authority and the date at the bottom right under the red seal, and a frame around the page.
#include <algorithm>
#include <charconv>
#include <utility>

#include "certificate_page.h"
#include "qr_symbol.h"
#include "seal_painter.h"
#include "text_layout.h"

namespace hk::printer::detail::certificate_page {

namespace {

// The symbol with its quiet zone: 48 mm, so a version-14 code (the usual proof, printer/PROOF.md) has 0.6 mm
// modules, which a phone resolves at arm's length and a 150 dpi scan at 3.5 pixels each.
constexpr double kQrSide = 136.0;
constexpr double kQrCaptionGap = 2.0;
constexpr double kSealRadius = 58.0;    // a 42 mm seal
constexpr double kSealRise = 0.25;      // seal centre above the issuer's line, in radii
constexpr double kIssuerLineGap = 6.0;  // between the issuer and the date under it
constexpr double kIssuerRightInset = 6.0;
constexpr double kFrameInset = 26.0;
constexpr double kFrameLine = 1.2;
constexpr double kFrameInnerGap = 3.5;
constexpr double kFrameInnerLine = 0.4;

constexpr FontSpec kCaptionFont{kSansFamily, 7.5, PANGO_WEIGHT_NORMAL};
constexpr FontSpec kCodeFont{kSansFamily, 10.0, PANGO_WEIGHT_BOLD};
constexpr FontSpec kIssuerFont{kSerifFamily, 13.0, PANGO_WEIGHT_NORMAL};
constexpr FontSpec kDateFont{kSerifFamily, 12.0, PANGO_WEIGHT_NORMAL};

constexpr const char* kCodeCaption = "核验码 Verification code";

// The QR code with its caption under it, the caption ending at `bottom`.
Footer proof_code(cairo_t* cr, const CertificateDocument& document, const QrSymbol& symbol, double bottom) {
    SharedLayout caption;
    SharedLayout code;
    double caption_height = 0.0;
    if (!document.verification_code.empty()) {
        caption = share(make_text_layout(cr, kCodeCaption, kCaptionFont,
                                         {.width = kQrSide, .alignment = PANGO_ALIGN_CENTER}));
        code = share(make_text_layout(cr, document.verification_code, kCodeFont,
                                      {.width = kQrSide, .alignment = PANGO_ALIGN_CENTER}));
        caption_height = kQrCaptionGap + measure(caption.get()).height + measure(code.get()).height;
    }
    const double top = bottom - caption_height - kQrSide;
    return {top, [symbol, caption, code, top](cairo_t* c) {
                const double module = kQrSide / (symbol.modules() + 2 * kQrQuietZoneModules);
                const double inset = kQrQuietZoneModules * module;
                cairo_set_source_rgb(c, 1.0, 1.0, 1.0);  // the quiet zone stays light over any background
                cairo_rectangle(c, kMarginX, top, kQrSide, kQrSide);
                cairo_fill(c);
                cairo_set_source_rgb(c, kInk, kInk, kInk);
                paint_qr(c, symbol, kMarginX + inset, top + inset, module);
                if (!caption) return;
                const double caption_top = top + kQrSide + kQrCaptionGap;
                cairo_set_source_rgb(c, kSecondaryInk, kSecondaryInk, kSecondaryInk);
                draw_layout(c, caption.get(), kMarginX, caption_top);
                cairo_set_source_rgb(c, kInk, kInk, kInk);
                draw_layout(c, code.get(), kMarginX, caption_top + measure(caption.get()).height);
            }};
}

// The issuer and the date right-aligned, ending at `bottom`, with the seal stamped over them the way a seal
// is pressed over the authority's name and the date; its top is the seal's.
Footer issuer_and_seal(cairo_t* cr, const CertificateDocument& document, double bottom) {
    const SharedLayout issuer = share(make_text_layout(cr, document.issuer, kIssuerFont));
    const SharedLayout date = share(make_text_layout(cr, chinese_date(document.issued_on), kDateFont));
    const TextSize issuer_size = measure(issuer.get());
    const TextSize date_size = measure(date.get());

    const double right = kWidth - kMarginX - kIssuerRightInset;
    const double block_centre = right - std::max(issuer_size.width, date_size.width) / 2.0;
    const double date_top = bottom - date_size.height;
    const double issuer_top = date_top - kIssuerLineGap - issuer_size.height;
    // The star sits just above the name and the date; the seal stays inside the margin even when the issuer's
    // name is short.
    const SealGeometry seal{.centre_x = std::min(block_centre, kWidth - kMarginX - kSealRadius),
                            .centre_y = issuer_top - kSealRise * kSealRadius,
                            .radius = kSealRadius};
    return {seal.centre_y - seal.radius, [=, &document](cairo_t* c) {
                cairo_set_source_rgb(c, kInk, kInk, kInk);
                draw_layout(c, issuer.get(), block_centre - issuer_size.width / 2.0, issuer_top);
                draw_layout(c, date.get(), block_centre - date_size.width / 2.0, date_top);
                paint_seal(c, seal, document.issuer);
            }};
}

}  // namespace

void paint_frame(cairo_t* cr) {
    cairo_save(cr);
    cairo_set_source_rgb(cr, kSecondaryInk, kSecondaryInk, kSecondaryInk);
    cairo_set_line_width(cr, kFrameLine);
    cairo_rectangle(cr, kFrameInset, kFrameInset, kWidth - 2.0 * kFrameInset, kHeight - 2.0 * kFrameInset);
    cairo_stroke(cr);
    const double inner = kFrameInset + kFrameInnerGap;
    cairo_set_line_width(cr, kFrameInnerLine);
    cairo_rectangle(cr, inner, inner, kWidth - 2.0 * inner, kHeight - 2.0 * inner);
    cairo_stroke(cr);
    cairo_restore(cr);
}

Footer lay_out_footer(cairo_t* cr, const CertificateDocument& document, const QrSymbol* proof) {
    constexpr double bottom = kHeight - kMarginBottom;
    Footer issuer = issuer_and_seal(cr, document, bottom);
    if (proof == nullptr) return {issuer.top - kFooterGap, std::move(issuer.paint)};
    Footer code = proof_code(cr, document, *proof, bottom);
    return {std::min(issuer.top, code.top) - kFooterGap,
            [issuer = std::move(issuer.paint), code = std::move(code.paint)](cairo_t* c) mutable {
                issuer(c);
                code(c);
            }};
}

std::string chinese_date(const std::string& iso_date) {
    int year = 0;
    int month = 0;
    int day = 0;
    const char* text = iso_date.data();
    const char* end = text + iso_date.size();
    if (iso_date.size() != 10 || iso_date[4] != '-' || iso_date[7] != '-') return iso_date;
    const bool parsed = std::from_chars(text, text + 4, year).ptr == text + 4 &&
                        std::from_chars(text + 5, text + 7, month).ptr == text + 7 &&
                        std::from_chars(text + 8, end, day).ptr == end;
    if (!parsed || month < 1 || month > 12 || day < 1 || day > 31) return iso_date;
    return std::to_string(year) + "年" + std::to_string(month) + "月" + std::to_string(day) + "日";
}

}  // namespace hk::printer::detail::certificate_page
