// The body of the certificate, top to bottom: title, subtitle, serial and date over a rule, the table of
// fields and the statement.
#include <algorithm>
#include <memory>
#include <utility>

#include "certificate_page.h"
#include "text_layout.h"

namespace hk::printer::detail::certificate_page {

namespace {

// Full-size fonts; body_blocks multiplies the sizes by its scale.
constexpr FontSpec kTitleFont{kSerifFamily, 26.0, PANGO_WEIGHT_BOLD};
constexpr FontSpec kSubtitleFont{kSerifFamily, 13.0, PANGO_WEIGHT_NORMAL};
constexpr FontSpec kMetaFont{kSansFamily, 9.5, PANGO_WEIGHT_NORMAL};
constexpr FontSpec kLabelFont{kSansFamily, 10.5, PANGO_WEIGHT_NORMAL};
constexpr FontSpec kValueFont{kSansFamily, 11.5, PANGO_WEIGHT_NORMAL};
constexpr FontSpec kStatementFont{kSerifFamily, 12.0, PANGO_WEIGHT_NORMAL};

constexpr double kTitleSpace = 4.0;
constexpr double kSubtitleSpace = 26.0;
constexpr double kMetaSpace = 18.0;
constexpr double kRuleGap = 5.0;  // between the serial line and the rule under it
constexpr double kRuleWidth = 1.2;
constexpr double kTableSpace = 24.0;
constexpr double kLabelColumn = 150.0;
constexpr double kCellPaddingX = 8.0;
constexpr double kCellPaddingY = 6.0;
constexpr double kGridLine = 0.5;
constexpr double kStatementSpacing = 1.6;   // line spacing factor of the statement paragraph
constexpr double kStatementIndentEm = 2.0;  // Chinese paragraphs start two characters in

constexpr const char* kSerialLabel = "证明编号 No. ";
constexpr const char* kIssuedLabel = "签发日期 Date of issue ";

FontSpec scaled(FontSpec font, double scale) {
    font.size *= scale;
    return font;
}

Block centred_line(cairo_t* cr, const std::string& text, const FontSpec& font, double space_after) {
    auto layout =
        share(make_text_layout(cr, text, font, {.width = kContentWidth, .alignment = PANGO_ALIGN_CENTER}));
    const double height = measure(layout.get()).height;
    return {height, space_after, [layout](cairo_t* c, double top) {
                cairo_set_source_rgb(c, kInk, kInk, kInk);
                draw_layout(c, layout.get(), kMarginX, top);
            }};
}

Block serial_and_date(cairo_t* cr, const CertificateDocument& document, double scale) {
    const FontSpec font = scaled(kMetaFont, scale);
    constexpr double half = kContentWidth / 2.0;
    auto serial = share(make_text_layout(cr, kSerialLabel + document.serial, font, {.width = half}));
    auto issued = share(make_text_layout(cr, kIssuedLabel + document.issued_on, font,
                                         {.width = half, .alignment = PANGO_ALIGN_RIGHT}));
    const double text_height = std::max(measure(serial.get()).height, measure(issued.get()).height);
    return {text_height + kRuleGap + kRuleWidth, kMetaSpace * scale,
            [serial, issued, text_height](cairo_t* c, double top) {
                cairo_set_source_rgb(c, kSecondaryInk, kSecondaryInk, kSecondaryInk);
                draw_layout(c, serial.get(), kMarginX, top);
                draw_layout(c, issued.get(), kMarginX + half, top);
                const double rule_y = top + text_height + kRuleGap + kRuleWidth / 2.0;
                cairo_set_source_rgb(c, kInk, kInk, kInk);
                cairo_set_line_width(c, kRuleWidth);
                cairo_move_to(c, kMarginX, rule_y);
                cairo_line_to(c, kMarginX + kContentWidth, rule_y);
                cairo_stroke(c);
            }};
}

struct TableRow {
    SharedLayout label;
    SharedLayout value;
    double height;
};

void paint_table(cairo_t* cr, const std::vector<TableRow>& rows, double top, double height,
                 double padding_y) {
    double y = top;
    cairo_set_source_rgb(cr, kLabelShade, kLabelShade, kLabelShade);
    cairo_rectangle(cr, kMarginX, top, kLabelColumn, height);
    cairo_fill(cr);

    for (const TableRow& row : rows) {
        cairo_set_source_rgb(cr, kSecondaryInk, kSecondaryInk, kSecondaryInk);
        draw_layout(cr, row.label.get(), kMarginX + kCellPaddingX, y + padding_y);
        cairo_set_source_rgb(cr, kInk, kInk, kInk);
        draw_layout(cr, row.value.get(), kMarginX + kLabelColumn + kCellPaddingX, y + padding_y);
        y += row.height;
        if (&row != &rows.back()) {
            cairo_move_to(cr, kMarginX, y);
            cairo_line_to(cr, kMarginX + kContentWidth, y);
        }
    }
    cairo_move_to(cr, kMarginX + kLabelColumn, top);
    cairo_line_to(cr, kMarginX + kLabelColumn, top + height);
    cairo_rectangle(cr, kMarginX, top, kContentWidth, height);
    cairo_set_source_rgb(cr, kRuleInk, kRuleInk, kRuleInk);
    cairo_set_line_width(cr, kGridLine);
    cairo_stroke(cr);
}

Block field_table(cairo_t* cr, const std::vector<CertificateField>& fields, double scale) {
    const double label_width = kLabelColumn - 2.0 * kCellPaddingX;
    const double value_width = kContentWidth - kLabelColumn - 2.0 * kCellPaddingX;
    const double padding_y = kCellPaddingY * scale;
    std::vector<TableRow> rows;
    double height = 0.0;
    for (const CertificateField& field : fields) {
        auto label =
            share(make_text_layout(cr, field.label, scaled(kLabelFont, scale), {.width = label_width}));
        auto value = share(
            make_text_layout(cr, field.value.reveal(), scaled(kValueFont, scale), {.width = value_width}));
        const double row_height =
            std::max(measure(label.get()).height, measure(value.get()).height) + 2.0 * padding_y;
        rows.push_back({std::move(label), std::move(value), row_height});
        height += row_height;
    }
    return {height, kTableSpace * scale, [rows = std::move(rows), height, padding_y](cairo_t* c, double top) {
                paint_table(c, rows, top, height, padding_y);
            }};
}

Block statement(cairo_t* cr, const std::string& text, double scale) {
    const FontSpec font = scaled(kStatementFont, scale);
    auto layout = share(make_text_layout(cr, text, font,
                                         {.width = kContentWidth,
                                          .justify = true,
                                          .first_line_indent = kStatementIndentEm * font.size,
                                          .line_spacing = kStatementSpacing}));
    return {measure(layout.get()).height, 0.0, [layout](cairo_t* c, double top) {
                cairo_set_source_rgb(c, kInk, kInk, kInk);
                draw_layout(c, layout.get(), kMarginX, top);
            }};
}

}  // namespace

std::vector<Block> body_blocks(cairo_t* cr, const CertificateDocument& document, double scale) {
    std::vector<Block> blocks;
    blocks.push_back(centred_line(cr, document.title, scaled(kTitleFont, scale), kTitleSpace * scale));
    if (!document.subtitle.empty()) {
        blocks.push_back(centred_line(cr, document.subtitle, scaled(kSubtitleFont, scale), 0.0));
    }
    blocks.back().space_after = kSubtitleSpace * scale;
    blocks.push_back(serial_and_date(cr, document, scale));
    if (!document.fields.empty()) blocks.push_back(field_table(cr, document.fields, scale));
    if (!document.statement.empty()) blocks.push_back(statement(cr, document.statement, scale));
    return blocks;
}

}  // namespace hk::printer::detail::certificate_page
