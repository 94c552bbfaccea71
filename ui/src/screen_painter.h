// Draws a laid-out view model: the only place that decides what things look like.
#pragma once

#include <SDL.h>

#include "layout.h"
#include "text_renderer.h"
#include "ui/view_model.h"

namespace hk::ui {

void paint_screen(SDL_Renderer* renderer, TextRenderer& text, const ViewModel& view,
                  const ScreenLayout& layout);

}  // namespace hk::ui
