// The layout for citizens who need more: large text, touch targets of at least 9 mm on the real panel, the
// toolbar, the entry box and the spinner, on every sample screen in both orientations.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "layout.h"
#include "sample_views.h"

namespace hk::ui {
namespace {

constexpr Size kPortrait{1080, 1920};
constexpr Size kLandscape{1920, 1080};

std::vector<Rect> targets(const ScreenLayout& l) {
    std::vector<Rect> rects;
    for (const ButtonBox& b : l.buttons) rects.push_back(b.rect);
    for (const ButtonBox& b : l.toolbar) rects.push_back(b.rect);
    return rects;
}

std::vector<Rect> other_boxes(const ScreenLayout& l) {
    std::vector<Rect> rects;
    if (l.title.rect.h > 0) rects.push_back(l.title.rect);
    for (const LineBox& line : l.lines) rects.push_back(line.text.rect);
    for (const std::optional<Rect>& r : {l.progress, l.spinner, l.entry_box}) {
        if (r) rects.push_back(*r);
    }
    if (l.countdown) rects.push_back(l.countdown->rect);
    if (l.footer) rects.push_back(l.footer->rect);
    return rects;
}

TEST(UiTargets, NineMillimetresInPixelsAtThePanelsDpi) {
    EXPECT_EQ(min_target_px(96), 35);    // 34.02 rounds up
    EXPECT_EQ(min_target_px(25.4), 9);   // a pixel a millimetre
    EXPECT_EQ(min_target_px(300), 107);  // 106.3
    EXPECT_EQ(min_target_px(0), min_target_px(kDefaultPanelDpi)) << "no DPI: the default";
}

TEST(UiTargets, EveryButtonIsAtLeastNineMillimetresAndNoneOverlap) {
    for (const double dpi : {96.0, 160.0, 300.0}) {
        const int min = min_target_px(dpi);
        for (const samples::Sample& s : samples::every_presentation()) {
            const std::string what = s.name + " at " + std::to_string(dpi) + " dpi";
            const ScreenLayout l = lay_out(s.view, {s.width, s.height}, min);
            const std::vector<Rect> all = targets(l);
            ASSERT_EQ(all.size(), s.view.buttons.size() + s.view.toolbar.size())
                << what << ": every target shown";
            for (std::size_t i = 0; i < all.size(); ++i) {
                EXPECT_GE(all[i].w, min) << what << ", target " << i;
                EXPECT_GE(all[i].h, min) << what << ", target " << i;
                EXPECT_TRUE(all[i].inside(l.screen)) << what << ", target " << i;
                for (std::size_t j = i + 1; j < all.size(); ++j)
                    EXPECT_FALSE(all[i].overlaps(all[j])) << what << ", targets " << i << " and " << j;
                for (const Rect& other : other_boxes(l))
                    EXPECT_FALSE(all[i].overlaps(other)) << what << ", target " << i << " and a text box";
            }
        }
    }
}

TEST(UiTargets, AHighDpiPanelGetsFewerButNeverSmallerToolbarButtons) {
    ViewModel v = samples::with_toolbar(samples::services_en());
    for (int i = 0; i < 20; ++i) v.toolbar.push_back({"x" + std::to_string(i), "X"});
    const int min = min_target_px(400);
    const ScreenLayout l = lay_out(v, {480, 800}, min);
    EXPECT_GT(l.hidden_toolbar, 0u);
    EXPECT_EQ(l.toolbar.size() + l.hidden_toolbar, v.toolbar.size());
    for (const ButtonBox& b : l.toolbar) EXPECT_GE(b.rect.w, min);
}

// A screen with room to spare, so no text has to shrink to fit.
ViewModel roomy() {
    ViewModel v;
    v.title = "Take your card";
    v.lines = {"Your certificate is printing."};
    v.buttons = {{"done", "Done", true, true}, {"back", "Back"}};
    v.footer = "HuKiosk";
    v.toolbar = {{"lang:en", "EN"}, {"help", "?"}};
    return v;
}

std::size_t most_in_a_row(const ScreenLayout& l) {
    std::map<int, std::size_t> per_row;
    std::size_t most = 0;
    for (const ButtonBox& b : l.buttons) most = std::max(most, ++per_row[b.rect.y]);
    return most;
}

TEST(UiLargeText, EveryReadingTextSizeGrowsByAboutFourTenths) {
    for (const Size size : {kPortrait, kLandscape}) {
        ViewModel v = roomy();
        const ScreenLayout normal = lay_out(v, size);
        v.presentation.large_text = true;
        const ScreenLayout large = lay_out(v, size);
        const auto ratio = [](int a, int b) { return static_cast<double>(b) / a; };
        EXPECT_NEAR(ratio(normal.title.px, large.title.px), 1.4, 0.05);
        ASSERT_FALSE(normal.lines.empty() || large.lines.empty());
        EXPECT_NEAR(ratio(normal.lines[0].text.px, large.lines[0].text.px), 1.4, 0.05);
        ASSERT_TRUE(normal.footer && large.footer);
        EXPECT_NEAR(ratio(normal.footer->px, large.footer->px), 1.4, 0.05);
        EXPECT_NEAR(ratio(normal.buttons.at(0).label.px, large.buttons.at(0).label.px), 1.4, 0.05);
        EXPECT_NEAR(ratio(normal.toolbar.at(0).label.px, large.toolbar.at(0).label.px), 1.4, 0.05);
    }
}

TEST(UiLargeText, TheCountdownIsAlreadyLargeEnough) {
    ViewModel v = roomy();
    v.countdown_seconds = 20;
    const ScreenLayout normal = lay_out(v, kPortrait);
    v.presentation.large_text = true;
    const ScreenLayout large = lay_out(v, kPortrait);
    ASSERT_TRUE(normal.countdown && large.countdown);
    EXPECT_EQ(normal.countdown->px, large.countdown->px);
    EXPECT_GT(large.countdown->px, large.title.px);
}

TEST(UiLargeText, FewerButtonsShareARow) {
    ViewModel v;
    v.title = "Choose";
    for (int i = 0; i < 30; ++i)
        v.buttons.push_back({"a" + std::to_string(i), "Choice " + std::to_string(i)});
    const std::size_t normal = most_in_a_row(lay_out(v, kPortrait));
    v.presentation.large_text = true;
    const std::size_t large = most_in_a_row(lay_out(v, kPortrait));
    EXPECT_EQ(normal, 3u);
    EXPECT_EQ(large, 2u);
}

TEST(UiLargeText, EverySampleStillFitsInBothOrientations) {
    for (const samples::Sample& s : samples::every_presentation()) {
        const ScreenLayout l = lay_out(s.view, {s.width, s.height});
        EXPECT_EQ(l.hidden_buttons, 0u) << s.name;
        EXPECT_EQ(l.hidden_toolbar, 0u) << s.name;
        EXPECT_EQ(l.buttons.size() + l.hidden_buttons, s.view.buttons.size()) << s.name;
        EXPECT_GT(l.title.rect.h, 0) << s.name << ": the title stays";
        const std::vector<Rect> boxes = other_boxes(l);
        for (std::size_t i = 0; i < boxes.size(); ++i) {
            EXPECT_TRUE(boxes[i].inside(l.screen)) << s.name << ", box " << i;
            for (std::size_t j = i + 1; j < boxes.size(); ++j)
                EXPECT_FALSE(boxes[i].overlaps(boxes[j])) << s.name << ", boxes " << i << " and " << j;
        }
    }
}

TEST(UiToolbar, OneRowAboveTheFooterBelowTheScreensButtons) {
    for (const Size size : {kPortrait, kLandscape}) {
        const ViewModel v = samples::with_toolbar(samples::services_en());
        const ScreenLayout l = lay_out(v, size);
        ASSERT_EQ(l.toolbar.size(), v.toolbar.size());
        for (const ButtonBox& b : l.toolbar) {
            EXPECT_EQ(b.rect.y, l.toolbar.front().rect.y) << "one row";
            EXPECT_LT(b.rect.h, l.buttons.front().rect.h) << "smaller than the screen's buttons";
            EXPECT_GT(b.rect.y, l.buttons.back().rect.bottom());
            ASSERT_TRUE(l.footer);
            EXPECT_LT(b.rect.bottom(), l.footer->rect.y);
        }
        for (std::size_t i = 0; i + 1 < l.toolbar.size(); ++i)
            EXPECT_LT(l.toolbar[i].rect.right(), l.toolbar[i + 1].rect.x) << "in order, apart";
        const Rect& help = l.toolbar.back().rect;
        EXPECT_EQ(toolbar_button_at(l, help.x + help.w / 2, help.y + help.h / 2), v.toolbar.size() - 1);
        EXPECT_EQ(button_at(l, help.x + help.w / 2, help.y + help.h / 2), std::nullopt);
    }
}

TEST(UiToolbar, NoToolbarNoRow) {
    const ScreenLayout l = lay_out(samples::services_en(), kPortrait);
    EXPECT_TRUE(l.toolbar.empty());
    EXPECT_EQ(l.hidden_toolbar, 0u);
}

TEST(UiEntry, TheEntryBoxSitsAboveTheKeypadAndOnlyWhenThereIsAnEntry) {
    for (const Size size : {kPortrait, kLandscape}) {
        ViewModel v = samples::tracking_keypad_en();
        ScreenLayout l = lay_out(v, size);
        ASSERT_TRUE(l.entry_box && l.entry_text);
        EXPECT_LT(l.entry_box->bottom(), l.buttons.front().rect.y);
        EXPECT_GT(l.entry_text->px, l.lines.at(0).text.px) << "larger than the body text";
        v.entry = "";  // nothing typed yet: the box is still there, empty
        EXPECT_TRUE(lay_out(v, size).entry_box);
        v.entry.reset();
        EXPECT_FALSE(lay_out(v, size).entry_box);
    }
}

TEST(UiSpinner, OnlyABusyScreenWithNoProgressSpins) {
    ViewModel v = samples::issuing_zh();
    ScreenLayout l = lay_out(v, kPortrait);
    ASSERT_TRUE(l.spinner);
    EXPECT_EQ(l.spinner->w, l.spinner->h);
    EXPECT_FALSE(l.progress);
    v.progress = 0.5;
    l = lay_out(v, kPortrait);
    EXPECT_FALSE(l.spinner);
    EXPECT_TRUE(l.progress);
    v.progress.reset();
    v.tone = Tone::Normal;
    EXPECT_FALSE(lay_out(v, kPortrait).spinner);
}

TEST(UiHelp, TheHelpPanelFitsTheScreenAndHoldsItsText) {
    for (const Size size : {kPortrait, kLandscape}) {
        for (const bool large : {false, true}) {
            ViewModel v = samples::with_toolbar(samples::services_en());
            v.presentation.large_text = large;
            const HelpLayout h = lay_out_help(v, size);
            EXPECT_TRUE(h.panel.inside(size));
            EXPECT_TRUE(h.text.rect.inside(size));
            EXPECT_GE(h.text.rect.h, estimate_text_height(v.help, h.text.px, Weight::Regular, h.text.rect.w));
        }
    }
}

}  // namespace
}  // namespace hk::ui

namespace hk::ui {
namespace {

TEST(UiEntry, OnAnEntryScreenNoButtonIsNumberedBecauseNumberKeysTypeDigits) {
    const ScreenLayout l = lay_out(samples::tracking_keypad_en(), kPortrait);
    for (const ButtonBox& b : l.buttons) {
        EXPECT_EQ(b.key_number, 0);
        EXPECT_FALSE(b.key_hint);
    }
}

}  // namespace
}  // namespace hk::ui
