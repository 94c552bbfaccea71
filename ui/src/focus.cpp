#include "focus.h"

#include <algorithm>

namespace hk::ui {

std::vector<Focus> focus_order(const ViewModel& view, const ScreenLayout& layout) {
    std::vector<Focus> order;
    for (const ButtonBox& box : layout.buttons) {
        if (view.buttons[box.index].enabled) order.push_back({box.index, false});
    }
    for (const ButtonBox& box : layout.toolbar) {
        if (view.toolbar[box.index].enabled) order.push_back({box.index, true});
    }
    return order;
}

std::optional<Focus> initial_focus(const ViewModel& view, const ScreenLayout& layout) {
    std::optional<Focus> first;
    for (const ButtonBox& box : layout.buttons) {
        const Button& button = view.buttons[box.index];
        if (!button.enabled) continue;
        if (button.primary) return Focus{box.index, false};
        if (!first) first = Focus{box.index, false};
    }
    return first;
}

std::optional<Focus> keep_focus(const ViewModel& view, const ScreenLayout& layout,
                                std::optional<Focus> current) {
    if (current) {
        const std::vector<Focus> order = focus_order(view, layout);
        if (std::ranges::find(order, *current) != order.end()) return current;
    }
    return initial_focus(view, layout);
}

std::optional<Focus> move_focus(const ViewModel& view, const ScreenLayout& layout,
                                std::optional<Focus> current, int step) {
    const std::vector<Focus> order = focus_order(view, layout);
    if (order.empty()) return std::nullopt;
    const auto n = static_cast<long>(order.size());
    const auto at = current ? std::ranges::find(order, *current) : order.end();
    if (at == order.end()) return step >= 0 ? order.front() : order.back();
    const long here = at - order.begin();
    return order[static_cast<std::size_t>(((here + step) % n + n) % n)];
}

const Button* focused(const ViewModel& view, const Focus& focus) {
    const std::vector<Button>& buttons = focus.in_toolbar ? view.toolbar : view.buttons;
    return focus.index < buttons.size() ? &buttons[focus.index] : nullptr;
}

std::optional<Rect> focus_rect(const ScreenLayout& layout, const Focus& focus) {
    const std::vector<ButtonBox>& boxes = focus.in_toolbar ? layout.toolbar : layout.buttons;
    for (const ButtonBox& box : boxes) {
        if (box.index == focus.index) return box.rect;
    }
    return std::nullopt;
}

}  // namespace hk::ui
