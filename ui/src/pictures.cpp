#include "pictures.h"

#include <qrencode.h>
#include <string.h>  // explicit_bzero

#include <algorithm>
#include <memory>
#include <string>

#include "sdl_handles.h"
#include "shapes.h"

namespace hk::ui {

Photo::~Photo() {
    // The face is personal data: nothing of it stays in freed memory.
    if (!rgb.empty()) explicit_bzero(rgb.data(), rgb.size());
}

std::vector<std::vector<bool>> qr_modules(std::string_view text) {
    if (text.empty()) return {};
    const std::string terminated(text);
    const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString8bit(terminated.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
    if (!code || code->width <= 0) return {};
    const int n = code->width;
    std::vector<std::vector<bool>> rows(static_cast<std::size_t>(n),
                                        std::vector<bool>(static_cast<std::size_t>(n)));
    for (int y = 0; y < n; ++y) {
        for (int x = 0; x < n; ++x) rows[y][x] = (code->data[y * n + x] & 1) != 0;  // bit 0: dark module
    }
    return rows;
}

void draw_qr(SDL_Renderer* renderer, std::string_view text, const Rect& box) {
    const auto modules = qr_modules(text);
    if (modules.empty()) return;
    constexpr int kQuietZone = 4;
    const int n = static_cast<int>(modules.size());
    const int side = std::min(box.w, box.h);
    const int module = side / (n + 2 * kQuietZone);
    if (module < 1) return;  // too small to be read: better nothing than a code that fails
    const int drawn = module * (n + 2 * kQuietZone);
    const int x0 = box.x + (box.w - drawn) / 2;
    const int y0 = box.y + (box.h - drawn) / 2;
    fill_rect(renderer, {x0, y0, drawn, drawn}, Colour{255, 255, 255});
    SDL_SetRenderDrawColor(renderer, 0, 0, 0, 255);
    for (int y = 0; y < n; ++y) {
        for (int x = 0; x < n; ++x) {
            if (!modules[y][x]) continue;
            const SDL_Rect dark{x0 + (x + kQuietZone) * module, y0 + (y + kQuietZone) * module, module,
                                module};
            SDL_RenderFillRect(renderer, &dark);
        }
    }
}

void draw_photo(SDL_Renderer* renderer, const Photo& photo, const Rect& box, const Palette& palette) {
    if (!photo.valid() || box.w <= 0 || box.h <= 0) return;
    // The surface borrows the pixels; the texture copies them, and is gone before this returns.
    SurfaceHandle surface(SDL_CreateRGBSurfaceWithFormatFrom(const_cast<std::uint8_t*>(photo.rgb.data()),
                                                             photo.width, photo.height, 24, photo.width * 3,
                                                             SDL_PIXELFORMAT_RGB24));
    if (!surface) return;
    TextureHandle texture(SDL_CreateTextureFromSurface(renderer, surface.get()));
    if (!texture) return;
    const double scale =
        std::min(static_cast<double>(box.w) / photo.width, static_cast<double>(box.h) / photo.height);
    const int w = std::max(1, static_cast<int>(photo.width * scale));
    const int h = std::max(1, static_cast<int>(photo.height * scale));
    const SDL_Rect dst{box.x + (box.w - w) / 2, box.y + (box.h - h) / 2, w, h};
    const int frame = std::max(2, std::min(w, h) / 60);
    fill_rect(renderer, {dst.x - frame, dst.y - frame, w + 2 * frame, h + 2 * frame}, palette.accent);
    SDL_RenderCopy(renderer, texture.get(), nullptr, &dst);
}

}  // namespace hk::ui
