// Which voice reads which words of a mixed-script kiosk text.
#include "ui/speech/voice_runs.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace hk::ui::speech {
namespace {

using ::testing::ElementsAre;

TEST(VoiceForLanguage, MapsTheKiosksLanguagesAndFallsBackToEnglish) {
    EXPECT_EQ(espeak_voice_for("zh-CN"), kMandarinVoice);
    EXPECT_EQ(espeak_voice_for("zh"), kMandarinVoice);
    EXPECT_EQ(espeak_voice_for("en"), "en");
    EXPECT_EQ(espeak_voice_for("en-GB"), "en");
    EXPECT_EQ(espeak_voice_for("ko"), "ko");
    EXPECT_EQ(espeak_voice_for("ko-KR"), "ko");
    EXPECT_EQ(espeak_voice_for("fr"), "en");
    EXPECT_EQ(espeak_voice_for(""), "en");
}

TEST(VoiceRuns, TextInTheScreensOwnScriptIsOneRunInItsVoice) {
    EXPECT_THAT(voice_runs("请把身份证放在读卡器上。", "zh-CN"),
                ElementsAre(VoiceRun{std::string(kMandarinVoice), "请把身份证放在读卡器上。"}));
    EXPECT_THAT(voice_runs("Choose a service", "en"), ElementsAre(VoiceRun{"en", "Choose a service"}));
    EXPECT_THAT(voice_runs("신분증을 올려 주세요.", "ko"),
                ElementsAre(VoiceRun{"ko", "신분증을 올려 주세요."}));
}

TEST(VoiceRuns, LanguageNamesAreReadInTheirOwnVoiceAndTheNumberInTheScreens) {
    const std::string mandarin(kMandarinVoice);
    EXPECT_THAT(voice_runs("2, English", "zh-CN"),
                ElementsAre(VoiceRun{mandarin, "2, "}, VoiceRun{"en", "English"}));
    EXPECT_THAT(voice_runs("1, 中文", "en"), ElementsAre(VoiceRun{"en", "1, "}, VoiceRun{mandarin, "中文"}));
    EXPECT_THAT(voice_runs("3, 한국어", "zh-CN"),
                ElementsAre(VoiceRun{mandarin, "3, "}, VoiceRun{"ko", "한국어"}));
    EXPECT_THAT(voice_runs("1, 中文", "ko"), ElementsAre(VoiceRun{"ko", "1, "}, VoiceRun{mandarin, "中文"}));
}

TEST(VoiceRuns, LatinWordsOnAChineseScreenGoToTheEnglishVoice) {
    const std::string mandarin(kMandarinVoice);
    EXPECT_THAT(voice_runs("错误代码 NFC-104，请重试", "zh-CN"),
                ElementsAre(VoiceRun{mandarin, "错误代码 "}, VoiceRun{"en", "NFC-104，"},
                            VoiceRun{mandarin, "请重试"}));
}

TEST(VoiceRuns, LatinOnAKoreanScreenStaysWithTheKoreanVoiceWhichReadsItItself) {
    EXPECT_THAT(voice_runs("오류 코드 NFC-104", "ko"), ElementsAre(VoiceRun{"ko", "오류 코드 NFC-104"}));
}

TEST(VoiceRuns, DigitsAndPunctuationAloneUseTheScreensVoice) {
    EXPECT_THAT(voice_runs("20", "zh-CN"), ElementsAre(VoiceRun{std::string(kMandarinVoice), "20"}));
    EXPECT_THAT(voice_runs("", "en"), ::testing::IsEmpty());
}

TEST(VoiceRuns, MalformedUtf8IsKeptNotLost) {
    const std::string broken = "ab\xE4\xB8 c";  // a truncated three-byte sequence
    const auto runs = voice_runs(broken, "en");
    std::string joined;
    for (const auto& run : runs) {
        joined += run.text;
    }
    EXPECT_EQ(joined, broken);
}

}  // namespace
}  // namespace hk::ui::speech
