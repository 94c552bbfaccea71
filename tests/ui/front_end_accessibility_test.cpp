// The front end for citizens who need more, end to end and headless: the high-contrast theme, the keypad's
// focus ring, help, the toolbar, the entry box, the spinner and headsets.
#include <SDL.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "front_end_fixture.h"
#include "layout.h"
#include "sample_views.h"
#include "theme.h"
#include "ui/front_end.h"

namespace hk::ui {
namespace {

using ::testing::ElementsAre;
using ::testing::VariantWith;

TEST_F(UiFrontEnd, HighContrastPaintsWhiteOnBlack) {
    ViewModel view = samples::with_toolbar(samples::services_en());
    view.presentation.high_contrast = true;
    front_->render(view);
    const Image image = screenshot("contrast");
    const Palette p = palette_for(view.tone, view.presentation);
    EXPECT_EQ(image.at(5, 600), (Colour{0, 0, 0})) << "the background";
    const ScreenLayout l = lay_out(view, {1080, 1920});
    const Rect& title = l.title.rect;
    int white = 0;
    for (int y = title.y; y < title.bottom(); ++y) {
        for (int x = title.x; x < title.right(); ++x) white += image.at(x, y) == p.text ? 1 : 0;
    }
    EXPECT_GT(white, 500) << "white title glyphs";
}

TEST_F(UiFrontEnd, TheFocusRingIsDrawnAroundTheFocusedButtonInEveryTheme) {
    for (const bool contrast : {false, true}) {
        ViewModel view = samples::with_toolbar(samples::card_error_ko());
        view.presentation.high_contrast = contrast;
        front_->render(view);
        ASSERT_EQ(front_->focused_button(), 0u) << "the primary button";
        const ScreenLayout l = lay_out(view, {1080, 1920});
        const Colour ring = palette_for(view.tone, view.presentation).focus;
        const auto ring_left_of = [&](const Rect& r) {
            const Image image = screenshot(contrast ? "ring-contrast" : "ring");
            return image.at(r.x - l.focus_gap - l.focus_ring / 2, r.y + r.h / 2);
        };
        EXPECT_EQ(ring_left_of(l.buttons[0].rect), ring);
        EXPECT_NE(ring_left_of(l.buttons[1].rect), ring);

        push_key(SDLK_DOWN);
        EXPECT_THAT(front_->poll_input(), ElementsAre(VariantWith<FocusMoved>(::testing::AllOf(
                                              ::testing::Field(&FocusMoved::index, 1u),
                                              ::testing::Field(&FocusMoved::label, "처음으로")))));
        EXPECT_EQ(front_->focused_button(), 1u);
        EXPECT_EQ(ring_left_of(l.buttons[1].rect), ring) << "redrawn at once, though the view did not change";
        EXPECT_NE(ring_left_of(l.buttons[0].rect), ring);
        front_->render(samples::attract_zh());  // another screen between the themes resets focus
    }
}

TEST_F(UiFrontEnd, FocusStaysOnAScreenAndResetsOnTheNextOne) {
    ViewModel view = samples::with_toolbar(samples::services_en());
    front_->render(view);
    EXPECT_EQ(front_->focused_button(), 0u);
    push_key(SDLK_UP);  // back from the first button to the toolbar's last
    front_->poll_input();
    EXPECT_EQ(front_->focused_button(), std::nullopt);
    EXPECT_EQ(front_->focused_toolbar_button(), 6u);
    view.footer = "the same screen, updated";
    front_->render(view);
    EXPECT_EQ(front_->focused_toolbar_button(), 6u);
    push_key(SDLK_RETURN);
    EXPECT_THAT(front_->poll_input(), ElementsAre(VariantWith<HelpOpened>(::testing::_)))
        << "the toolbar's help";
    front_->render(samples::card_error_ko());
    EXPECT_EQ(front_->focused_button(), 0u);
    EXPECT_FALSE(front_->help_shown()) << "a new screen closes the help";
}

TEST_F(UiFrontEnd, AScriptedKeyIsHandledLikeTheKeypads) {
    ViewModel view = samples::with_toolbar(samples::services_en());
    front_->render(view);
    ASSERT_EQ(front_->focused_button(), 0u);
    ASSERT_TRUE(front_->press_key("Down"));
    EXPECT_THAT(front_->poll_input(), ElementsAre(VariantWith<FocusMoved>(::testing::_)));
    EXPECT_EQ(front_->focused_button(), 1u);
    ASSERT_TRUE(front_->press_key("Return"));
    EXPECT_THAT(front_->poll_input(), ElementsAre(VariantWith<Tap>(::testing::_)));
    const auto unknown = front_->press_key("Not A Key");
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().find("Not A Key"), std::string::npos);
}

TEST_F(UiFrontEnd, TheFocusRingFollowsOntoTheToolbar) {
    ViewModel view = samples::with_toolbar(samples::services_en());
    view.presentation.high_contrast = true;
    front_->render(view);
    push_key(SDLK_LEFT);  // from the first button back to the toolbar's last, "help"
    front_->poll_input();
    ASSERT_EQ(front_->focused_toolbar_button(), 6u);
    const ScreenLayout l = lay_out(view, {1080, 1920});
    const Rect& help = l.toolbar.at(6).rect;
    const Image image = screenshot("toolbar-ring");
    const Palette p = palette_for(view.tone, view.presentation);
    EXPECT_EQ(image.at(help.x - l.focus_gap - l.focus_ring / 2, help.y + help.h / 2), p.focus);
    EXPECT_EQ(image.at(help.x + help.w / 2, help.y - l.focus_gap - l.focus_ring / 2), p.focus);
    const Rect& primary_free = l.buttons.at(0).rect;  // services has no primary: the first was focused
    EXPECT_NE(image.at(primary_free.x - l.focus_gap - l.focus_ring / 2, primary_free.y + primary_free.h / 2),
              p.focus);
}

TEST_F(UiFrontEnd, HighContrastPrimaryButtonsAreBlackOnYellow) {
    ViewModel view = samples::card_error_ko();
    view.presentation.high_contrast = true;
    front_->render(view);
    const Image image = screenshot("contrast-primary");
    const Rect primary = lay_out(view, {1080, 1920}).buttons.at(0).rect;
    const Palette p = palette_for(view.tone, view.presentation);
    EXPECT_EQ(image.at(primary.x + 8, primary.y + primary.h / 2), p.accent);
    int black = 0;
    for (int x = primary.x; x < primary.right(); ++x)
        black += image.at(x, primary.y + primary.h / 2) == p.on_accent;
    EXPECT_GT(black, 10) << "a black label across the middle";
}

TEST_F(UiFrontEnd, HelpCoversTheScreenAndSwallowsTheNextInput) {
    const ViewModel view = samples::with_toolbar(samples::services_en());
    front_->render(view);
    const Image before = screenshot("before-help");
    push_key(SDLK_F10);
    EXPECT_THAT(front_->poll_input(), ElementsAre(VariantWith<HelpOpened>(::testing::_)));
    EXPECT_TRUE(front_->help_shown());
    const Image with_help = screenshot("help");
    EXPECT_NE(before.pixels, with_help.pixels);
    const HelpLayout help = lay_out_help(view, {1080, 1920});
    const Palette p = palette_for(view.tone, view.presentation);
    EXPECT_EQ(with_help.at(help.panel.x + help.panel.w / 2, help.panel.bottom() - 10), p.surface)
        << "the panel";
    EXPECT_NE(with_help.at(5, 600), p.background) << "the screen behind is dimmed";

    const Rect first = lay_out(view, {1080, 1920}).buttons.at(0).rect;
    push_click(first.x + first.w / 2, first.y + first.h / 2);
    push_key(SDLK_2);
    EXPECT_THAT(front_->poll_input(), ElementsAre(IsTap("service:registration_certificate")))
        << "the click only closed the help";
    EXPECT_FALSE(front_->help_shown());
    EXPECT_EQ(screenshot("after-help").pixels, before.pixels);
}

TEST_F(UiFrontEnd, ToolbarButtonsAreTappableAndDrawnUnlikeTheScreensOwn) {
    ViewModel view = samples::with_toolbar(samples::services_en());
    view.toolbar[1].enabled = false;
    front_->render(view);
    const ScreenLayout l = lay_out(view, {1080, 1920});
    ASSERT_EQ(l.toolbar.size(), view.toolbar.size());
    const Rect& contrast = l.toolbar[4].rect;
    const Rect& english = l.toolbar[1].rect;
    push_click(contrast.x + contrast.w / 2, contrast.y + contrast.h / 2);
    push_click(english.x + english.w / 2, english.y + english.h / 2);
    EXPECT_THAT(front_->poll_input(), ElementsAre(IsTap("a11y:contrast")));
    EXPECT_EQ(front_->action_at(contrast.x + 5 + contrast.h / 2, contrast.y + contrast.h / 2),
              "a11y:contrast");

    const Image image = screenshot("toolbar");
    const Palette p = palette_for(view.tone);
    EXPECT_EQ(image.at(contrast.x + contrast.w / 2, contrast.y + 5), p.toolbar_fill);
    EXPECT_EQ(image.at(english.x + english.w / 2, english.y + 5), p.disabled_fill);
}

TEST_F(UiFrontEnd, AMaskedEntryShowsAsManyDotsWhateverTheDigits) {
    ViewModel view = samples::tracking_keypad_en();
    const ScreenLayout l = lay_out(view, {1080, 1920});
    ASSERT_TRUE(l.entry_box);
    const auto entry_pixels = [&](const std::string& entry, bool masked) {
        view.entry = entry;
        view.entry_masked = masked;
        front_->render(view);
        const Image image = screenshot("entry");
        std::vector<Colour> pixels;
        for (int y = l.entry_box->y; y < l.entry_box->bottom(); ++y) {
            for (int x = l.entry_box->x; x < l.entry_box->right(); ++x) pixels.push_back(image.at(x, y));
        }
        return pixels;
    };
    EXPECT_NE(entry_pixels("1234", false), entry_pixels("5678", false)) << "digits are shown";
    EXPECT_EQ(entry_pixels("1234", true), entry_pixels("5678", true)) << "a secret is not";
    EXPECT_NE(entry_pixels("1234", true), entry_pixels("12345", true)) << "its length is";
    EXPECT_NE(entry_pixels("1234", true), entry_pixels("", true));
}

TEST_F(UiFrontEnd, DigitsTypeOnAnEntryScreen) {
    front_->render(samples::tracking_keypad_en());
    push_key(SDLK_0);
    push_key(SDLK_KP_7);
    push_key(SDLK_BACKSPACE);
    push_key(SDLK_RETURN);
    EXPECT_THAT(front_->poll_input(),
                ElementsAre(IsTap("digit:0"), IsTap("digit:7"), IsTap("erase"), IsTap("submit")));
}

TEST_F(UiFrontEnd, TheSpinnerTurnsWithoutANewView) {
    open(headless(1920, 1080));
    const ViewModel view = samples::issuing_zh();
    front_->render(view);
    const Image first = screenshot("spinner-0");
    const Rect spinner = *lay_out(view, {1920, 1080}).spinner;
    const auto changed_in_spinner = [&](const Image& later) {
        int changed = 0;
        for (int y = spinner.y; y < spinner.bottom(); ++y) {
            for (int x = spinner.x; x < spinner.right(); ++x)
                changed += first.at(x, y) == later.at(x, y) ? 0 : 1;
        }
        return changed;
    };
    // Polled like the kiosk's loop does; a slow machine may land on a whole turn once, never every time.
    Image later;
    int changed = 0;
    for (int attempt = 0; attempt < 5 && changed == 0; ++attempt) {
        SDL_Delay(120);
        front_->poll_input();
        later = screenshot("spinner-1");
        changed = changed_in_spinner(later);
    }
    EXPECT_GT(changed, 0) << "the spinner moved on";
    int elsewhere = 0;
    for (std::size_t i = 0; i < first.pixels.size(); ++i)
        elsewhere += first.pixels[i] == later.pixels[i] ? 0 : 1;
    EXPECT_EQ(elsewhere, changed) << "and nothing else was redrawn differently";
}

TEST_F(UiFrontEnd, AnAudioOutputPluggedInLaterIsAHeadset) {
    SDL_Event e{};
    e.type = SDL_AUDIODEVICEADDED;
    e.adevice.which = 0;  // SDL audio is not started here, so no output was there at start-up
    e.adevice.iscapture = 0;
    push(e);
    EXPECT_THAT(front_->poll_input(), ElementsAre(VariantWith<HeadsetPlugged>(::testing::_)));
}

}  // namespace
}  // namespace hk::ui
