// The citizen's presentation (language, text size, contrast, speech, volume) changes on any screen of a
// session without moving it, and is gone with the session.
#include <gtest/gtest.h>

#include "engine_driver.h"

namespace hk::kiosk::testing {
namespace {

TEST(PresentationActions, SwitchesToggleOnAnyScreenWithoutMovingIt) {
    Driver d;
    d.to_identify_card();
    ASSERT_EQ(d.screen(), Screen::IdentifyCard);
    d.tap("a11y:large_text");
    d.tap("a11y:contrast");
    d.tap("a11y:speech");
    EXPECT_EQ(d.screen(), Screen::IdentifyCard);
    EXPECT_TRUE(d.session().presentation.large_text);
    EXPECT_TRUE(d.session().presentation.high_contrast);
    EXPECT_TRUE(d.session().presentation.speech);
    d.tap("a11y:speech");
    EXPECT_FALSE(d.session().presentation.speech);
}

TEST(PresentationActions, LanguageSwitchStaysOnTheScreenButTheLanguageScreenMovesOn) {
    Driver d;
    d.to_identify_card();
    d.tap("lang:ko");
    EXPECT_EQ(d.screen(), Screen::IdentifyCard);
    EXPECT_EQ(d.session().language, Language::Korean);
    d.tap("lang:xx");  // unknown tag: nothing changes
    EXPECT_EQ(d.session().language, Language::Korean);

    Driver fresh;
    fresh.tap("start");
    fresh.tap("lang:en");
    EXPECT_EQ(fresh.screen(), Screen::Catalogue);
    EXPECT_EQ(fresh.session().language, Language::English);
}

TEST(PresentationActions, VolumeStaysWithinItsSteps) {
    Driver d;
    d.to_catalogue();
    for (int i = 0; i < 10; ++i) d.tap("a11y:volume_up");
    EXPECT_EQ(d.session().presentation.volume, ui::Presentation::kMaxVolume);
    for (int i = 0; i < 10; ++i) d.tap("a11y:volume_down");
    EXPECT_EQ(d.session().presentation.volume, ui::Presentation::kMinVolume);
}

TEST(PresentationActions, SpeechKeyOnAttractStartsASessionThatSpeaks) {
    Driver d;
    ASSERT_EQ(d.screen(), Screen::Attract);
    d.tap("a11y:speech_on");  // a headset plugged in
    ASSERT_EQ(d.screen(), Screen::Language);
    EXPECT_TRUE(d.session().presentation.speech);
}

TEST(PresentationActions, NothingStartsWhileOutOfService) {
    Driver d;
    d.apply(MaintenanceRequested{true});
    ASSERT_EQ(d.screen(), Screen::OutOfService);
    d.tap("a11y:speech");
    EXPECT_EQ(d.screen(), Screen::OutOfService);
    EXPECT_FALSE(d.state.session.has_value());
}

TEST(PresentationActions, EverythingResetsWithTheSession) {
    Driver d;
    d.to_catalogue();
    d.tap("lang:ko");
    d.tap("a11y:large_text");
    d.tap("a11y:speech");
    d.tap("a11y:volume_up");
    d.tap("cancel");
    ASSERT_EQ(d.screen(), Screen::Attract);
    d.tap("start");
    EXPECT_EQ(d.session().presentation, ui::Presentation{});
    EXPECT_EQ(d.session().language, d.engine.config().default_language);
}

TEST(PresentationActions, SwitchesCountAsInputForTheIdleTimer) {
    Driver d;
    d.to_catalogue();
    d.advance(d.engine.config().idle_timeout - Millis{1'000});
    d.tap("a11y:large_text");
    d.advance(Millis{2'000});
    EXPECT_EQ(d.screen(), Screen::Catalogue);
}

TEST(PresentationActions, KeypadFocusAndHelpKeepTheSessionAliveAndChangeNothingElse) {
    Driver d;
    d.to_catalogue();
    d.advance(d.engine.config().idle_timeout - Millis{1'000});
    d.tap("focus");
    d.advance(Millis{30'000});
    d.tap("help");
    d.advance(Millis{30'000});
    EXPECT_EQ(d.screen(), Screen::Catalogue);
    EXPECT_TRUE(d.last.empty());
}

TEST(PresentationActions, TheWarningCanBeExtendedManyTimesWithTwentySecondsEach) {
    Driver d;
    d.to_catalogue();
    ASSERT_GE(d.engine.config().warning_period, Millis{20'000});
    for (int i = 0; i < 12; ++i) {
        d.advance(d.engine.config().idle_timeout);
        ASSERT_EQ(d.screen(), Screen::TimeoutWarning) << "warning " << i;
        d.advance(Millis{19'000});
        ASSERT_EQ(d.screen(), Screen::TimeoutWarning) << "warning " << i;
        d.tap("more_time");
        ASSERT_EQ(d.screen(), Screen::Catalogue) << "warning " << i;
    }
}

}  // namespace
}  // namespace hk::kiosk::testing
