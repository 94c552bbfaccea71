#include "input.h"

#include <cmath>

namespace hk::ui {
namespace {

constexpr char kBackAction[] = "back";

std::optional<std::string> first_action(const ViewModel& view, const ScreenLayout& layout, auto matches) {
    for (const ButtonBox& box : layout.buttons) {
        const Button& button = view.buttons[box.index];
        if (button.enabled && matches(button, box)) return button.action;
    }
    return std::nullopt;
}

std::optional<Input> tap_or_nothing(std::optional<std::string> action) {
    if (!action) return std::nullopt;
    return Tap{std::move(*action)};
}

std::pair<int, int> pointer_to_screen(int x, int y, const PointerSpace& pointer) {
    if (!pointer.window) return {x, y};
    return window_to_screen(x, y, pointer.screen, *pointer.window);
}

int number_of_key(SDL_Keycode key) {
    if (key >= SDLK_1 && key <= SDLK_9) return key - SDLK_1 + 1;
    if (key >= SDLK_KP_1 && key <= SDLK_KP_9) return key - SDLK_KP_1 + 1;
    return 0;
}

std::optional<Input> translate_key(SDL_Keycode key, const ViewModel& view, const ScreenLayout& layout) {
    std::optional<std::string> action;
    if (const int n = number_of_key(key); n > 0) {
        action = action_for_number(view, layout, n);
    } else if (key == SDLK_ESCAPE) {
        action = back_action(view, layout);
    } else if (key == SDLK_RETURN || key == SDLK_KP_ENTER) {
        action = primary_action(view, layout);
    }
    if (action) return Tap{std::move(*action)};
    // No button behind the key: the kiosk may still want it (function keys drive the simulation).
    std::string name = SDL_GetKeyName(key);
    if (name.empty()) return std::nullopt;
    return KeyPress{std::move(name)};
}

}  // namespace

std::optional<std::string> action_at_point(const ViewModel& view, const ScreenLayout& layout, int x, int y) {
    const std::optional<std::size_t> index = button_at(layout, x, y);
    if (!index || !view.buttons[*index].enabled) return std::nullopt;
    return view.buttons[*index].action;
}

std::optional<std::string> action_for_number(const ViewModel& view, const ScreenLayout& layout, int n) {
    return first_action(view, layout,
                        [n](const Button&, const ButtonBox& box) { return box.key_number == n; });
}

std::optional<std::string> back_action(const ViewModel& view, const ScreenLayout& layout) {
    return first_action(view, layout,
                        [](const Button& b, const ButtonBox&) { return b.action == kBackAction; });
}

std::optional<std::string> primary_action(const ViewModel& view, const ScreenLayout& layout) {
    return first_action(view, layout, [](const Button& b, const ButtonBox&) { return b.primary; });
}

std::optional<Input> translate(const SDL_Event& event, const ViewModel& view, const ScreenLayout& layout,
                               const PointerSpace& pointer) {
    switch (event.type) {
        case SDL_QUIT:
            return QuitRequested{};
        case SDL_MOUSEBUTTONUP: {
            if (event.button.which == SDL_TOUCH_MOUSEID) return std::nullopt;  // already seen as SDL_FINGERUP
            const auto [x, y] = pointer_to_screen(event.button.x, event.button.y, pointer);
            return tap_or_nothing(action_at_point(view, layout, x, y));
        }
        case SDL_FINGERUP: {
            // Finger positions are normalised to the window (or, headless, to the screen).
            const Size space = pointer.window.value_or(pointer.screen);
            const auto wx = static_cast<int>(std::floor(event.tfinger.x * static_cast<float>(space.w)));
            const auto wy = static_cast<int>(std::floor(event.tfinger.y * static_cast<float>(space.h)));
            const auto [x, y] = pointer_to_screen(wx, wy, pointer);
            return tap_or_nothing(action_at_point(view, layout, x, y));
        }
        case SDL_KEYDOWN:
            if (event.key.repeat != 0) return std::nullopt;  // a held key taps once
            return translate_key(event.key.keysym.sym, view, layout);
        default:
            return std::nullopt;
    }
}

}  // namespace hk::ui
