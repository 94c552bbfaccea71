// espeak-ng, really synthesising, in the kiosk's three languages.
#include "ui/speech/synthesizer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "ui/speech/volume.h"

namespace hk::ui::speech {
namespace {

using namespace std::chrono_literals;

Synthesizer engine() {
    auto synthesizer = Synthesizer::open();
    EXPECT_TRUE(synthesizer.has_value()) << synthesizer.error();
    return *synthesizer;
}

struct Sentence {
    const char* name;  // of the test case
    const char* language;
    const char* text;
};

class SpeaksEachLanguage : public ::testing::TestWithParam<Sentence> {};

TEST_P(SpeaksEachLanguage, AShortSentenceIsAudibleAndLastsAPlausibleTime) {
    const Synthesizer synthesizer = engine();
    auto clip = synthesizer.render(GetParam().text, GetParam().language);
    ASSERT_TRUE(clip.has_value()) << clip.error();
    EXPECT_EQ(clip->sample_rate, synthesizer.sample_rate());
    EXPECT_GT(clip->duration(), 300ms);
    EXPECT_LT(clip->duration(), 10s);
    EXPECT_GT(rms(clip->samples), 300.0) << "silence";
}

INSTANTIATE_TEST_SUITE_P(
    Kiosk, SpeaksEachLanguage,
    ::testing::Values(Sentence{"Mandarin", "zh-CN", "请把身份证放在读卡器上。"},
                      Sentence{"English", "en", "Please place your identity card on the reader."},
                      Sentence{"Korean", "ko", "신분증을 리더기 위에 올려 주세요."}),
    [](const ::testing::TestParamInfo<Sentence>& sentence) { return std::string(sentence.param.name); });

TEST(Synthesizer, RunsAtEspeaksOwnSampleRate) {
    const Synthesizer synthesizer = engine();
    EXPECT_GE(synthesizer.sample_rate(), 8000);
    EXPECT_LE(synthesizer.sample_rate(), 48000);
}

// espeak-ng adds a little randomness (so two renderings are never bit-identical, only within a fraction of a
// percent in length), so voices are told apart by how long they take to say the same digits: "12345" is about
// 13% shorter in Mandarin ("yi wan er qian ...") than in English ("twelve thousand ...").
double relative_difference(const AudioClip& a, const AudioClip& b) {
    const auto longer = static_cast<double>(std::max(a.samples.size(), b.samples.size()));
    const auto shorter = static_cast<double>(std::min(a.samples.size(), b.samples.size()));
    return (longer - shorter) / longer;
}

TEST(Synthesizer, TheMandarinVoiceIsNotTheEnglishOne) {
    const Synthesizer synthesizer = engine();
    auto mandarin = synthesizer.render("12345", "zh-CN");
    auto english = synthesizer.render("12345", "en");
    auto english_again = synthesizer.render("12345", "en");
    ASSERT_TRUE(mandarin && english && english_again);
    EXPECT_LT(relative_difference(*english, *english_again), 0.02) << "the same voice should be consistent";
    EXPECT_GT(relative_difference(*mandarin, *english), 0.05);
    EXPECT_GT(rms(mandarin->samples), 300.0);
}

TEST(Synthesizer, AnUnknownLanguageIsSpokenWithTheEnglishVoice) {
    const Synthesizer synthesizer = engine();
    auto unknown = synthesizer.render("12345", "fr");
    auto english = synthesizer.render("12345", "en");
    auto mandarin = synthesizer.render("12345", "zh-CN");
    ASSERT_TRUE(unknown && english && mandarin);
    EXPECT_LT(relative_difference(*unknown, *english), 0.02);
    EXPECT_GT(relative_difference(*unknown, *mandarin), 0.05);
}

TEST(Synthesizer, StopsEarlyWhenTheListenerSaysSo) {
    const Synthesizer synthesizer = engine();
    const std::string text =
        "This is a long sentence that would take several seconds to say in full, if allowed.";
    auto whole = synthesizer.render(text, "en");
    ASSERT_TRUE(whole);
    std::size_t heard = 0;
    auto stopped = synthesizer.synthesize(text, "en", [&heard](std::span<const std::int16_t> samples) {
        heard += samples.size();
        return false;
    });
    ASSERT_TRUE(stopped) << stopped.error();
    EXPECT_GT(heard, 0u);
    EXPECT_LT(heard, whole->samples.size() / 2);
    // The engine is still usable after an early stop.
    auto after = synthesizer.render(text, "en");
    ASSERT_TRUE(after);
    EXPECT_LT(relative_difference(*after, *whole), 0.02);
}

TEST(Synthesizer, TwoThreadsCanSynthesiseAtOnce) {
    const Synthesizer synthesizer = engine();
    auto reference = synthesizer.render("Hello", "en");
    ASSERT_TRUE(reference);
    AudioClip korean;
    std::jthread other([&] { korean = synthesizer.render("안녕하세요", "ko").value_or(AudioClip{}); });
    auto english = synthesizer.render("Hello", "en");
    other.join();
    ASSERT_TRUE(english);
    EXPECT_LT(relative_difference(*english, *reference), 0.02) << "the other thread's voice leaked in";
    EXPECT_GT(rms(korean.samples), 300.0);
}

}  // namespace
}  // namespace hk::ui::speech
