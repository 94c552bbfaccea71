#include "display_window.h"

#include <algorithm>
#include <cmath>
#include <string_view>

namespace hk::ui {

DisplayWindow::DisplayWindow(WindowHandle window, RendererHandle renderer, TextureHandle texture, Size screen)
    : window_(std::move(window)),
      renderer_(std::move(renderer)),
      texture_(std::move(texture)),
      screen_(screen) {}

std::expected<DisplayWindow, std::string> DisplayWindow::open(Size screen, float scale) {
    const int w = std::max(1, static_cast<int>(std::lround(screen.w * static_cast<double>(scale))));
    const int h = std::max(1, static_cast<int>(std::lround(screen.h * static_cast<double>(scale))));
    // On the kiosk's own panel (KMS/DRM, no window system: the appliance image) the window is the whole
    // screen at the panel's mode, whatever its size; a smaller one never reaches the display there. On a
    // desktop it is a window, scaled down.
    const char* driver = SDL_GetCurrentVideoDriver();
    const bool panel = driver != nullptr && std::string_view(driver) == "KMSDRM";
    WindowHandle window{SDL_CreateWindow("HuKiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h,
                                         panel ? SDL_WINDOW_FULLSCREEN_DESKTOP : SDL_WINDOW_RESIZABLE)};
    if (!window) return std::unexpected(std::string("cannot create window: ") + SDL_GetError());
    RendererHandle renderer{SDL_CreateRenderer(window.get(), -1, 0)};  // accelerated if there is one
    if (!renderer) return std::unexpected(std::string("cannot create window renderer: ") + SDL_GetError());
    TextureHandle texture{SDL_CreateTexture(renderer.get(), SDL_PIXELFORMAT_RGB888,
                                            SDL_TEXTUREACCESS_STREAMING, screen.w, screen.h)};
    if (!texture) return std::unexpected(std::string("cannot create window texture: ") + SDL_GetError());
    SDL_SetTextureScaleMode(texture.get(), SDL_ScaleModeLinear);  // smooth when shown scaled down
    return DisplayWindow(std::move(window), std::move(renderer), std::move(texture), screen);
}

void DisplayWindow::present(SDL_Surface* frame) {
    SDL_UpdateTexture(texture_.get(), nullptr, frame->pixels, frame->pitch);
    Size output;
    SDL_GetRendererOutputSize(renderer_.get(), &output.w, &output.h);
    const Rect shown = fit_inside(screen_, output);
    const SDL_Rect dst{shown.x, shown.y, shown.w, shown.h};
    SDL_SetRenderDrawColor(renderer_.get(), 0, 0, 0, 255);
    SDL_RenderClear(renderer_.get());
    SDL_RenderCopy(renderer_.get(), texture_.get(), nullptr, &dst);
    SDL_RenderPresent(renderer_.get());
}

Size DisplayWindow::window_size() const {
    Size size;
    SDL_GetWindowSize(window_.get(), &size.w, &size.h);
    return size;
}

std::pair<int, int> DisplayWindow::to_screen(int window_x, int window_y) const {
    return window_to_screen(window_x, window_y, screen_, window_size());
}

}  // namespace hk::ui
