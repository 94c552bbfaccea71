// The front end end to end, headless: SDL's dummy video driver, the software renderer and the real Noto CJK
// font.
#include "ui/front_end.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "front_end_fixture.h"
#include "layout.h"
#include "sample_views.h"
#include "theme.h"

namespace hk::ui {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::VariantWith;

ViewModel trilingual() {
    ViewModel v;
    v.screen = "choose_language";
    v.title = "请选择语言";
    v.lines = {"한국어로 안내를 받으시려면 아래 버튼을 누르세요.",
               "Touch English for instructions in English."};
    v.buttons = {{"lang:zh-CN", "中文", true, true}, {"lang:ko", "한국어"}, {"lang:en", "English"}};
    v.footer = "HuKiosk";
    return v;
}

TEST_F(UiFrontEnd, RendersAFullSizePngWithChineseKoreanAndEnglishText) {
    const ViewModel view = trilingual();
    front_->render(view);
    const Image image = screenshot("trilingual");
    ASSERT_EQ(image.w, 1080);
    ASSERT_EQ(image.h, 1920);

    const ScreenLayout l = lay_out(view, {1080, 1920});
    const Colour background = palette_for(view.tone).background;
    const Rect title_line{l.title.rect.x, l.title.rect.y, l.title.rect.w, line_height(l.title.px)};
    EXPECT_GT(image.count_not(background, title_line), 2000) << "title glyphs";
    EXPECT_EQ(image.count_not(background, {0, title_line.y, l.margin / 2, title_line.h}), 0) << "left margin";
    const Rect& korean = l.lines.at(0).text.rect;
    EXPECT_GT(image.count_not(background, {korean.x, korean.y, korean.w, line_height(l.lines[0].text.px)}),
              1000);
    const Rect& primary = l.buttons.at(0).rect;
    EXPECT_EQ(image.at(primary.x + 8, primary.y + primary.h / 2), palette_for(view.tone).accent) << "filled";
    const Rect& secondary = l.buttons.at(1).rect;
    EXPECT_EQ(image.at(secondary.x + secondary.w / 2, secondary.y + 2), palette_for(view.tone).accent)
        << "outline";
    EXPECT_EQ(image.at(secondary.x + 30, secondary.y + 30), palette_for(view.tone).surface) << "hollow";
}

TEST_F(UiFrontEnd, DifferentViewsGiveDifferentPixelsAndTheSameViewTheSamePixels) {
    front_->render(samples::attract_zh());
    const Image attract = screenshot("attract");
    front_->render(samples::card_error_ko());
    const Image error = screenshot("error");
    front_->render(samples::attract_zh());
    const Image attract_again = screenshot("attract-again");
    EXPECT_NE(attract.pixels, error.pixels);
    EXPECT_EQ(attract.pixels, attract_again.pixels);
    EXPECT_EQ(error.at(500, 5), palette_for(Tone::Error).accent) << "the tone band";
    EXPECT_EQ(error.at(5, 600), palette_for(Tone::Error).background);
}

TEST_F(UiFrontEnd, ActionAtFindsButtonsAtTheirCentreAndNothingInTheMargins) {
    const ViewModel view = samples::services_en();
    EXPECT_EQ(front_->action_at(540, 1800), std::nullopt) << "nothing rendered yet";
    front_->render(view);
    const ScreenLayout l = lay_out(view, {1080, 1920});
    ASSERT_EQ(l.buttons.size(), view.buttons.size());
    for (const ButtonBox& b : l.buttons) {
        const int cy = b.rect.y + b.rect.h / 2;
        EXPECT_EQ(front_->action_at(b.rect.x + b.rect.w / 2, cy), view.buttons[b.index].action);
        EXPECT_EQ(front_->action_at(l.margin / 2, cy), std::nullopt);
        EXPECT_EQ(front_->action_at(1080 - l.margin / 2, cy), std::nullopt);
    }
    EXPECT_EQ(front_->action_at(540, l.title.rect.y + 10), std::nullopt);
}

TEST_F(UiFrontEnd, AClickOnAButtonTapsIt) {
    const ViewModel view = samples::services_en();
    front_->render(view);
    const Rect r = lay_out(view, {1080, 1920}).buttons.at(2).rect;
    push_click(r.x + r.w / 2, r.y + r.h / 2);
    push_click(10, 10);  // on no button: nothing
    EXPECT_THAT(front_->poll_input(), ElementsAre(IsTap("service:household_book")));
    EXPECT_THAT(front_->poll_input(), IsEmpty());
}

TEST_F(UiFrontEnd, AFingerLiftedOnAButtonTapsItOnce) {
    const ViewModel view = samples::card_error_ko();
    front_->render(view);
    const Rect r = lay_out(view, {1080, 1920}).buttons.at(1).rect;
    SDL_Event e{};
    e.type = SDL_FINGERUP;
    const int cx = r.x + r.w / 2;
    const int cy = r.y + r.h / 2;
    e.tfinger.x = static_cast<float>(cx) / 1080.0f;
    e.tfinger.y = static_cast<float>(cy) / 1920.0f;
    push(e);
    SDL_Event synthesised{};  // what SDL adds for the same touch; it must not tap a second time
    synthesised.type = SDL_MOUSEBUTTONUP;
    synthesised.button.which = SDL_TOUCH_MOUSEID;
    synthesised.button.x = cx;
    synthesised.button.y = cy;
    push(synthesised);
    EXPECT_THAT(front_->poll_input(), ElementsAre(IsTap("back")));
}

TEST_F(UiFrontEnd, NumberKeysTapTheNthEnabledButton) {
    ViewModel view = samples::services_en();
    view.buttons[0].enabled = false;
    front_->render(view);
    push_key(SDLK_1);
    push_key(SDLK_KP_2);
    push_key(SDLK_9);  // only five enabled buttons
    EXPECT_THAT(front_->poll_input(), ElementsAre(IsTap("service:registration_certificate"),
                                                  IsTap("service:household_book"), IsKey("9")));
}

TEST_F(UiFrontEnd, EscapeTapsBackWhenTheScreenHasIt) {
    front_->render(samples::services_en());
    push_key(SDLK_ESCAPE);
    EXPECT_THAT(front_->poll_input(), ElementsAre(IsTap("back")));

    front_->render(samples::attract_zh());
    push_key(SDLK_ESCAPE);
    EXPECT_THAT(front_->poll_input(), ElementsAre(IsKey("Escape")));
}

TEST_F(UiFrontEnd, ReturnTapsThePrimaryButton) {
    front_->render(samples::card_error_ko());
    push_key(SDLK_RETURN);
    EXPECT_THAT(front_->poll_input(), ElementsAre(IsTap("retry")));
}

TEST_F(UiFrontEnd, OtherKeysArePassedOnByName) {
    front_->render(samples::attract_zh());
    push_key(SDLK_F1);
    push_key(SDLK_F1, /*repeat=*/true);  // held down: once
    push_key(SDLK_a);
    EXPECT_THAT(front_->poll_input(), ElementsAre(IsKey("F1"), IsKey("A")));
}

TEST_F(UiFrontEnd, DisabledButtonsCannotBeTapped) {
    const ViewModel view = samples::scanning_landscape_zh();
    open(headless(1920, 1080));
    front_->render(view);
    const ScreenLayout l = lay_out(view, {1920, 1080});
    const Rect& finish = l.buttons.at(1).rect;  // disabled
    ASSERT_FALSE(view.buttons[1].enabled);
    EXPECT_EQ(front_->action_at(finish.x + finish.w / 2, finish.y + finish.h / 2), std::nullopt);
    push_click(finish.x + finish.w / 2, finish.y + finish.h / 2);
    push_key(SDLK_2);  // the second *enabled* button
    EXPECT_THAT(front_->poll_input(), ElementsAre(IsTap("rescan")));
}

TEST_F(UiFrontEnd, QuitIsReported) {
    SDL_Event e{};
    e.type = SDL_QUIT;
    push(e);
    EXPECT_THAT(front_->poll_input(), ElementsAre(VariantWith<QuitRequested>(::testing::_)));
}

TEST_F(UiFrontEnd, AnOverloadedScreenRendersAndEveryShownButtonWorks) {
    for (const Size size : {Size{1080, 1920}, Size{1920, 1080}}) {
        open(headless(size.w, size.h));
        ViewModel view = samples::overloaded();
        view.countdown_seconds.reset();  // with these too, some buttons cannot fit on a landscape screen
        view.progress.reset();
        front_->render(view);
        front_->render(samples::overloaded());
        front_->render(view);
        const Image image = screenshot("overloaded");
        EXPECT_EQ(image.w, size.w);
        EXPECT_EQ(image.h, size.h);
        const ScreenLayout l = lay_out(view, size);
        ASSERT_EQ(l.buttons.size(), 12u);
        for (const ButtonBox& b : l.buttons) {
            const std::optional<std::string> expected =
                view.buttons[b.index].enabled ? std::optional(view.buttons[b.index].action) : std::nullopt;
            EXPECT_EQ(front_->action_at(b.rect.x + b.rect.w / 2, b.rect.y + b.rect.h / 2), expected);
        }
    }
}

TEST_F(UiFrontEnd, EverySampleScreenRenders) {
    // HUKIOSK_UI_SAMPLES_DIR=/some/dir keeps the PNGs for people to look at, then in every theme, text size
    // and orientation too.
    const char* keep = std::getenv("HUKIOSK_UI_SAMPLES_DIR");
    for (const samples::Sample& s : keep != nullptr ? samples::every_presentation() : samples::all()) {
        std::string file = s.name;
        std::ranges::replace(file, '/', '-');
        open(headless(s.width, s.height));
        front_->render(s.view);
        const Image image = screenshot(file);
        EXPECT_EQ(image.w, s.width) << s.name;
        if (keep != nullptr) {
            fs::create_directories(keep);
            ASSERT_TRUE(front_->save_screenshot(fs::path(keep) / (file + ".png")));
        }
    }
}

TEST_F(UiFrontEnd, AWindowShowsTheSamePixelsAndMapsClicksThroughItsScale) {
    // SDL's dummy driver also makes (invisible) windows, so the display path runs here too.
    const ViewModel view = samples::services_en();
    front_->render(view);
    const Image headless_image = screenshot("headless");

    FrontEndOptions windowed = headless();
    windowed.headless = false;
    windowed.window_scale = 0.5f;
    open(windowed);
    front_->render(view);
    const Image windowed_image = screenshot("windowed");
    EXPECT_EQ(headless_image.pixels, windowed_image.pixels);

    const Rect r = lay_out(view, {1080, 1920}).buttons.at(3).rect;
    push_click((r.x + r.w / 2) / 2, (r.y + r.h / 2) / 2);
    EXPECT_THAT(front_->poll_input(), ElementsAre(IsTap("service:newborn_entry")));
}

TEST(UiFrontEndOpen, AMissingFontIsAnErrorNotACrash) {
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    FrontEndOptions options = headless();
    options.font_path = "/nonexistent/NoSuchFont.ttc";
    const auto opened = FrontEnd::open(options);
    ASSERT_FALSE(opened);
    EXPECT_THAT(opened.error(), HasSubstr("/nonexistent/NoSuchFont.ttc"));

    options = headless();
    options.font_face_index = 99;
    const auto bad_face = FrontEnd::open(options);
    ASSERT_FALSE(bad_face);
    EXPECT_THAT(bad_face.error(), HasSubstr("face 99"));

    EXPECT_TRUE(FrontEnd::open(headless())) << "SDL starts again after failed opens";
}

TEST(UiFrontEndOpen, AnImpossibleScreenSizeIsAnError) {
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    const auto opened = FrontEnd::open(headless(0, 1920));
    ASSERT_FALSE(opened);
    EXPECT_THAT(opened.error(), HasSubstr("0x1920"));
}

TEST(UiFrontEndOpen, ScreenshotsFailCleanlyOnAnUnwritablePath) {
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    auto opened = FrontEnd::open(headless());
    ASSERT_TRUE(opened) << opened.error();
    (*opened)->render(samples::attract_zh());
    const auto saved = (*opened)->save_screenshot("/nonexistent/dir/shot.png");
    ASSERT_FALSE(saved);
    EXPECT_THAT(saved.error(), HasSubstr("/nonexistent/dir/shot.png"));
}

}  // namespace
}  // namespace hk::ui
