// The screen geometry, without SDL: where buttons go, how text gives way, how the window maps to the screen.
#include "layout.h"
#include "layout_metrics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <set>
#include <string>

#include "input.h"
#include "sample_views.h"
#include "theme.h"

namespace hk::ui {
namespace {

constexpr Size kPortrait{1080, 1920};
constexpr Size kLandscape{1920, 1080};

ViewModel with_buttons(int count, bool with_lines = true) {
    ViewModel v;
    v.title = "选择服务";
    if (with_lines) v.lines = {"One paragraph of body text.", "第二段。"};
    for (int i = 0; i < count; ++i)
        v.buttons.push_back({"a" + std::to_string(i), "Button " + std::to_string(i)});
    v.footer = "footer";
    return v;
}

// Pretends every wrapped text is enormous: the layout must still keep everything apart and on screen.
int huge_text(std::string_view text, int px, Weight, int wrap_width) {
    if (text.empty()) return 0;
    return wrap_width > 0 ? 5000 : line_height(px);
}

std::vector<Rect> text_rects(const ScreenLayout& l) {
    std::vector<Rect> rects;
    if (l.title.rect.h > 0) rects.push_back(l.title.rect);
    for (const LineBox& line : l.lines) rects.push_back(line.text.rect);
    if (l.progress) rects.push_back(*l.progress);
    if (l.countdown) rects.push_back(l.countdown->rect);
    if (l.footer) rects.push_back(l.footer->rect);
    return rects;
}

void expect_sound(const ScreenLayout& l, const std::string& what) {
    SCOPED_TRACE(what);
    for (std::size_t i = 0; i < l.buttons.size(); ++i) {
        const Rect& r = l.buttons[i].rect;
        EXPECT_TRUE(r.inside(l.screen)) << "button " << i;
        EXPECT_GE(r.h, 120) << "button " << i;
        EXPECT_TRUE(l.buttons[i].label.rect.inside(l.screen));
        for (std::size_t j = i + 1; j < l.buttons.size(); ++j) {
            EXPECT_FALSE(r.overlaps(l.buttons[j].rect)) << "buttons " << i << " and " << j;
        }
        for (const Rect& t : text_rects(l)) EXPECT_FALSE(r.overlaps(t)) << "button " << i << " and a text";
    }
    const std::vector<Rect> texts = text_rects(l);
    for (std::size_t i = 0; i < texts.size(); ++i) {
        EXPECT_TRUE(texts[i].inside(l.screen)) << "text box " << i;
        for (std::size_t j = i + 1; j < texts.size(); ++j) {
            EXPECT_FALSE(texts[i].overlaps(texts[j])) << "text boxes " << i << " and " << j;
        }
    }
}

TEST(UiLayout, PortraitStacksFullWidthButtonsAtTheBottomInReadingOrder) {
    const ScreenLayout l = lay_out(with_buttons(3), kPortrait);
    ASSERT_EQ(l.buttons.size(), 3u);
    for (const ButtonBox& b : l.buttons) {
        EXPECT_EQ(b.rect.x, l.margin);
        EXPECT_EQ(b.rect.w, kPortrait.w - 2 * l.margin);
        EXPECT_GE(b.rect.h, 120);
    }
    EXPECT_LT(l.buttons[0].rect.bottom(), l.buttons[1].rect.y);
    EXPECT_LT(l.buttons[1].rect.bottom(), l.buttons[2].rect.y);
    ASSERT_TRUE(l.footer);
    EXPECT_LT(l.buttons[2].rect.bottom(), l.footer->rect.y);
    EXPECT_GT(l.buttons[2].rect.bottom(), kPortrait.h - 250)
        << "the stack sits at the bottom, within thumb reach";
}

TEST(UiLayout, LandscapePutsButtonsInTwoColumns) {
    const ScreenLayout l = lay_out(with_buttons(4), kLandscape);
    ASSERT_EQ(l.buttons.size(), 4u);
    EXPECT_EQ(l.buttons[0].rect.y, l.buttons[1].rect.y);
    EXPECT_LT(l.buttons[0].rect.right(), l.buttons[1].rect.x);
    EXPECT_EQ(l.buttons[0].rect.x, l.buttons[2].rect.x);
    EXPECT_GT(l.buttons[2].rect.y, l.buttons[0].rect.bottom());
    expect_sound(l, "landscape 4");
}

TEST(UiLayout, AShortLastRowIsCentred) {
    const ScreenLayout l = lay_out(with_buttons(3), kLandscape);
    ASSERT_EQ(l.buttons.size(), 3u);
    const Rect& last = l.buttons[2].rect;
    EXPECT_LE(std::abs((last.x + last.right()) - kLandscape.w), 2) << "left and right gaps are equal";
}

TEST(UiLayout, ManyButtonsMoveToMoreColumnsBeforeShrinking) {
    const ScreenLayout l = lay_out(with_buttons(12), kPortrait);
    ASSERT_EQ(l.buttons.size(), 12u);
    EXPECT_EQ(l.hidden_buttons, 0u);
    std::set<int> columns;
    for (const ButtonBox& b : l.buttons) columns.insert(b.rect.x);
    EXPECT_EQ(columns.size(), 2u);
    expect_sound(l, "portrait 12");
}

TEST(UiLayout, ButtonsStayApartInsideAndTallOnEveryScreenAndCount) {
    for (const Size size :
         {kPortrait, kLandscape, Size{800, 1280}, Size{1280, 800}, Size{480, 800}, Size{240, 240}}) {
        for (int count = 0; count <= 40; ++count) {
            for (const bool lines : {false, true}) {
                const std::string what = std::to_string(size.w) + "x" + std::to_string(size.h) + ", " +
                                         std::to_string(count) + " buttons" + (lines ? ", with text" : "");
                const ScreenLayout l = lay_out(with_buttons(count, lines), size);
                expect_sound(l, what);
                EXPECT_EQ(l.buttons.size() + l.hidden_buttons, static_cast<std::size_t>(count)) << what;
            }
        }
    }
}

TEST(UiLayout, TooManyButtonsAreLeftOffRatherThanSquashed) {
    const ScreenLayout l = lay_out(with_buttons(60), kPortrait);
    EXPECT_GT(l.hidden_buttons, 0u);
    EXPECT_FALSE(l.buttons.empty());
    expect_sound(l, "60 buttons");
}

TEST(UiLayout, OverloadedScreensStayInsideWhateverTheTextMeasures) {
    for (const Size size : {kPortrait, kLandscape}) {
        for (const MeasureText& measure : {MeasureText(estimate_text_height), MeasureText(huge_text)}) {
            const ScreenLayout l = lay_out(samples::overloaded(), size, measure);
            expect_sound(l, std::to_string(size.w) + "x" + std::to_string(size.h));
            EXPECT_EQ(l.buttons.size() + l.hidden_buttons, 12u);
            EXPECT_GT(l.hidden_lines, 0u);
        }
    }
}

TEST(UiLayout, TwelveButtonsAllFitAndTheBodyTextGivesWay) {
    ViewModel v = samples::overloaded();
    v.countdown_seconds.reset();
    v.progress.reset();
    for (const Size size : {kPortrait, kLandscape}) {
        for (const MeasureText& measure : {MeasureText(estimate_text_height), MeasureText(huge_text)}) {
            const ScreenLayout l = lay_out(v, size, measure);
            expect_sound(l, std::to_string(size.w) + "x" + std::to_string(size.h));
            EXPECT_EQ(l.buttons.size(), 12u);
            EXPECT_GT(l.title.rect.h, 0) << "the title stays";
        }
    }
}

// Text too big for any button: the grid is chosen from the view's structure and the screen alone.
int even_bigger_text(std::string_view text, int px, Weight weight, int wrap_width) {
    return 2 * huge_text(text, px, weight, wrap_width);
}

TEST(UiLayout, WhenNoLabelCanBeWholeButtonGeometryDependsOnStructureAlone) {
    for (const samples::Sample& s : samples::all()) {
        const Size size{s.width, s.height};
        const ScreenLayout a = lay_out(s.view, size, even_bigger_text);
        const ScreenLayout b = lay_out(s.view, size, huge_text);
        ASSERT_EQ(a.buttons.size(), b.buttons.size()) << s.name;
        for (std::size_t i = 0; i < a.buttons.size(); ++i)
            EXPECT_EQ(a.buttons[i].rect, b.buttons[i].rect) << s.name;
        EXPECT_EQ(a.progress, b.progress);
        EXPECT_EQ(a.countdown.has_value(), b.countdown.has_value());
    }
}

TEST(UiLayout, LongLabelsGetWiderButtonsRatherThanWordsBrokenInTwo) {
    ViewModel v;
    v.screen = "catalogue";
    v.title = "What would you like to do?";
    for (int i = 0; i < 18; ++i)
        v.buttons.push_back({"service:" + std::to_string(i), "Relocation of parents joining their children"});
    const ScreenLayout l = lay_out(v, kPortrait);
    EXPECT_EQ(l.hidden_buttons, 0u);
    ASSERT_EQ(l.buttons.size(), 18u);
    for (const ButtonBox& box : l.buttons) {
        EXPECT_TRUE(label_fits_unbroken(v.buttons[box.index].label, Weight::Bold, box.label.rect,
                                        box.label.px, estimate_text_height))
            << "button " << box.index << " at " << box.label.px << " px in " << box.label.rect.w << " px";
    }
    EXPECT_LE(l.buttons.back().rect.x - l.buttons.front().rect.x, kPortrait.w / 2)
        << "two columns, not three";
}

TEST(UiLayout, BodyTextShrinksToFitBeforeAnythingIsLeftOff) {
    ViewModel v = with_buttons(2);
    v.lines.assign(
        9, "A paragraph that takes two lines on a portrait screen at the regular body size, roughly.");
    const ScreenLayout l = lay_out(v, kPortrait);
    EXPECT_EQ(l.hidden_lines, 0u);
    ASSERT_EQ(l.lines.size(), 9u);
    EXPECT_LT(l.lines[0].text.px, 44);
    EXPECT_GE(l.lines[0].text.px, 32);
    expect_sound(l, "nine paragraphs");
}

TEST(UiLayout, TypeScalesWithTheShortSide) {
    const ScreenLayout portrait = lay_out(samples::attract_zh(), kPortrait);
    const ScreenLayout landscape = lay_out(samples::attract_zh(), kLandscape);
    const ScreenLayout small = lay_out(samples::attract_zh(), {540, 960});
    EXPECT_EQ(portrait.title.px, 72);
    EXPECT_EQ(landscape.title.px, 72);
    EXPECT_EQ(small.title.px, 36);
    EXPECT_EQ(portrait.lines.at(0).text.px, 44);
}

TEST(UiLayout, ALongTitleTakesAtMostTwoLines) {
    ViewModel v = with_buttons(1);
    v.title = std::string(300, 'T');
    const ScreenLayout l = lay_out(v, kPortrait);
    EXPECT_LE(l.title.rect.h, 2 * line_height(l.title.px));
    EXPECT_GE(l.title.px, 56);
}

TEST(UiLayout, NumberKeysCountEnabledButtonsAndHintsShowOnlyWhenThereIsAChoice) {
    ViewModel v = with_buttons(4);
    v.buttons[1].enabled = false;
    const ScreenLayout l = lay_out(v, kPortrait);
    ASSERT_EQ(l.buttons.size(), 4u);
    EXPECT_EQ(l.buttons[0].key_number, 1);
    EXPECT_EQ(l.buttons[1].key_number, 0);
    EXPECT_EQ(l.buttons[2].key_number, 2);
    EXPECT_EQ(l.buttons[3].key_number, 3);
    EXPECT_TRUE(l.buttons[0].key_hint);
    EXPECT_FALSE(l.buttons[1].key_hint);

    const ScreenLayout single = lay_out(samples::attract_zh(), kPortrait);
    ASSERT_EQ(single.buttons.size(), 1u);
    EXPECT_EQ(single.buttons[0].key_number, 1);
    EXPECT_FALSE(single.buttons[0].key_hint);
}

TEST(UiLayout, ButtonAtFindsTheButtonAndNotTheGapsOrMargins) {
    const ScreenLayout l = lay_out(with_buttons(3), kPortrait);
    for (const ButtonBox& b : l.buttons) {
        EXPECT_EQ(button_at(l, b.rect.x + b.rect.w / 2, b.rect.y + b.rect.h / 2), b.index);
        EXPECT_EQ(button_at(l, b.rect.x, b.rect.y), b.index);
        EXPECT_EQ(button_at(l, b.rect.right(), b.rect.y), std::nullopt);
        EXPECT_EQ(button_at(l, l.margin / 2, b.rect.y + b.rect.h / 2), std::nullopt);
    }
    EXPECT_EQ(button_at(l, kPortrait.w / 2, l.buttons[0].rect.bottom() + 2), std::nullopt) << "the gap";
}

TEST(UiInput, RulesPickEnabledButtonsOnly) {
    ViewModel v = with_buttons(0);
    v.buttons = {{"a", "A", false, false}, {"b", "B", true, false}, {"c", "C", true, true}, {"back", "Back"}};
    const ScreenLayout l = lay_out(v, kPortrait);
    EXPECT_EQ(action_for_number(v, l, 1), "c");
    EXPECT_EQ(action_for_number(v, l, 2), "back");
    EXPECT_EQ(action_for_number(v, l, 3), std::nullopt);
    EXPECT_EQ(primary_action(v, l), "c");
    EXPECT_EQ(back_action(v, l), "back");
    const Rect& disabled = l.buttons[0].rect;
    EXPECT_EQ(action_at_point(v, l, disabled.x + 10, disabled.y + 10), std::nullopt);
    v.buttons[3].enabled = false;
    EXPECT_EQ(back_action(v, l), std::nullopt);
}

TEST(UiWindow, FitsTheScreenKeepingItsShape) {
    EXPECT_EQ(fit_inside(kPortrait, {540, 960}), (Rect{0, 0, 540, 960}));
    EXPECT_EQ(fit_inside(kPortrait, {1000, 960}), (Rect{230, 0, 540, 960}));
    EXPECT_EQ(fit_inside(kPortrait, {540, 1200}), (Rect{0, 120, 540, 960}));
    EXPECT_EQ(fit_inside(kPortrait, {0, 0}), Rect{});
}

TEST(UiWindow, MapsWindowPointsBackToTheFullSizeScreen) {
    EXPECT_EQ(window_to_screen(270, 480, kPortrait, {540, 960}), std::pair(540, 960));
    EXPECT_EQ(window_to_screen(0, 0, kPortrait, {540, 960}), std::pair(0, 0));
    EXPECT_EQ(window_to_screen(230 + 270, 480, kPortrait, {1000, 960}), std::pair(540, 960));
    const auto [x, y] = window_to_screen(10, 480, kPortrait, {1000, 960});  // in the letterbox
    EXPECT_LT(x, 0);
    EXPECT_EQ(y, 960);
}

TEST(UiTheme, EveryToneKeepsTextReadable) {
    for (const Tone tone : {Tone::Normal, Tone::Busy, Tone::Warning, Tone::Error, Tone::Success}) {
        SCOPED_TRACE(static_cast<int>(tone));
        const Palette p = palette_for(tone);
        EXPECT_GE(contrast_ratio(p.text, p.background), 12.0);
        EXPECT_GE(contrast_ratio(p.muted_text, p.background), 6.0);
        EXPECT_GE(contrast_ratio(p.on_accent, p.accent), 6.0);
        EXPECT_GE(contrast_ratio(p.accent, p.surface), 6.0);
        EXPECT_GE(contrast_ratio(p.accent, p.background), 5.0);
        EXPECT_GE(contrast_ratio(p.disabled_text, p.disabled_fill), 3.5);
    }
    EXPECT_NE(palette_for(Tone::Error).accent, palette_for(Tone::Normal).accent);
    EXPECT_NE(palette_for(Tone::Error).background, palette_for(Tone::Success).background);
}

}  // namespace
}  // namespace hk::ui
