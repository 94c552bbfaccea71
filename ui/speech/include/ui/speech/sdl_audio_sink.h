// The kiosk's loudspeaker through SDL's queued audio (no callback thread of ours). It initialises SDL's audio
// subsystem itself (reference counted by SDL, so the front end's video is unaffected) and quits it when
// destroyed.
#pragma once

#include <cstdint>
#include <expected>
#include <memory>
#include <span>
#include <string>

#include "ui/speech/audio_sink.h"

namespace hk::ui::speech {

class SdlAudioSink final : public AudioSink {
  public:
    // Opens the default output device for mono 16-bit at sample_rate (SDL converts if the device differs).
    // Fails with a readable reason when there is no audio driver or device; the kiosk then runs without
    // speech.
    static std::expected<std::unique_ptr<SdlAudioSink>, std::string> open(int sample_rate);
    ~SdlAudioSink() override;
    SdlAudioSink(const SdlAudioSink&) = delete;
    SdlAudioSink& operator=(const SdlAudioSink&) = delete;

    std::expected<void, std::string> queue(std::span<const std::int16_t> samples) override;
    void clear() override;
    [[nodiscard]] bool is_playing() const override;
    [[nodiscard]] int sample_rate() const override { return sample_rate_; }

  private:
    SdlAudioSink(std::uint32_t device, int sample_rate) : device_(device), sample_rate_(sample_rate) {}
    std::uint32_t device_;  // SDL_AudioDeviceID
    int sample_rate_;
};

}  // namespace hk::ui::speech
