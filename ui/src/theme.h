// The colours of a screen, chosen by its tone. Dark text on a light, tone-tinted background and white on the
// accent keep every text at a contrast of at least 6:1 (WCAG AA large text needs 3:1, body text 4.5:1).
#pragma once

#include <cstdint>

#include "ui/view_model.h"

namespace hk::ui {

struct Colour {
    std::uint8_t r = 0;
    std::uint8_t g = 0;
    std::uint8_t b = 0;
    friend bool operator==(const Colour&, const Colour&) = default;
};

struct Palette {
    Colour background;
    Colour text;        // title and body
    Colour muted_text;  // footer, key hints
    Colour accent;      // tone band, primary buttons, outlines, progress, countdown
    Colour on_accent;   // label on a primary button
    Colour surface;     // inside a secondary button
    Colour track;       // the empty part of the progress bar
    Colour disabled_fill;
    Colour disabled_text;
};

Palette palette_for(Tone tone);

// WCAG 2 contrast ratio between two colours, 1 to 21.
double contrast_ratio(Colour a, Colour b);

}  // namespace hk::ui
