// The tactile keypad completes every flow with no touch: focus moves through the enabled buttons, Return taps
// the focused one, digits type on an entry screen, and help, speech, repeat and volume have keys of their
// own. Checked at the translate level with synthetic SDL events; no display needed.
#include <SDL.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "focus.h"
#include "input.h"
#include "input_printers.h"
#include "layout.h"
#include "sample_views.h"

namespace hk::ui {
namespace {

using ::testing::Field;
using ::testing::Optional;
using ::testing::VariantWith;

constexpr Size kPortrait{1080, 1920};

// One screen and what the keypad remembers on it, like the front end keeps them.
class Keypad {
  public:
    explicit Keypad(ViewModel view) : view_(std::move(view)), layout_(lay_out(view_, kPortrait)) {
        state_.focus = initial_focus(view_, layout_);
    }

    std::optional<Input> press(SDL_Keycode key) {
        SDL_Event e{};
        e.type = SDL_KEYDOWN;
        e.key.keysym.sym = key;
        return translate(e, view_, layout_, {kPortrait, std::nullopt}, state_);
    }
    std::optional<Input> tap(const Rect& r) {
        SDL_Event e{};
        e.type = SDL_MOUSEBUTTONUP;
        e.button.x = r.x + r.w / 2;
        e.button.y = r.y + r.h / 2;
        return translate(e, view_, layout_, {kPortrait, std::nullopt}, state_);
    }

    [[nodiscard]] const ViewModel& view() const { return view_; }
    [[nodiscard]] const ScreenLayout& layout() const { return layout_; }
    Interaction& state() { return state_; }

  private:
    ViewModel view_;
    ScreenLayout layout_;
    Interaction state_;
};

::testing::Matcher<const std::optional<Input>&> IsTap(const std::string& action) {
    return Optional(VariantWith<Tap>(Field(&Tap::action, action)));
}
::testing::Matcher<const std::optional<Input>&> IsKey(const std::string& key) {
    return Optional(VariantWith<KeyPress>(Field(&KeyPress::key, key)));
}
::testing::Matcher<const std::optional<Input>&> IsFocus(std::size_t index, bool in_toolbar,
                                                        const std::string& label) {
    return Optional(VariantWith<FocusMoved>(::testing::AllOf(Field(&FocusMoved::index, index),
                                                             Field(&FocusMoved::in_toolbar, in_toolbar),
                                                             Field(&FocusMoved::label, label))));
}

TEST(UiFocus, StartsOnThePrimaryButtonElseTheFirstEnabledOne) {
    const ViewModel error = samples::card_error_ko();
    EXPECT_EQ(initial_focus(error, lay_out(error, kPortrait)), (Focus{0, false}));
    ViewModel services = samples::services_en();
    services.buttons[0].enabled = false;
    EXPECT_EQ(initial_focus(services, lay_out(services, kPortrait)), (Focus{1, false}));
    const ViewModel keypad = samples::tracking_keypad_en();
    EXPECT_EQ(initial_focus(keypad, lay_out(keypad, kPortrait)), (Focus{11, false})) << "submit is primary";
    ViewModel none;
    none.toolbar = samples::session_toolbar();
    EXPECT_EQ(initial_focus(none, lay_out(none, kPortrait)), std::nullopt);
}

TEST(UiFocus, ArrowsVisitEnabledScreenButtonsThenTheToolbarAndWrap) {
    ViewModel v = samples::with_toolbar(samples::services_en());
    v.buttons[2].enabled = false;
    v.toolbar[1].enabled = false;
    Keypad k(v);
    EXPECT_THAT(k.press(SDLK_DOWN), IsFocus(1, false, "Registration certificate"));
    EXPECT_THAT(k.press(SDLK_RIGHT), IsFocus(3, false, "Newborn entry")) << "the disabled one is skipped";
    EXPECT_THAT(k.press(SDLK_DOWN), IsFocus(4, false, "Application progress"));
    EXPECT_THAT(k.press(SDLK_DOWN), IsFocus(5, false, "Back"));
    EXPECT_THAT(k.press(SDLK_DOWN), IsFocus(0, true, "中文")) << "then the toolbar";
    EXPECT_THAT(k.press(SDLK_DOWN), IsFocus(2, true, "한국어"));
    EXPECT_THAT(k.press(SDLK_UP), IsFocus(0, true, "中文"));
    EXPECT_THAT(k.press(SDLK_LEFT), IsFocus(5, false, "Back"));
    for (int i = 0; i < 5; ++i) k.press(SDLK_DOWN);
    EXPECT_THAT(k.press(SDLK_DOWN), IsFocus(6, true, "Help"));
    EXPECT_THAT(k.press(SDLK_DOWN), IsFocus(0, false, "Proof of family relationship")) << "wraps";
    EXPECT_THAT(k.press(SDLK_UP), IsFocus(6, true, "Help")) << "and back";
}

TEST(UiFocus, ReturnTapsTheFocusedButtonElseThePrimary) {
    Keypad k(samples::card_error_ko());
    EXPECT_THAT(k.press(SDLK_RETURN), IsTap("retry"));
    k.press(SDLK_DOWN);
    EXPECT_THAT(k.press(SDLK_KP_ENTER), IsTap("back"));
    k.state().focus.reset();
    EXPECT_THAT(k.press(SDLK_RETURN), IsTap("retry")) << "no focus: the primary";
}

TEST(UiFocus, ReturnOnAToolbarButtonTapsIt) {
    Keypad k(samples::with_toolbar(samples::card_error_ko()));
    k.press(SDLK_UP);  // from the first button back to the last toolbar button (help)
    k.press(SDLK_UP);  // "a11y:speech"
    EXPECT_THAT(k.press(SDLK_RETURN), IsTap("a11y:speech"));
}

TEST(UiKeys, EscapeAndBackspaceGoBackElseCancel) {
    Keypad back(samples::services_en());
    EXPECT_THAT(back.press(SDLK_ESCAPE), IsTap("back"));
    EXPECT_THAT(back.press(SDLK_BACKSPACE), IsTap("back"));
    Keypad cancel(samples::issuing_zh());
    EXPECT_THAT(cancel.press(SDLK_ESCAPE), IsTap("cancel"));
    EXPECT_THAT(cancel.press(SDLK_BACKSPACE), IsTap("cancel"));
    Keypad neither(samples::attract_zh());
    EXPECT_THAT(neither.press(SDLK_ESCAPE), IsKey("Escape"));
}

TEST(UiKeys, OnAnEntryScreenDigitsTypeAndBackspaceErases) {
    Keypad k(samples::tracking_keypad_en());
    EXPECT_THAT(k.press(SDLK_0), IsTap("digit:0"));
    EXPECT_THAT(k.press(SDLK_1), IsTap("digit:1")) << "not the first button's number";
    EXPECT_THAT(k.press(SDLK_KP_9), IsTap("digit:9"));
    EXPECT_THAT(k.press(SDLK_KP_0), IsTap("digit:0"));
    EXPECT_THAT(k.press(SDLK_BACKSPACE), IsTap("erase"));
    EXPECT_THAT(k.press(SDLK_ESCAPE), IsTap("back"));
    EXPECT_THAT(k.press(SDLK_RETURN), IsTap("submit"));
}

TEST(UiKeys, AnEntryScreenWithoutThatDigitPassesTheKeyOn) {
    ViewModel v = samples::tracking_keypad_en();
    std::erase_if(v.buttons, [](const Button& b) { return b.action == "digit:7"; });
    Keypad k(v);
    EXPECT_THAT(k.press(SDLK_7), IsKey("7"));
}

TEST(UiKeys, ElsewhereNumberKeysStillTapTheNthButton) {
    Keypad k(samples::services_en());
    EXPECT_THAT(k.press(SDLK_3), IsTap("service:household_book"));
    EXPECT_THAT(k.press(SDLK_0), IsKey("0"));
}

TEST(UiKeys, SpeechRepeatAndVolumeHaveKeysOfTheirOwn) {
    Keypad k(samples::services_en());
    EXPECT_THAT(k.press(SDLK_F11), IsTap("a11y:speech"));
    EXPECT_THAT(k.press(SDLK_F12), Optional(VariantWith<RepeatRequested>(::testing::_)));
    EXPECT_THAT(k.press(SDLK_KP_PLUS), IsTap("a11y:volume_up"));
    EXPECT_THAT(k.press(SDLK_KP_MINUS), IsTap("a11y:volume_down"));
    EXPECT_THAT(k.press(SDLK_F1), IsKey("F1")) << "the simulation's keys still come through";
    EXPECT_THAT(k.press(SDLK_F9), IsKey("F9"));
}

TEST(UiHelpKeys, F10OpensHelpAndTheNextKeyOnlyClosesIt) {
    Keypad k(samples::with_toolbar(samples::services_en()));
    EXPECT_THAT(k.press(SDLK_F10), Optional(VariantWith<HelpOpened>(::testing::_)));
    EXPECT_TRUE(k.state().help_open);
    EXPECT_EQ(k.press(SDLK_RETURN), std::nullopt) << "swallowed";
    EXPECT_FALSE(k.state().help_open);
    EXPECT_THAT(k.press(SDLK_RETURN), IsTap("service:proof_of_family_relationship"));
}

TEST(UiHelpKeys, ATapWhileHelpIsOpenOnlyClosesIt) {
    Keypad k(samples::with_toolbar(samples::services_en()));
    const Rect help = k.layout().toolbar.back().rect;
    EXPECT_THAT(k.tap(help), Optional(VariantWith<HelpOpened>(::testing::_))) << "the toolbar's help";
    const Rect first = k.layout().buttons.front().rect;
    EXPECT_EQ(k.tap(first), std::nullopt) << "the button behind the panel is not pressed";
    EXPECT_FALSE(k.state().help_open);
    EXPECT_THAT(k.tap(first), IsTap("service:proof_of_family_relationship"));
}

TEST(UiHelpKeys, NoHelpTextNoPanel) {
    Keypad k(samples::services_en());
    EXPECT_EQ(k.press(SDLK_F10), std::nullopt);
    EXPECT_FALSE(k.state().help_open);
}

TEST(UiToolbarInput, TapsOnEnabledToolbarButtonsOnly) {
    ViewModel v = samples::with_toolbar(samples::services_en());
    v.toolbar[0].enabled = false;
    Keypad k(v);
    EXPECT_EQ(k.tap(k.layout().toolbar[0].rect), std::nullopt);
    EXPECT_THAT(k.tap(k.layout().toolbar[3].rect), IsTap("a11y:large_text"));
    EXPECT_EQ(
        action_at_point(v, k.layout(), k.layout().toolbar[4].rect.x + 5, k.layout().toolbar[4].rect.y + 5),
        "a11y:contrast");
}

TEST(UiHeadset, AnOutputAddedAfterStartUpIsAHeadset) {
    Keypad k(samples::services_en());
    k.state().outputs_at_start = 2;
    SDL_Event e{};
    e.type = SDL_AUDIODEVICEADDED;
    e.adevice.which = 1;  // announced at start-up
    EXPECT_EQ(translate(e, k.view(), k.layout(), {kPortrait, std::nullopt}, k.state()), std::nullopt);
    e.adevice.which = 2;
    EXPECT_THAT(translate(e, k.view(), k.layout(), {kPortrait, std::nullopt}, k.state()),
                Optional(VariantWith<HeadsetPlugged>(::testing::_)));
    e.adevice.iscapture = 1;  // a microphone
    EXPECT_EQ(translate(e, k.view(), k.layout(), {kPortrait, std::nullopt}, k.state()), std::nullopt);
}

}  // namespace
}  // namespace hk::ui
