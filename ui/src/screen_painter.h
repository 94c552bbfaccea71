// Draws a laid-out view model: the only place that decides what things look like.
#pragma once

#include <SDL.h>

#include <optional>

#include "focus.h"
#include "layout.h"
#include "text_renderer.h"
#include "ui/view_model.h"

namespace hk::ui {

// The whole screen; `focus` gets a ring; a spinner, if the layout has one, is drawn at `spinner_step`.
void paint_screen(SDL_Renderer* renderer, TextRenderer& text, const ViewModel& view,
                  const ScreenLayout& layout, std::optional<Focus> focus, int spinner_step);
// Only the spinner, at `step` (any integer; one turn is kSpinnerSteps): cheap enough for every animation
// frame.
void paint_spinner(SDL_Renderer* renderer, const ViewModel& view, const Rect& area, int step);
inline constexpr int kSpinnerSteps = 12;
// view.help in a panel over whatever is on the screen.
void paint_help(SDL_Renderer* renderer, TextRenderer& text, const ViewModel& view, const HelpLayout& help);

}  // namespace hk::ui
