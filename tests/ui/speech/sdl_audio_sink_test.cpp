// The real SDL audio path, with SDL's "disk" driver standing in for a loudspeaker: it writes the raw stream
// to a file.
#include "ui/speech/sdl_audio_sink.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <thread>

#include "ui/speech/speaker.h"
#include "ui/speech/tones.h"

namespace hk::ui::speech {
namespace {

using namespace std::chrono_literals;

class SdlDiskAudio : public ::testing::Test {
  protected:
    void SetUp() override {
        file_ = std::filesystem::temp_directory_path() /
                ("hukiosk-speech-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".raw");
        std::filesystem::remove(file_);
        ::setenv("SDL_AUDIODRIVER", "disk", 1);
        ::setenv("SDL_DISKAUDIOFILE", file_.c_str(), 1);
        ::setenv("SDL_DISKAUDIODELAY", "1", 1);  // ms between buffers: the test need not wait for real time
    }
    void TearDown() override {
        std::filesystem::remove(file_);
        ::unsetenv("SDL_AUDIODRIVER");
        ::unsetenv("SDL_DISKAUDIOFILE");
        ::unsetenv("SDL_DISKAUDIODELAY");
    }

    static bool drained(const AudioSink& sink, std::chrono::milliseconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (sink.is_playing()) {
            if (std::chrono::steady_clock::now() > deadline) {
                return false;
            }
            std::this_thread::sleep_for(5ms);
        }
        return true;
    }

    std::filesystem::path file_;
};

TEST_F(SdlDiskAudio, QueuedAudioIsPlayedToTheDevice) {
    auto sink = SdlAudioSink::open(22050);
    ASSERT_TRUE(sink.has_value()) << sink.error();
    EXPECT_EQ((*sink)->sample_rate(), 22050);
    const AudioClip beep = tone_for(ToneCue::MaskedDigit, 22050);
    ASSERT_TRUE((*sink)->queue(beep.samples).has_value());
    EXPECT_TRUE((*sink)->is_playing());
    ASSERT_TRUE(drained(**sink, 5s));
    sink->reset();  // closes the file
    ASSERT_TRUE(std::filesystem::exists(file_));
    EXPECT_GT(std::filesystem::file_size(file_), 0u);
}

TEST_F(SdlDiskAudio, ClearDropsWhatWasNotPlayedYet) {
    auto sink = SdlAudioSink::open(22050);
    ASSERT_TRUE(sink.has_value()) << sink.error();
    const std::vector<std::int16_t> ten_seconds(22050 * 10, 1000);
    ASSERT_TRUE((*sink)->queue(ten_seconds).has_value());
    (*sink)->clear();
    EXPECT_FALSE((*sink)->is_playing());
}

TEST_F(SdlDiskAudio, ASpeakerSpeaksThroughIt) {
    auto speaker = Speaker::open_default();
    ASSERT_TRUE(speaker.has_value()) << speaker.error();
    (*speaker)->say("你好", "zh-CN");
    ASSERT_TRUE((*speaker)->wait_until_idle(10s));
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while ((*speaker)->playing() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(5ms);
    }
    EXPECT_FALSE((*speaker)->last_error().has_value());
    speaker->reset();
    EXPECT_GT(std::filesystem::file_size(file_), 0u);
}

TEST(SdlAudioSink, WithoutAnAudioDriverOpeningFailsWithAReason) {
    ::setenv("SDL_AUDIODRIVER", "no-such-driver", 1);
    auto sink = SdlAudioSink::open(22050);
    ::unsetenv("SDL_AUDIODRIVER");
    ASSERT_FALSE(sink.has_value());
    EXPECT_NE(sink.error().find("audio"), std::string::npos) << sink.error();
}

}  // namespace
}  // namespace hk::ui::speech
