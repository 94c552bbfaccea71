// Every colour pair a citizen must read or find, in every tone and both themes: WCAG AA for text (4.5:1) and
// for the shapes that carry meaning (3:1).
#include "theme.h"

#include <gtest/gtest.h>

#include <string>

namespace hk::ui {
namespace {

constexpr double kText = 4.5;
constexpr double kShape = 3.0;

struct Pair {
    const char* what;
    Colour foreground;
    Colour background;
    double at_least;
};

std::vector<Pair> pairs(const Palette& p) {
    return {
        {"title and body on the background", p.text, p.background, kText},
        {"muted text (footer) on the background", p.muted_text, p.background, kText},
        {"countdown on the background", p.accent, p.background, kText},
        {"label on a primary button", p.on_accent, p.accent, kText},
        {"key hint on a primary button", p.on_accent_hint, p.accent, kText},
        {"label on a secondary button", p.accent, p.surface, kText},
        {"key hint on a secondary button", p.muted_text, p.surface, kText},
        {"disabled label on its fill", p.disabled_text, p.disabled_fill, kText},
        {"toolbar label on its fill", p.toolbar_text, p.toolbar_fill, kText},
        {"entry digits and help text on the surface", p.text, p.surface, kText},
        {"focus ring against the background", p.focus, p.background, kShape},
        {"progress and spinner against the background", p.accent, p.background, kShape},
        {"progress against its track", p.accent, p.track, kShape},
        {"tone band against the background", p.tone_band, p.background, kShape},
        {"toolbar outline against the background", p.toolbar_edge, p.background, kShape},
        {"secondary button outline against the background", p.accent, p.background, kShape},
    };
}

TEST(UiTheme, EveryTextAndShapeIsReadableInEveryToneAndTheme) {
    for (const bool high_contrast : {false, true}) {
        for (const Tone tone : {Tone::Normal, Tone::Busy, Tone::Warning, Tone::Error, Tone::Success}) {
            Presentation presentation;
            presentation.high_contrast = high_contrast;
            const Palette p = palette_for(tone, presentation);
            for (const Pair& pair : pairs(p)) {
                EXPECT_GE(contrast_ratio(pair.foreground, pair.background), pair.at_least)
                    << pair.what << ", tone " << static_cast<int>(tone)
                    << (high_contrast ? ", high contrast" : ", normal");
            }
        }
    }
}

TEST(UiTheme, HighContrastIsWhiteOnBlackWithBlackOnYellowPrimaryButtons) {
    Presentation presentation;
    presentation.high_contrast = true;
    const Palette p = palette_for(Tone::Normal, presentation);
    EXPECT_EQ(p.background, (Colour{0, 0, 0}));
    EXPECT_EQ(p.text, (Colour{0xFF, 0xFF, 0xFF}));
    EXPECT_EQ(p.on_accent, (Colour{0, 0, 0}));
    EXPECT_GT(p.accent.r, 0xE0);
    EXPECT_GT(p.accent.g, 0xC0);
    EXPECT_LT(p.accent.b, 0x40) << "yellow";
    EXPECT_GE(contrast_ratio(p.text, p.background), 15.0);
}

TEST(UiTheme, TheNormalThemeIsUnchangedByTheOtherSwitches) {
    Presentation presentation;
    presentation.large_text = true;
    presentation.speech = true;
    EXPECT_EQ(palette_for(Tone::Error, presentation).background, palette_for(Tone::Error).background);
    EXPECT_EQ(palette_for(Tone::Normal).accent, (Colour{0x0B, 0x57, 0xA4}));
}

TEST(UiTheme, TonesStayApartInHighContrastToo) {
    Presentation presentation;
    presentation.high_contrast = true;
    EXPECT_NE(palette_for(Tone::Error, presentation).tone_band,
              palette_for(Tone::Normal, presentation).tone_band);
    EXPECT_NE(palette_for(Tone::Success, presentation).tone_band,
              palette_for(Tone::Warning, presentation).tone_band);
}

}  // namespace
}  // namespace hk::ui
