// The SDL2 front end: draws a ViewModel, turns touches, clicks and keys into user input, takes screenshots.
// It runs on the main thread only (SDL's rule). Headless mode uses SDL's dummy video driver with a software
// renderer, so screenshots work with no display at all.
#pragma once

#include <expected>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "ui/view_model.h"

namespace hk::ui {

struct FrontEndOptions {
    int width = 1080;   // portrait kiosk screen
    int height = 1920;
    bool headless = false;
    float window_scale = 0.5f;  // on a desktop the window is shown scaled down; rendering stays full size
    std::filesystem::path font_path = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
    int font_face_index = 2;  // Simplified Chinese face of the Noto CJK collection (covers Latin and Hangul too)
};

// A tap on a button.
struct Tap {
    std::string action;
};
// A key with no button behind it (function keys drive the simulation in the demo). SDL key name, e.g. "F1".
struct KeyPress {
    std::string key;
};
struct QuitRequested {};
using Input = std::variant<Tap, KeyPress, QuitRequested>;

class FrontEnd {
public:
    static std::expected<std::unique_ptr<FrontEnd>, std::string> open(const FrontEndOptions& options);
    ~FrontEnd();
    FrontEnd(const FrontEnd&) = delete;
    FrontEnd& operator=(const FrontEnd&) = delete;

    void render(const ViewModel& view);
    // Drains pending SDL input (non-blocking). Number keys 1-9 tap the n-th enabled button; Escape taps "back"
    // when the view has it.
    std::vector<Input> poll_input();
    // Saves what was last rendered as a PNG.
    std::expected<void, std::string> save_screenshot(const std::filesystem::path& png) const;
    // The button under a point of the full-size screen, for tests and touch handling.
    [[nodiscard]] std::optional<std::string> action_at(int x, int y) const;

private:
    struct Impl;
    explicit FrontEnd(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace hk::ui
