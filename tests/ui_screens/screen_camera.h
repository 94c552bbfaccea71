// A headless front end that draws views and hands back what it drew, through the same PNG a screenshot is.
// Opening the front end is the slow part, so one camera serves every view of an orientation.
#pragma once

#include <expected>
#include <filesystem>
#include <memory>
#include <string>

#include "grey_image.h"
#include "screen_matrix.h"
#include "ui/front_end.h"

namespace hk::ui_screens {

class ScreenCamera {
  public:
    static std::expected<ScreenCamera, std::string> open(const Orientation& orientation);

    // Draws `view` and writes the screenshot to `png`, creating its folder.
    std::expected<void, std::string> save(const ui::ViewModel& view, const std::filesystem::path& png);
    // The same, and reads it back.
    std::expected<GreyImage, std::string> shoot(const ui::ViewModel& view, const std::filesystem::path& png);
    [[nodiscard]] ui::Size size() const { return size_; }

  private:
    ScreenCamera(std::unique_ptr<ui::FrontEnd> front_end, ui::Size size)
        : front_end_(std::move(front_end)), size_(size) {}

    std::unique_ptr<ui::FrontEnd> front_end_;
    ui::Size size_;
};

// A folder of this test process under the system's temp dir, removed with it: screenshots nobody keeps.
class ScratchFolder {
  public:
    explicit ScratchFolder(const std::string& purpose);
    ~ScratchFolder();
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

}  // namespace hk::ui_screens
