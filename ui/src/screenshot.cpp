#include "screenshot.h"

#include <SDL_image.h>

namespace hk::ui {

std::expected<void, std::string> save_png(SDL_Surface* frame, const std::filesystem::path& png) {
    if (frame == nullptr) return std::unexpected(std::string("no frame to save"));
    if (IMG_SavePNG(frame, png.c_str()) != 0) {
        return std::unexpected("cannot save screenshot " + png.string() + ": " + IMG_GetError());
    }
    return {};
}

}  // namespace hk::ui
