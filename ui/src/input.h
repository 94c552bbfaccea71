// What a touch, click or key means on the screen being shown. The rules are pure (view + layout -> action);
// only translate() knows SDL events.
#pragma once

#include <SDL.h>

#include <optional>
#include <string>

#include "focus.h"
#include "layout.h"
#include "ui/front_end.h"
#include "ui/view_model.h"

namespace hk::ui {

// The enabled button or toolbar button under a full-size screen point.
std::optional<std::string> action_at_point(const ViewModel& view, const ScreenLayout& layout, int x, int y);
// The enabled button that number key `n` (1-9) taps: the n-th enabled button shown.
std::optional<std::string> action_for_number(const ViewModel& view, const ScreenLayout& layout, int n);
// The enabled "back" button, for Escape.
std::optional<std::string> back_action(const ViewModel& view, const ScreenLayout& layout);
// The enabled "back" button, else the enabled "cancel" one.
std::optional<std::string> back_or_cancel_action(const ViewModel& view, const ScreenLayout& layout);
// The first enabled primary button, for Return.
std::optional<std::string> primary_action(const ViewModel& view, const ScreenLayout& layout);
// The enabled button shown with exactly `action`.
std::optional<std::string> shown_action(const ViewModel& view, const ScreenLayout& layout,
                                        const std::string& action);

// How pointer positions reach the full-size screen: through a scaled window, or directly when headless.
struct PointerSpace {
    Size screen;
    std::optional<Size> window;
};

// What the keypad and the help panel remember between events; the front end keeps it.
struct Interaction {
    std::optional<Focus> focus;
    bool help_open = false;
    // Audio outputs SDL announces when its audio starts are not headsets being plugged in: device indexes
    // below this are the ones that were there at start-up.
    int outputs_at_start = 0;
};

// The input an SDL event stands for on this screen, if any, updating `state` (focus, help). A tap outside
// every enabled button is no input.
std::optional<Input> translate(const SDL_Event& event, const ViewModel& view, const ScreenLayout& layout,
                               const PointerSpace& pointer, Interaction& state);

}  // namespace hk::ui
