// The SDL2 front end: draws a ViewModel, turns touches, clicks and keys into user input, takes screenshots.
// It runs on the main thread only (SDL's rule). Headless mode uses SDL's dummy video driver with a software
// renderer, so screenshots work with no display at all.
#pragma once

#include <cstddef>
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
    int width = 1080;  // portrait kiosk screen
    int height = 1920;
    bool headless = false;
    float window_scale = 0.5f;  // on a desktop the window is shown scaled down; rendering stays full size
    std::filesystem::path font_path = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
    // Simplified Chinese face of the Noto CJK collection (covers Latin and Hangul too).
    int font_face_index = 2;
    double panel_dpi = 96.0;  // of the touch panel: every touch target is at least 9 mm both ways on it
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
// The keypad's arrows moved focus to another button (so the app can speak its label). `index` is into
// ViewModel::buttons, or ViewModel::toolbar when `in_toolbar`.
struct FocusMoved {
    std::size_t index = 0;
    bool in_toolbar = false;
    std::string label;
};
// The citizen asked for help (F10 or the toolbar's "help"): view.help is shown over the screen until the next
// key or tap.
struct HelpOpened {};
// The citizen asked to hear the screen again (F12).
struct RepeatRequested {};
// An audio output appeared after start-up: most likely a headset in the kiosk's jack.
struct HeadsetPlugged {};
using Input =
    std::variant<Tap, KeyPress, QuitRequested, FocusMoved, HelpOpened, RepeatRequested, HeadsetPlugged>;

class FrontEnd {
  public:
    static std::expected<std::unique_ptr<FrontEnd>, std::string> open(const FrontEndOptions& options);
    ~FrontEnd();
    FrontEnd(const FrontEnd&) = delete;
    FrontEnd& operator=(const FrontEnd&) = delete;

    // Draws `view`; an unchanged view is only presented again (or, on a busy screen, its spinner moved on).
    void render(const ViewModel& view);
    // Drains pending SDL input (non-blocking) and redraws what the input changed (focus, help) and the
    // spinner. Keys: arrows move focus through the enabled buttons (screen first, then toolbar, wrapping);
    // Return and keypad Enter tap the focused button (else the primary one); Escape taps "back", else
    // "cancel"; digits 1-9 tap the n-th enabled button, but on a screen with an entry 0-9 tap "digit:N" and
    // BackSpace "erase" (elsewhere BackSpace is Escape); F10 help, F11 "a11y:speech", F12 repeat, keypad +/-
    // "a11y:volume_up" and "a11y:volume_down". Other keys come out as KeyPress. While help is shown the next
    // key or tap only closes it.
    std::vector<Input> poll_input();
    // Saves what was last rendered as a PNG.
    std::expected<void, std::string> save_screenshot(const std::filesystem::path& png) const;
    // The button under a point of the full-size screen, for tests and touch handling.
    [[nodiscard]] std::optional<std::string> action_at(int x, int y) const;
    // The screen button (index into ViewModel::buttons) the keypad focus is on; nullopt when it is on the
    // toolbar or nowhere.
    [[nodiscard]] std::optional<std::size_t> focused_button() const;
    // The toolbar button (index into ViewModel::toolbar) the keypad focus is on.
    [[nodiscard]] std::optional<std::size_t> focused_toolbar_button() const;
    [[nodiscard]] bool help_shown() const;
    // Presses a key as the tactile keypad would (an SDL key name: "Down", "Return", "F11", "Keypad +"); the
    // next poll_input handles it like any other key. For scripted sessions and tests.
    std::expected<void, std::string> press_key(const std::string& key_name);

  private:
    struct Impl;
    explicit FrontEnd(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace hk::ui
