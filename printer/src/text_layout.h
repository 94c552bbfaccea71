// Pango text on a cairo context: one font description per named style, one layout per block of text, measured
// before it is drawn so pages and receipts can be laid out from the real size of the text.
#pragma once

#include <memory>
#include <string_view>

#include <pango/pangocairo.h>

#include "cairo_handles.h"

namespace hk::printer::detail {

// Debian's fonts-noto-cjk: one family covers Chinese, Korean and Latin, so no glyph falls back to another
// font.
inline constexpr const char* kSansFamily = "Noto Sans CJK SC";
inline constexpr const char* kSerifFamily = "Noto Serif CJK SC";

struct FontSpec {
    const char* family = kSansFamily;
    double size = 12.0;  // em size in the surface's user units (points on the PDF, dots on the receipt)
    PangoWeight weight = PANGO_WEIGHT_NORMAL;
};

struct TextOptions {
    double width = -1.0;  // wrap width in user units; negative: a single unwrapped line
    PangoAlignment alignment = PANGO_ALIGN_LEFT;
    bool justify = false;
    double first_line_indent = 0.0;  // user units
    double line_spacing = 0.0;       // factor of the font's line height; 0: the font's own
};

struct TextSize {
    double width = 0.0;
    double height = 0.0;
};

// Plain text, never markup: names and addresses must not be interpreted as pango markup.
LayoutHandle make_text_layout(cairo_t* cr, std::string_view text, const FontSpec& font,
                              const TextOptions& options = {});

// A layout that painting functions can hold on to after it was measured (they get moved around in
// containers).
using SharedLayout = std::shared_ptr<PangoLayout>;
inline SharedLayout share(LayoutHandle layout) {
    return {layout.release(), LayoutRelease{}};
}

// The logical extent of the layout in user units (what to advance by, including the line gap).
TextSize measure(PangoLayout* layout);

// Draws the layout with its logical top-left corner at (x, y) in the current source colour.
void draw_layout(cairo_t* cr, PangoLayout* layout, double x, double y);

}  // namespace hk::printer::detail
