// Non-verbal sounds and volume steps, checked on the samples themselves.
#include "ui/speech/tones.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "ui/speech/volume.h"

namespace hk::ui::speech {
namespace {

constexpr int kRate = 22050;

int zero_crossings(const std::vector<std::int16_t>& samples) {
    int crossings = 0;
    for (std::size_t i = 1; i < samples.size(); ++i) {
        if ((samples[i - 1] < 0) != (samples[i] < 0)) {
            ++crossings;
        }
    }
    return crossings;
}

TEST(Tones, AMaskedDigitIsA120MillisecondBeepAt880HzWithSoftEdges) {
    const AudioClip beep = make_tone(ToneShape{.trailing_silence = std::chrono::milliseconds{0}}, kRate);
    EXPECT_EQ(beep.sample_rate, kRate);
    EXPECT_NEAR(static_cast<double>(beep.duration().count()), 120.0, 1.0);
    // 880 Hz for 0.12 s crosses zero about 2 * 880 * 0.12 = 211 times.
    EXPECT_NEAR(zero_crossings(beep.samples), 211, 6);
    EXPECT_LT(std::abs(beep.samples.front()), 200) << "a hard start clicks";
    EXPECT_LT(std::abs(beep.samples.back()), 200) << "a hard stop clicks";
    EXPECT_GT(rms(beep.samples), 5000.0);
}

TEST(Tones, KeyPressesStayApartThanksToTrailingSilence) {
    const AudioClip beep = tone_for(ToneCue::MaskedDigit, kRate);
    const std::size_t silent = 60 * kRate / 1000;
    ASSERT_GT(beep.samples.size(), silent);
    for (std::size_t i = beep.samples.size() - silent; i < beep.samples.size(); ++i) {
        ASSERT_EQ(beep.samples[i], 0);
    }
}

TEST(Tones, EachCueSoundsDifferent) {
    const auto digit = tone_for(ToneCue::MaskedDigit, kRate).samples;
    const auto erase = tone_for(ToneCue::Erase, kRate).samples;
    const auto error = tone_for(ToneCue::Error, kRate).samples;
    const auto level = tone_for(ToneCue::Level, kRate).samples;
    EXPECT_NE(digit, erase);
    EXPECT_NE(digit, error);
    EXPECT_NE(erase, error);
    EXPECT_NE(level, digit);
    // The error tone is low: far fewer zero crossings per second than the key beep.
    EXPECT_LT(zero_crossings(error) * digit.size(), zero_crossings(digit) * error.size() / 2);
}

TEST(Volume, ZeroIsSilentFiveIsFullScaleAndEachStepIsLouder) {
    EXPECT_EQ(gain_for_volume(0), 0.0);
    EXPECT_EQ(gain_for_volume(-1), 0.0);
    EXPECT_DOUBLE_EQ(gain_for_volume(5), 1.0);
    EXPECT_DOUBLE_EQ(gain_for_volume(9), 1.0);
    for (int step = 1; step < 5; ++step) {
        EXPECT_LT(gain_for_volume(step), gain_for_volume(step + 1));
    }
    EXPECT_GT(gain_for_volume(1), 0.1) << "the quietest step must still be heard";
}

TEST(Volume, GainScalesTheSamples) {
    std::vector<std::int16_t> samples = tone_for(ToneCue::MaskedDigit, kRate).samples;
    const double before = rms(samples);
    apply_gain(samples, 0.5);
    EXPECT_NEAR(rms(samples), before / 2, 2.0);
    apply_gain(samples, 0.0);
    EXPECT_EQ(rms(samples), 0.0);
}

}  // namespace
}  // namespace hk::ui::speech
