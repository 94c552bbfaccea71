// The desktop window: shows the full-size frame scaled to fit (aspect kept, letterboxed) and maps pointer
// positions back onto the full-size screen. Rendering never happens at window size, so screenshots do not
// depend on it.
#pragma once

#include <SDL.h>

#include <expected>
#include <string>
#include <utility>

#include "layout.h"
#include "sdl_handles.h"

namespace hk::ui {

class DisplayWindow {
  public:
    static std::expected<DisplayWindow, std::string> open(Size screen, float scale);

    void present(SDL_Surface* frame);
    [[nodiscard]] Size window_size() const;
    [[nodiscard]] std::pair<int, int> to_screen(int window_x, int window_y) const;

  private:
    DisplayWindow(WindowHandle window, RendererHandle renderer, TextureHandle texture, Size screen);

    // Declared in creation order, so they are destroyed texture first, window last.
    WindowHandle window_;
    RendererHandle renderer_;
    TextureHandle texture_;
    Size screen_;
};

}  // namespace hk::ui
