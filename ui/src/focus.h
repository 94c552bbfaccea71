// Which button the tactile keypad is on. A citizen who cannot see or touch the screen moves through the
// enabled buttons with the arrow keys (screen buttons first, then the toolbar, wrapping) and taps the focused
// one with Return. Pure: view + layout in, focus out.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "layout.h"
#include "ui/view_model.h"

namespace hk::ui {

struct Focus {
    std::size_t index = 0;  // into ViewModel::buttons, or ViewModel::toolbar when in_toolbar
    bool in_toolbar = false;
    friend bool operator==(const Focus&, const Focus&) = default;
};

// Every enabled button shown, in the order the arrow keys visit them.
std::vector<Focus> focus_order(const ViewModel& view, const ScreenLayout& layout);
// Where focus starts on a new screen: the first enabled primary button, else the first enabled screen button.
std::optional<Focus> initial_focus(const ViewModel& view, const ScreenLayout& layout);
// `current` when it is still an enabled button shown, else where a new screen starts.
std::optional<Focus> keep_focus(const ViewModel& view, const ScreenLayout& layout,
                                std::optional<Focus> current);
// One step forward (+1) or back (-1) through focus_order, wrapping; from nowhere, the first or the last.
std::optional<Focus> move_focus(const ViewModel& view, const ScreenLayout& layout,
                                std::optional<Focus> current, int step);
// The button focus is on.
const Button* focused(const ViewModel& view, const Focus& focus);
// Where focus is drawn.
std::optional<Rect> focus_rect(const ScreenLayout& layout, const Focus& focus);

}  // namespace hk::ui
