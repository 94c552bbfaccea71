// The pictures a screen may carry (ViewModel::photo, ViewModel::qr): a QR code's modules, and drawing both
// into the box the layout gives them.
#pragma once

#include <SDL.h>

#include <string_view>
#include <vector>

#include "layout.h"
#include "theme.h"
#include "ui/view_model.h"

namespace hk::ui {

// The QR code of `text` (libqrencode, error correction M) as rows of dark (true) and light modules, without
// the quiet zone; empty when it cannot be encoded.
std::vector<std::vector<bool>> qr_modules(std::string_view text);

// Dark modules on white with a 4-module quiet zone, as large as whole pixels per module allow in `box`
// (centred); a scanner needs the contrast, so the theme's colours are not used.
void draw_qr(SDL_Renderer* renderer, std::string_view text, const Rect& box);
// The photo scaled to fit `box` (aspect kept, centred), framed in the theme's accent colour.
void draw_photo(SDL_Renderer* renderer, const Photo& photo, const Rect& box, const Palette& palette);

}  // namespace hk::ui
