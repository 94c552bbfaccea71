#include "input.h"

#include <cmath>

namespace hk::ui {
namespace {

constexpr char kBackAction[] = "back";
constexpr char kCancelAction[] = "cancel";
constexpr char kEraseAction[] = "erase";
constexpr char kDigitPrefix[] = "digit:";
constexpr char kHelpAction[] = "help";  // the toolbar's help opens the panel here, like F10
constexpr char kSpeechAction[] = "a11y:speech";
constexpr char kVolumeUpAction[] = "a11y:volume_up";
constexpr char kVolumeDownAction[] = "a11y:volume_down";

std::optional<std::string> first_action(const ViewModel& view, const ScreenLayout& layout, auto matches) {
    for (const ButtonBox& box : layout.buttons) {
        const Button& button = view.buttons[box.index];
        if (button.enabled && matches(button, box)) return button.action;
    }
    return std::nullopt;
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

// 0-9 for a digit key on either row or keypad; nullopt for any other key.
std::optional<int> digit_of_key(SDL_Keycode key) {
    if (key == SDLK_0 || key == SDLK_KP_0) return 0;
    if (const int n = number_of_key(key); n > 0) return n;
    return std::nullopt;
}

// Tapping a button: the help button opens the help panel instead of leaving the front end.
std::optional<Input> activate(std::optional<std::string> action, const ViewModel& view, Interaction& state) {
    if (!action) return std::nullopt;
    if (*action == kHelpAction) {
        if (view.help.empty()) return std::nullopt;
        state.help_open = true;
        return HelpOpened{};
    }
    return Tap{std::move(*action)};
}

std::optional<Input> move(const ViewModel& view, const ScreenLayout& layout, Interaction& state, int step) {
    const std::optional<Focus> next = move_focus(view, layout, state.focus, step);
    if (!next) return std::nullopt;
    state.focus = next;
    const Button* button = focused(view, *next);
    return FocusMoved{next->index, next->in_toolbar, button != nullptr ? button->label : std::string()};
}

std::optional<std::string> focused_action(const ViewModel& view, const ScreenLayout& layout,
                                          const Interaction& state) {
    if (!state.focus) return std::nullopt;
    const std::optional<Focus> still = keep_focus(view, layout, state.focus);
    if (still != state.focus) return std::nullopt;  // focus is on something no longer there
    const Button* button = focused(view, *state.focus);
    return button != nullptr ? std::optional(button->action) : std::nullopt;
}

std::optional<std::string> button_action_for_key(SDL_Keycode key, const ViewModel& view,
                                                 const ScreenLayout& layout, const Interaction& state) {
    if (view.entry) {
        // Typing: every digit is a digit, whatever number of buttons the keypad screen shows.
        if (const std::optional<int> digit = digit_of_key(key))
            return shown_action(view, layout, kDigitPrefix + std::to_string(*digit));
        if (key == SDLK_BACKSPACE) return shown_action(view, layout, kEraseAction);
    } else if (const int n = number_of_key(key); n > 0) {
        return action_for_number(view, layout, n);
    }
    switch (key) {
        case SDLK_ESCAPE:
        case SDLK_BACKSPACE:
            return back_or_cancel_action(view, layout);
        case SDLK_RETURN:
        case SDLK_KP_ENTER: {
            std::optional<std::string> action = focused_action(view, layout, state);
            return action ? action : primary_action(view, layout);
        }
        default:
            return std::nullopt;
    }
}

std::optional<Input> translate_key(SDL_Keycode key, const ViewModel& view, const ScreenLayout& layout,
                                   Interaction& state) {
    switch (key) {
        case SDLK_UP:
        case SDLK_LEFT:
            return move(view, layout, state, -1);
        case SDLK_DOWN:
        case SDLK_RIGHT:
            return move(view, layout, state, +1);
        case SDLK_F10:
            return activate(std::string(kHelpAction), view, state);
        case SDLK_F11:
            return Tap{kSpeechAction};
        case SDLK_F12:
            return RepeatRequested{};
        case SDLK_KP_PLUS:
            return Tap{kVolumeUpAction};
        case SDLK_KP_MINUS:
            return Tap{kVolumeDownAction};
        default:
            break;
    }
    if (auto action = button_action_for_key(key, view, layout, state))
        return activate(std::move(action), view, state);
    // No button behind the key: the kiosk may still want it (function keys drive the simulation).
    std::string name = SDL_GetKeyName(key);
    if (name.empty()) return std::nullopt;
    return KeyPress{std::move(name)};
}

std::optional<Input> tap_at(int x, int y, const ViewModel& view, const ScreenLayout& layout,
                            Interaction& state) {
    return activate(action_at_point(view, layout, x, y), view, state);
}

}  // namespace

std::optional<std::string> action_at_point(const ViewModel& view, const ScreenLayout& layout, int x, int y) {
    if (const std::optional<std::size_t> index = button_at(layout, x, y)) {
        if (!view.buttons[*index].enabled) return std::nullopt;
        return view.buttons[*index].action;
    }
    if (const std::optional<std::size_t> index = toolbar_button_at(layout, x, y)) {
        if (!view.toolbar[*index].enabled) return std::nullopt;
        return view.toolbar[*index].action;
    }
    return std::nullopt;
}

std::optional<std::string> action_for_number(const ViewModel& view, const ScreenLayout& layout, int n) {
    return first_action(view, layout,
                        [n](const Button&, const ButtonBox& box) { return box.key_number == n; });
}

std::optional<std::string> back_action(const ViewModel& view, const ScreenLayout& layout) {
    return shown_action(view, layout, kBackAction);
}

std::optional<std::string> back_or_cancel_action(const ViewModel& view, const ScreenLayout& layout) {
    std::optional<std::string> back = back_action(view, layout);
    return back ? back : shown_action(view, layout, kCancelAction);
}

std::optional<std::string> primary_action(const ViewModel& view, const ScreenLayout& layout) {
    return first_action(view, layout, [](const Button& b, const ButtonBox&) { return b.primary; });
}

std::optional<std::string> shown_action(const ViewModel& view, const ScreenLayout& layout,
                                        const std::string& action) {
    return first_action(view, layout,
                        [&action](const Button& b, const ButtonBox&) { return b.action == action; });
}

std::optional<Input> translate(const SDL_Event& event, const ViewModel& view, const ScreenLayout& layout,
                               const PointerSpace& pointer, Interaction& state) {
    if (event.type == SDL_QUIT) return QuitRequested{};
    if (event.type == SDL_AUDIODEVICEADDED) {
        const bool new_output =
            event.adevice.iscapture == 0 && static_cast<int>(event.adevice.which) >= state.outputs_at_start;
        if (new_output) return HeadsetPlugged{};
        return std::nullopt;
    }
    const bool citizen_input = event.type == SDL_KEYDOWN || event.type == SDL_FINGERUP ||
                               (event.type == SDL_MOUSEBUTTONUP && event.button.which != SDL_TOUCH_MOUSEID);
    if (state.help_open) {
        // Whatever the citizen does next only closes the help: a tap meant for the panel must not press a
        // button hidden behind it.
        if (citizen_input && !(event.type == SDL_KEYDOWN && event.key.repeat != 0)) state.help_open = false;
        return std::nullopt;
    }
    switch (event.type) {
        case SDL_MOUSEBUTTONUP: {
            if (event.button.which == SDL_TOUCH_MOUSEID) return std::nullopt;  // already seen as SDL_FINGERUP
            const auto [x, y] = pointer_to_screen(event.button.x, event.button.y, pointer);
            return tap_at(x, y, view, layout, state);
        }
        case SDL_FINGERUP: {
            // Finger positions are normalised to the window (or, headless, to the screen).
            const Size space = pointer.window.value_or(pointer.screen);
            const auto wx = static_cast<int>(std::floor(event.tfinger.x * static_cast<float>(space.w)));
            const auto wy = static_cast<int>(std::floor(event.tfinger.y * static_cast<float>(space.h)));
            const auto [x, y] = pointer_to_screen(wx, wy, pointer);
            return tap_at(x, y, view, layout, state);
        }
        case SDL_KEYDOWN:
            if (event.key.repeat != 0) return std::nullopt;  // a held key taps once
            return translate_key(event.key.keysym.sym, view, layout, state);
        default:
            return std::nullopt;
    }
}

}  // namespace hk::ui
