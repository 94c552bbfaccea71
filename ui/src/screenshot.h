// Screenshots: the full-size frame as a PNG, the same with or without a display.
#pragma once

#include <SDL.h>

#include <expected>
#include <filesystem>
#include <string>

namespace hk::ui {

std::expected<void, std::string> save_png(SDL_Surface* frame, const std::filesystem::path& png);

}  // namespace hk::ui
