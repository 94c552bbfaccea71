// The speaker's worker thread, volume and interruption, heard through an in-memory sink.
#include "ui/speech/speaker.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "ui/speech/memory_audio_sink.h"
#include "ui/speech/volume.h"

namespace hk::ui::speech {
namespace {

using namespace std::chrono_literals;

const std::string kLongText =
    "Please place your identity card flat on the reader and do not move it until the kiosk says it has been "
    "read.";

struct Rig {
    MemoryAudioSink* sink = nullptr;  // owned by the speaker
    std::unique_ptr<Speaker> speaker;
};

Rig make_rig() {
    auto synthesizer = Synthesizer::open();
    EXPECT_TRUE(synthesizer.has_value()) << synthesizer.error();
    auto sink = std::make_unique<MemoryAudioSink>(synthesizer->sample_rate());
    Rig rig;
    rig.sink = sink.get();
    rig.speaker = std::make_unique<Speaker>(*synthesizer, std::move(sink));
    return rig;
}

TEST(Speaker, SpeaksInTheBackgroundIntoTheSink) {
    Rig rig = make_rig();
    rig.speaker->say("Welcome", "en");
    ASSERT_TRUE(rig.speaker->wait_until_idle(10s));
    EXPECT_TRUE(rig.speaker->idle());
    EXPECT_GT(rms(rig.sink->received()), 100.0);
    EXPECT_TRUE(rig.speaker->playing());
    EXPECT_FALSE(rig.speaker->last_error().has_value());
}

TEST(Speaker, SayReturnsBeforeSynthesisIsDone) {
    Rig rig = make_rig();
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 5; ++i) {
        rig.speaker->say(kLongText, "en");
    }
    EXPECT_LT(std::chrono::steady_clock::now() - start, 50ms);
    EXPECT_FALSE(rig.speaker->idle());
    rig.speaker->interrupt();
}

TEST(Speaker, InterruptDropsQueuedUtterancesAndClearsQueuedAudio) {
    Rig rig = make_rig();
    constexpr int kQueued = 50;
    for (int i = 0; i < kQueued; ++i) {
        rig.speaker->say(kLongText, "en");
    }
    rig.speaker->interrupt();
    ASSERT_TRUE(rig.speaker->wait_until_idle(10s));
    EXPECT_TRUE(rig.sink->pending().empty()) << "audio of the old screen was still queued";
    EXPECT_GE(rig.sink->clear_count(), 1);

    // espeak-ng is much faster than real time, so a few may have been synthesised before the interrupt, but
    // the queued ones were dropped, not synthesised.
    Rig whole = make_rig();
    whole.speaker->say(kLongText, "en");
    ASSERT_TRUE(whole.speaker->wait_until_idle(10s));
    EXPECT_LT(rig.sink->received().size(), whole.sink->received().size() * kQueued / 5);

    // And the speaker speaks again afterwards.
    rig.speaker->tone(ToneCue::MaskedDigit);
    ASSERT_TRUE(rig.speaker->wait_until_idle(10s));
    EXPECT_FALSE(rig.sink->pending().empty());
}

TEST(Speaker, VolumeZeroIsSilent) {
    Rig rig = make_rig();
    rig.speaker->set_volume(0);
    rig.speaker->say("Welcome", "en");
    rig.speaker->tone(ToneCue::Error);
    ASSERT_TRUE(rig.speaker->wait_until_idle(10s));
    EXPECT_EQ(rms(rig.sink->received()), 0.0);
}

TEST(Speaker, VolumeFiveIsLouderThanVolumeOne) {
    Rig rig = make_rig();
    rig.speaker->set_volume(1);
    rig.speaker->say("Welcome to the kiosk", "en");
    ASSERT_TRUE(rig.speaker->wait_until_idle(10s));
    const auto quiet = rig.sink->received();
    rig.speaker->set_volume(5);
    rig.speaker->say("Welcome to the kiosk", "en");
    ASSERT_TRUE(rig.speaker->wait_until_idle(10s));
    const auto both = rig.sink->received();
    ASSERT_GT(both.size(), quiet.size() * 3 / 2);
    const std::span<const std::int16_t> loud(both.begin() + static_cast<std::ptrdiff_t>(quiet.size()),
                                             both.end());
    EXPECT_GT(rms(quiet), 0.0);
    EXPECT_GT(rms(loud), 3.0 * rms(quiet));
}

TEST(Speaker, TonesGoToTheSinkAtItsRate) {
    Rig rig = make_rig();
    rig.speaker->set_volume(5);
    rig.speaker->tone(ToneCue::MaskedDigit);
    ASSERT_TRUE(rig.speaker->wait_until_idle(5s));
    const auto heard = rig.sink->received();
    // 120 ms of tone and 60 ms of silence at the sink's rate.
    EXPECT_EQ(heard.size(), static_cast<std::size_t>(rig.sink->sample_rate()) * 180 / 1000);
    EXPECT_GT(rms(heard), 1000.0);
}

TEST(Speaker, IsDestroyedPromptlyWithWorkStillQueued) {
    Rig rig = make_rig();
    for (int i = 0; i < 20; ++i) {
        rig.speaker->say(kLongText, "en");
    }
    const auto start = std::chrono::steady_clock::now();
    rig.speaker.reset();
    EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
}

}  // namespace
}  // namespace hk::ui::speech
