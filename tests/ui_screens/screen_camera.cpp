#include "screen_camera.h"

#include <unistd.h>

#include <system_error>

namespace hk::ui_screens {

std::expected<ScreenCamera, std::string> ScreenCamera::open(const Orientation& orientation) {
    auto front_end =
        ui::FrontEnd::open({.width = orientation.width, .height = orientation.height, .headless = true});
    if (!front_end) return std::unexpected(front_end.error());
    return ScreenCamera(std::move(*front_end), {orientation.width, orientation.height});
}

std::expected<void, std::string> ScreenCamera::save(const ui::ViewModel& view,
                                                    const std::filesystem::path& png) {
    std::error_code error;
    std::filesystem::create_directories(png.parent_path(), error);
    if (error) return std::unexpected("cannot create " + png.parent_path().string() + ": " + error.message());
    front_end_->render(view);
    return front_end_->save_screenshot(png);
}

std::expected<GreyImage, std::string> ScreenCamera::shoot(const ui::ViewModel& view,
                                                          const std::filesystem::path& png) {
    if (auto saved = save(view, png); !saved) return std::unexpected(saved.error());
    return GreyImage::load(png);
}

ScratchFolder::ScratchFolder(const std::string& purpose)
    : path_(std::filesystem::temp_directory_path() / (purpose + "-" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(path_);
}

ScratchFolder::~ScratchFolder() {
    std::error_code ignored;  // nothing to do about a temp folder that cannot be removed
    std::filesystem::remove_all(path_, ignored);
}

}  // namespace hk::ui_screens
