// Filled shapes the SDL renderer lacks: rounded rectangles with anti-aliased corners (and so circles and
// pills).
#pragma once

#include <SDL.h>

#include "layout.h"
#include "theme.h"

namespace hk::ui {

void fill_rect(SDL_Renderer* renderer, const Rect& rect, Colour colour);
void fill_rounded_rect(SDL_Renderer* renderer, const Rect& rect, int radius, Colour colour);
// A `stroke`-wide border in `border` around a `fill` inside.
void outline_rounded_rect(SDL_Renderer* renderer, const Rect& rect, int radius, int stroke, Colour border,
                          Colour fill);

}  // namespace hk::ui
