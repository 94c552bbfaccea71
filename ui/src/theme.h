// The colours of a screen, chosen by its tone and the citizen's presentation. The normal theme keeps dark
// text on a light, tone-tinted background; the high-contrast theme is white on black with yellow accents.
// Every text keeps a WCAG contrast of at least 4.5:1 and every meaningful shape (focus ring, progress, tone
// band) 3:1.
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
    Colour text;            // title, body, entry digits, help text
    Colour muted_text;      // footer, key hints on secondary buttons
    Colour tone_band;       // the strip across the top that carries the tone
    Colour accent;          // primary buttons, outlines, progress, countdown, spinner
    Colour on_accent;       // label on a primary button
    Colour on_accent_hint;  // key hint on a primary button
    Colour surface;         // inside a secondary button, the entry box and the help panel
    Colour track;           // the empty part of the progress bar
    Colour disabled_fill;
    Colour disabled_text;
    Colour toolbar_fill;  // toolbar buttons look unlike the screen's own: flat, small, no outline
    Colour toolbar_text;
    Colour toolbar_edge;  // a thin outline so the toolbar's shape shows against the background
    Colour focus;         // the ring around the button the keypad's Return would tap
    Colour scrim;         // laid over the screen behind the help panel
};

Palette palette_for(Tone tone, const Presentation& presentation = {});

// WCAG 2 contrast ratio between two colours, 1 to 21.
double contrast_ratio(Colour a, Colour b);

// `a` moved towards `b` by `t` (0..1).
Colour mix(Colour a, Colour b, double t);

}  // namespace hk::ui
