#include "text_layout.h"

namespace hk::printer::detail {

namespace {

int to_pango_units(double user_units) {
    return pango_units_from_double(user_units);
}

bool is_vector(cairo_t* cr) {
    const cairo_surface_type_t type = cairo_surface_get_type(cairo_get_target(cr));
    return type == CAIRO_SURFACE_TYPE_PDF || type == CAIRO_SURFACE_TYPE_PS || type == CAIRO_SURFACE_TYPE_SVG;
}

}  // namespace

LayoutHandle make_text_layout(cairo_t* cr, std::string_view text, const FontSpec& font,
                              const TextOptions& options) {
    LayoutHandle layout(pango_cairo_create_layout(cr));
    if (is_vector(cr)) {
        // Pango rounds glyph positions to whole user units by default: right for pixels, but on a PDF a unit
        // is a point, and the rounding shows as uneven letter spacing.
        pango_context_set_round_glyph_positions(pango_layout_get_context(layout.get()), FALSE);
        pango_layout_context_changed(layout.get());
    }

    FontDescriptionHandle description(pango_font_description_new());
    pango_font_description_set_family(description.get(), font.family);
    pango_font_description_set_weight(description.get(), font.weight);
    // Absolute size: user units, independent of the 96 dpi that pangocairo assumes for point sizes.
    pango_font_description_set_absolute_size(description.get(), font.size * PANGO_SCALE);
    pango_layout_set_font_description(layout.get(), description.get());

    if (options.width >= 0.0) {
        pango_layout_set_width(layout.get(), to_pango_units(options.width));
        // Chinese has no spaces: break between any two characters when a word does not fit.
        pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(layout.get(), options.alignment);
    pango_layout_set_justify(layout.get(), options.justify ? TRUE : FALSE);
    if (options.first_line_indent != 0.0) {
        pango_layout_set_indent(layout.get(), to_pango_units(options.first_line_indent));
    }
    if (options.line_spacing > 0.0) {
        pango_layout_set_line_spacing(layout.get(), static_cast<float>(options.line_spacing));
    }
    pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
    return layout;
}

TextSize measure(PangoLayout* layout) {
    PangoRectangle logical{};
    pango_layout_get_extents(layout, nullptr, &logical);
    return {pango_units_to_double(logical.width), pango_units_to_double(logical.height)};
}

void draw_layout(cairo_t* cr, PangoLayout* layout, double x, double y) {
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout);
}

}  // namespace hk::printer::detail
