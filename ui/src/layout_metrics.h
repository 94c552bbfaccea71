// The sizes of everything on a screen, from the screen's short side, the citizen's text size and the panel's
// minimum touch target; and how a label's type size is chosen. Internal to the layout.
#pragma once

#include <string_view>

#include "layout.h"

namespace hk::ui {

// All sizes are designed for the short side of the screen being 1080 px and scale with it, so portrait
// 1080x1920 and landscape 1920x1080 get the same type sizes. Large text multiplies every type size.
struct Metrics {
    double s = 1.0;
    bool large_text = false;
    int margin = 0;
    int band_h = 0;
    int title_top = 0;
    int section_gap = 0;  // between title, body, progress, countdown and buttons
    int title_px = 0;
    int title_min_px = 0;
    int body_px = 0;
    int body_min_px = 0;
    int label_px = 0;
    int label_min_px = 0;
    int font_step = 0;
    int hint_px = 0;
    int hint_w = 0;
    int footer_px = 0;
    int footer_bottom_gap = 0;
    int countdown_px = 0;
    int progress_h = 0;
    int spinner_side = 0;
    int entry_px = 0;
    int entry_pad = 0;
    int entry_w = 0;
    int min_target = 0;
    int button_h = 0;
    int button_mid_h = 0;  // between the two, for large text's taller labels
    int button_min_h = 0;
    int button_gap = 0;
    int button_pad_x = 0;
    int button_pad_y = 0;
    int toolbar_h = 0;
    int toolbar_px = 0;
    int toolbar_min_px = 0;
    int toolbar_pad = 0;
    int corner = 0;
    int stroke = 0;
    int focus_ring = 0;
    int focus_gap = 0;
};

Metrics metrics_for(Size screen, bool large_text, int min_target);

// The largest size from `largest` down to `smallest` at which `fits` holds; `smallest` when none does.
template <typename Fits>
int largest_fitting_px(int largest, int smallest, int step, Fits fits) {
    for (int px = largest; px > smallest; px -= step) {
        if (fits(px)) return px;
    }
    return smallest;
}

// The largest size from `largest` down to `smallest` at which `label` fits `box` with no word broken; else
// the largest at which it fits at all.
int label_px(std::string_view label, Weight weight, const Rect& box, int largest, int smallest,
             const Metrics& m, const MeasureText& measure);
// Whether `label` fits `box` at `px` with no word broken across lines.
bool label_fits_unbroken(std::string_view label, Weight weight, const Rect& box, int px,
                         const MeasureText& measure);

}  // namespace hk::ui
