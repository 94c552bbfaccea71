#include "seal_painter.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "text_layout.h"

namespace hk::printer::detail {

namespace {

// Proportions of a 42 mm official seal, as fractions of the outer radius.
constexpr double kRingWidth = 0.06;
constexpr double kStarOuter = 0.30;
constexpr double kStarInnerRatio = 0.382;  // inner/outer radius of a regular five-pointed star
constexpr double kTextRadius = 0.72;       // where the centre line of the characters runs
constexpr double kMaxTextSize = 0.24;
// Radians the name may span, centred on the top (about 200 degrees): it stays above the seal's middle, so the
// name and the date printed across the seal's lower half stay clear of it.
constexpr double kTextArc = 3.5;
constexpr double kCharAdvance = 1.15;  // arc per character, in em
// Seal ink: a slightly translucent red, so the text under a stamped seal stays readable.
constexpr double kInkRed = 0.80, kInkGreen = 0.08, kInkBlue = 0.08, kInkAlpha = 0.85;

// Splits UTF-8 into code points, so each character of the name can be placed on the arc on its own.
std::vector<std::string> split_characters(std::string_view text) {
    std::vector<std::string> characters;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t next = i + 1;
        // Continuation bytes are 10xxxxxx.
        while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0U) == 0x80U) ++next;
        if (text.substr(i, next - i) != " ") characters.emplace_back(text.substr(i, next - i));
        i = next;
    }
    return characters;
}

void paint_ring(cairo_t* cr, const SealGeometry& seal) {
    const double width = seal.radius * kRingWidth;
    cairo_set_line_width(cr, width);
    cairo_new_sub_path(cr);
    cairo_arc(cr, seal.centre_x, seal.centre_y, seal.radius - width / 2.0, 0.0, 2.0 * std::numbers::pi);
    cairo_stroke(cr);
}

void paint_star(cairo_t* cr, const SealGeometry& seal) {
    const double outer = seal.radius * kStarOuter;
    const double inner = outer * kStarInnerRatio;
    for (int point = 0; point < 10; ++point) {
        // Ten corners alternating outer and inner, starting straight up.
        const double angle = -std::numbers::pi / 2.0 + point * std::numbers::pi / 5.0;
        const double r = point % 2 == 0 ? outer : inner;
        const double x = seal.centre_x + r * std::cos(angle);
        const double y = seal.centre_y + r * std::sin(angle);
        if (point == 0) {
            cairo_move_to(cr, x, y);
        } else {
            cairo_line_to(cr, x, y);
        }
    }
    cairo_close_path(cr);
    cairo_fill(cr);
}

void paint_name(cairo_t* cr, const SealGeometry& seal, std::string_view issuer) {
    const std::vector<std::string> characters = split_characters(issuer);
    if (characters.empty()) return;
    const double text_radius = seal.radius * kTextRadius;
    const auto count = static_cast<double>(characters.size());
    // Long names get smaller characters so they still fit the arc.
    const double size = std::min(seal.radius * kMaxTextSize, kTextArc * text_radius / (count * kCharAdvance));
    const double step = size * kCharAdvance / text_radius;
    double angle = -step * (count - 1.0) / 2.0;  // 0 is straight up, clockwise positive

    const FontSpec font{kSerifFamily, size, PANGO_WEIGHT_BOLD};
    for (const std::string& character : characters) {
        LayoutHandle layout = make_text_layout(cr, character, font);
        const TextSize extent = measure(layout.get());
        cairo_save(cr);
        cairo_translate(cr, seal.centre_x + text_radius * std::sin(angle),
                        seal.centre_y - text_radius * std::cos(angle));
        cairo_rotate(cr, angle);  // the character's top points away from the centre
        pango_cairo_update_layout(cr, layout.get());
        draw_layout(cr, layout.get(), -extent.width / 2.0, -extent.height / 2.0);
        cairo_restore(cr);
        angle += step;
    }
}

}  // namespace

void paint_seal(cairo_t* cr, const SealGeometry& seal, std::string_view issuer) {
    cairo_save(cr);
    // Drawn opaque into a group and laid down once with the ink's alpha, so where the ring and the characters
    // touch the red does not get darker.
    cairo_push_group(cr);
    cairo_set_source_rgb(cr, kInkRed, kInkGreen, kInkBlue);
    paint_ring(cr, seal);
    paint_star(cr, seal);
    paint_name(cr, seal, issuer);
    cairo_pop_group_to_source(cr);
    cairo_paint_with_alpha(cr, kInkAlpha);
    cairo_restore(cr);
}

}  // namespace hk::printer::detail
