// The narrator as a citizen who cannot see the screen hears it.
#include "ui/speech/narrator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "recording_speech_output.h"

namespace hk::ui::speech {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using testing::RecordingSpeechOutput;
using testing::Said;

ViewModel spoken(ViewModel view, int volume = 3) {
    view.presentation.speech = true;
    view.presentation.volume = volume;
    return view;
}

ViewModel choose_language() {
    ViewModel v;
    v.screen = "choose_language";
    v.language = "zh-CN";
    v.title = "请选择语言";
    v.lines = {"请按数字键选择。"};
    v.buttons = {{"lang:zh-CN", "中文", true, true},
                 {"lang:en", "English", false, true},
                 {"lang:ko", "한국어", false, true},
                 {"back", "返回", false, false}};
    v.help = "用数字键一到三选择语言。";
    return v;
}

ViewModel choose_service_en() {
    ViewModel v;
    v.screen = "choose_service";
    v.language = "en";
    v.title = "Choose a service";
    v.lines = {"Certificates are issued on the spot."};
    v.buttons = {{"service:proof", "Proof of family relationship", false, true},
                 {"service:book", "Household book application", false, false},
                 {"back", "Back", false, true}};
    return v;
}

ViewModel pin_entry(std::string typed) {
    ViewModel v;
    v.screen = "enter_pin";
    v.language = "en";
    v.title = "Enter the card's PIN";
    v.lines = {"Press OK when done."};
    v.buttons = {{"ok", "OK", true, true}};
    v.entry = std::move(typed);
    v.entry_masked = true;
    return v;
}

ViewModel tracking_entry(std::string typed) {
    ViewModel v = pin_entry(std::move(typed));
    v.screen = "enter_tracking_number";
    v.title = "Enter the tracking number";
    v.entry_masked = false;
    return v;
}

ViewModel printing(double progress) {
    ViewModel v;
    v.screen = "printing";
    v.language = "ko";
    v.title = "인쇄 중입니다";
    v.progress = progress;
    return v;
}

ViewModel timeout_warning(int seconds) {
    ViewModel v;
    v.screen = "timeout_warning";
    v.language = "en";
    v.title = "Are you still there?";
    v.lines = {"The session will end and your data will be wiped."};
    v.countdown_seconds = seconds;
    v.buttons = {{"more_time", "More time", true, true}, {"finish", "Cancel", false, true}};
    return v;
}

TEST(Narrator, SaysNothingWhileSpeechIsOff) {
    RecordingSpeechOutput out;
    Narrator narrator(out);
    const ViewModel silent = choose_language();
    narrator.on_view(silent);
    narrator.on_view(choose_service_en());
    narrator.on_focus(silent, 1);
    narrator.repeat(silent);
    narrator.help(silent);
    EXPECT_THAT(out.log, IsEmpty());
}

TEST(Narrator, ANewScreenIsReadTitleLinesThenEnabledChoicesNumberedInItsLanguage) {
    RecordingSpeechOutput out;
    Narrator narrator(out);
    narrator.on_view(spoken(choose_language(), 4));
    EXPECT_THAT(out.log,
                ElementsAre("volume 4", "interrupt", "say[zh-CN] 请选择语言", "say[zh-CN] 请按数字键选择。",
                            "say[zh-CN] 1, 中文", "say[zh-CN] 2, English", "say[zh-CN] 3, 한국어"));
}

TEST(Narrator, ChoicesAreNumberedAsTheKeypadNumbersThemSkippingDisabledOnes) {
    RecordingSpeechOutput out;
    Narrator narrator(out);
    narrator.on_view(spoken(choose_service_en()));
    EXPECT_THAT(out.log, ElementsAre("volume 3", "interrupt", "say[en] Choose a service",
                                     "say[en] Certificates are issued on the spot.",
                                     "say[en] 1, Proof of family relationship", "say[en] 2, Back"));
}

TEST(Narrator, TheSameViewRenderedAgainIsNotSpokenAgain) {
    RecordingSpeechOutput out;
    Narrator narrator(out);
    narrator.on_view(spoken(choose_service_en()));
    out.forget();
    narrator.on_view(spoken(choose_service_en()));
    narrator.on_view(spoken(choose_service_en()));
    EXPECT_THAT(out.log, IsEmpty());
}

TEST(Narrator, ANewScreenCutsOffTheOldOneBeforeSpeaking) {
    RecordingSpeechOutput out;
    Narrator narrator(out);
    narrator.on_view(spoken(choose_language()));
    out.forget();
    narrator.on_view(spoken(choose_service_en()));
    ASSERT_FALSE(out.log.empty());
    EXPECT_EQ(out.log.front(), "interrupt");
    EXPECT_EQ(out.log.at(1), "say[en] Choose a service");
}

TEST(Narrator, ChangingTheLanguageReadsTheScreenAgainInTheNewLanguage) {
    RecordingSpeechOutput out;
    Narrator narrator(out);
    ViewModel zh = spoken(choose_language());
    narrator.on_view(zh);
    out.forget();
    ViewModel en = zh;
    en.language = "en";
    en.title = "Choose a language";
    en.lines = {"Press a number key."};
    narrator.on_view(en);
    ASSERT_FALSE(out.said.empty());
    EXPECT_EQ(out.log.front(), "interrupt");
    for (const auto& said : out.said) {
        EXPECT_EQ(said.language, "en") << said.text;
    }
    EXPECT_EQ(out.said.front().text, "Choose a language");
}

TEST(Narrator, ChangedLinesOnTheSameScreenAreReadAgain) {
    RecordingSpeechOutput out;
    Narrator narrator(out);
    ViewModel view = spoken(choose_service_en());
    narrator.on_view(view);
    out.forget();
    view.lines = {"The printer is out of paper."};
    narrator.on_view(view);
    EXPECT_THAT(out.log, ::testing::Contains("say[en] The printer is out of paper."));
    EXPECT_EQ(out.log.front(), "interrupt");
}

TEST(Narrator, ATypedDigitIsSpokenWhenTheEntryIsVisible) {
    RecordingSpeechOutput out;
    Narrator narrator(out);
    narrator.on_view(spoken(tracking_entry("")));
    out.forget();
    narrator.on_view(spoken(tracking_entry("4")));
    narrator.on_view(spoken(tracking_entry("47")));
    narrator.on_view(spoken(tracking_entry("4")));
    EXPECT_THAT(out.log, ElementsAre("say[en] 4", "say[en] 7", "tone erase"));
}

TEST(Narrator, AVisibleEntryIsReadDigitByDigitWithTheScreen) {
    RecordingSpeechOutput out;
    Narrator narrator(out);
    narrator.repeat(spoken(tracking_entry("2024")));
    EXPECT_THAT(out.log, ::testing::Contains("say[en] 2 0 2 4"));
}

TEST(Narrator, AMaskedEntryGivesTonesAndNeverTheDigits) {
    RecordingSpeechOutput out;
    Narrator narrator(out);
    narrator.on_view(spoken(pin_entry("")));
    out.forget();
    for (const std::string typed : {"9", "98", "987", "98"}) {
        narrator.on_view(spoken(pin_entry(typed)));
    }
    EXPECT_THAT(out.log,
                ElementsAre("tone masked-digit", "tone masked-digit", "tone masked-digit", "tone erase"));

    // Repeating the screen, asking for help or moving the focus must not reveal them either.
    const ViewModel typed = spoken(pin_entry("987"));
    narrator.repeat(typed);
    narrator.help(typed);
    narrator.on_focus(typed, 0);
    EXPECT_EQ(std::ranges::count(out.log, std::string("tone masked-digit")),
              3 + 3 * 2);  // once per digit each time
    for (const auto& said : out.said) {
        for (const char digit : std::string("987")) {
            EXPECT_THAT(said.text, Not(HasSubstr(std::string(1, digit)))) << "a secret digit was spoken";
        }
    }
}

TEST(Narrator, ProgressIsSpokenAtEachQuarterNotEveryFrame) {
    RecordingSpeechOutput out;
    Narrator narrator(out);
    for (const double p : {0.0, 0.05, 0.1, 0.2, 0.26, 0.3, 0.5, 0.6, 0.74, 0.99, 1.0, 1.0}) {
        narrator.on_view(spoken(printing(p)));
    }
    EXPECT_THAT(out.said, ElementsAre(Said{"인쇄 중입니다", "ko"}, Said{"0%", "ko"}, Said{"25%", "ko"},
                                      Said{"50%", "ko"}, Said{"75%", "ko"}, Said{"100%", "ko"}));
}

TEST(Narrator, ProgressIsSaidTheChineseWayOnAChineseScreen) {
    RecordingSpeechOutput out;
    Narrator narrator(out);
    ViewModel view = printing(0.5);
    view.language = "zh-CN";
    view.title = "正在打印";
    narrator.on_view(spoken(view));
    EXPECT_THAT(out.log, ::testing::Contains("say[zh-CN] 百分之50"));
}

TEST(Narrator, TheTimeoutWarningReadsItsCountdownThenWarnsAgainAtTenAndFive) {
    RecordingSpeechOutput out;
    Narrator narrator(out);
    for (int left = 20; left >= 1; --left) {
        narrator.on_view(spoken(timeout_warning(left)));
    }
    std::vector<std::string> texts;
    for (const auto& said : out.said) {
        texts.push_back(said.text);
    }
    EXPECT_THAT(texts,
                ElementsAre("Are you still there?", "The session will end and your data will be wiped.", "20",
                            "1, More time", "2, Cancel", "10", "5"));
}

TEST(Narrator, SwitchingSpeechOnReadsTheWholeScreen) {
    RecordingSpeechOutput out;
    Narrator narrator(out);
    const ViewModel quiet = choose_service_en();
    narrator.on_view(quiet);
    EXPECT_THAT(out.log, IsEmpty());
    narrator.on_view(spoken(quiet));
    EXPECT_THAT(out.log, ::testing::Contains("say[en] Choose a service"));
    EXPECT_THAT(out.log, ::testing::Contains("say[en] 2, Back"));
}

TEST(Narrator, SwitchingSpeechOffInterruptsAndThenStaysSilent) {
    RecordingSpeechOutput out;
    Narrator narrator(out);
    narrator.on_view(spoken(choose_service_en()));
    out.forget();
    narrator.on_view(choose_service_en());
    narrator.on_view(choose_language());
    EXPECT_THAT(out.log, ElementsAre("interrupt"));
}

TEST(Narrator, TheVolumeFollowsThePresentationAndAChangeIsHeardAtOnce) {
    RecordingSpeechOutput out;
    Narrator narrator(out);
    narrator.on_view(spoken(choose_service_en(), 2));
    EXPECT_EQ(out.log.front(), "volume 2");
    out.forget();
    narrator.on_view(spoken(choose_service_en(), 5));
    EXPECT_THAT(out.log, ElementsAre("volume 5", "tone level"));
    out.forget();
    narrator.on_view(spoken(choose_service_en(), 5));
    EXPECT_THAT(out.log, IsEmpty());
}

TEST(Narrator, FocusCutsOffSpeechAndSaysTheButtonsLabel) {
    RecordingSpeechOutput out;
    Narrator narrator(out);
    const ViewModel view = spoken(choose_language());
    narrator.on_view(view);
    out.forget();
    narrator.on_focus(view, 2);
    narrator.on_focus(view, 99);  // a stale index from the front end is ignored
    EXPECT_THAT(out.log, ElementsAre("interrupt", "say[zh-CN] 한국어"));
}

TEST(Narrator, ToolbarFocusSaysTheSwitchsLabel) {
    RecordingSpeechOutput out;
    Narrator narrator(out);
    ViewModel view = spoken(choose_service_en());
    view.toolbar = {{"lang:zh-CN", "中文"}, {"a11y:speech", "Speech"}};
    narrator.on_view(view);
    EXPECT_THAT(out.log, Not(::testing::Contains(HasSubstr("中文"))))
        << "the toolbar is not read with the screen";
    out.forget();
    narrator.on_toolbar_focus(view, 1);
    narrator.on_toolbar_focus(view, 2);
    EXPECT_THAT(out.log, ElementsAre("interrupt", "say[en] Speech"));
}

TEST(Narrator, RepeatReadsTheWholeScreenFromTheStart) {
    RecordingSpeechOutput out;
    Narrator narrator(out);
    const ViewModel view = spoken(choose_service_en());
    narrator.on_view(view);
    const auto first_time =
        std::vector<std::string>(out.log.begin() + 1, out.log.end());  // without the volume
    out.forget();
    narrator.repeat(view);
    EXPECT_EQ(out.log, first_time);
}

TEST(Narrator, HelpReadsTheHelpTextOrTheScreenWhenThereIsNone) {
    RecordingSpeechOutput out;
    Narrator narrator(out);
    narrator.help(spoken(choose_language()));
    EXPECT_THAT(out.log, ElementsAre("interrupt", "say[zh-CN] 用数字键一到三选择语言。"));
    out.forget();
    narrator.help(spoken(choose_service_en()));
    EXPECT_THAT(out.log, ::testing::Contains("say[en] Choose a service"));
}

}  // namespace
}  // namespace hk::ui::speech
