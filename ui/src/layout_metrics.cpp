#include "layout_metrics.h"

#include <algorithm>
#include <cmath>

namespace hk::ui {
namespace {

constexpr int kMinButtonHeight = 120;  // a touch target a hurried thumb cannot miss
constexpr double kLargeTextFactor = 1.4;
constexpr double kMillimetresPerInch = 25.4;
constexpr double kMinTargetMillimetres = 9.0;

int scaled(double design_px, double s) {
    return std::max(1, static_cast<int>(std::lround(design_px * s)));
}

// Whether every space-separated word of `label` fits on a line of `width` at `px`: a word broken in two is
// harder to read than a smaller one.
bool words_unbroken(std::string_view label, int px, Weight weight, int width, const MeasureText& measure) {
    const int one_line = measure("Hg", px, weight, 0);
    std::size_t start = 0;
    while (start < label.size()) {
        std::size_t end = label.find(' ', start);
        if (end == std::string_view::npos) end = label.size();
        if (end > start && measure(label.substr(start, end - start), px, weight, width) > one_line)
            return false;
        start = end + 1;
    }
    return true;
}

}  // namespace

Metrics metrics_for(Size screen, bool large_text, int min_target) {
    Metrics m;
    m.s = std::min(screen.w, screen.h) / 1080.0;
    m.large_text = large_text;
    const double s = m.s;
    const double t = large_text ? kLargeTextFactor : 1.0;
    const auto type = [s, t](double design_px) { return scaled(design_px * t, s); };
    m.margin = scaled(64, s);
    m.band_h = scaled(20, s);
    m.title_top = m.band_h + scaled(72, s);
    m.section_gap = scaled(48, s);
    // Large text starts every text larger but may shrink a text that does not fit down to the normal
    // minimum: a label cut off helps nobody, and it is still never smaller than in normal text.
    m.title_px = type(72);
    m.title_min_px = scaled(56, s);
    m.body_px = type(44);
    m.body_min_px = scaled(32, s);
    m.label_px = type(48);
    m.label_min_px = scaled(26, s);
    m.font_step = scaled(4, s);
    m.hint_px = type(34);
    m.hint_w = type(72);
    m.footer_px = type(30);
    m.footer_bottom_gap = scaled(36, s);
    m.countdown_px = scaled(140, s);  // already the largest text by far: large text leaves it as it is
    m.progress_h = scaled(28, s);
    m.spinner_side = scaled(120, s);
    m.entry_px = type(72);
    m.entry_pad = scaled(16, s);
    m.entry_w = scaled(760, s);
    m.min_target = std::max(1, min_target);
    m.button_min_h = std::max(kMinButtonHeight, m.min_target);
    // Large text: tall enough for two lines of the largest label, else one, before the minimum.
    m.button_h = std::max(m.button_min_h, scaled(large_text ? 208 : 144, s));
    m.button_mid_h = std::max(m.button_min_h, scaled(large_text ? 160 : 144, s));
    m.button_gap = scaled(28, s);
    m.button_pad_x = scaled(32, s);
    m.button_pad_y = scaled(12, s);
    m.toolbar_h = std::max(m.min_target, scaled(large_text ? 104 : 88, s));
    m.toolbar_px = type(30);
    m.toolbar_min_px = scaled(20, s);
    m.toolbar_pad = scaled(8, s);
    m.corner = scaled(28, s);
    m.stroke = std::max(2, scaled(4, s));
    m.focus_ring = std::max(3, scaled(8, s));
    // The ring stays inside the gap between buttons, so it never covers a neighbour.
    m.focus_gap = std::clamp(scaled(4, s), 1, std::max(1, m.button_gap / 2 - m.focus_ring));
    return m;
}

int label_px(std::string_view label, Weight weight, const Rect& box, int largest, int smallest,
             const Metrics& m, const MeasureText& measure) {
    const auto fits = [&](int px) { return measure(label, px, weight, box.w) <= box.h; };
    for (int px = largest; px >= smallest; px -= m.font_step) {
        if (fits(px) && words_unbroken(label, px, weight, box.w, measure)) return px;
    }
    return largest_fitting_px(largest, smallest, m.font_step, fits);
}

bool label_fits_unbroken(std::string_view label, Weight weight, const Rect& box, int px,
                         const MeasureText& measure) {
    return measure(label, px, weight, box.w) <= box.h && words_unbroken(label, px, weight, box.w, measure);
}

int min_target_px(double dpi) {
    if (!(dpi > 0)) dpi = kDefaultPanelDpi;
    return static_cast<int>(std::ceil(kMinTargetMillimetres * dpi / kMillimetresPerInch));
}

}  // namespace hk::ui
