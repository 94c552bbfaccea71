// An AudioSink that keeps what it is given, for tests and for a kiosk with no sound device that still wants
// to exercise speech. Nothing is ever "played": queued samples stay pending until clear().
#pragma once

#include <cstdint>
#include <expected>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "ui/speech/audio_sink.h"

namespace hk::ui::speech {

class MemoryAudioSink final : public AudioSink {
  public:
    explicit MemoryAudioSink(int sample_rate) : sample_rate_(sample_rate) {}

    std::expected<void, std::string> queue(std::span<const std::int16_t> samples) override;
    void clear() override;
    [[nodiscard]] bool is_playing() const override;
    [[nodiscard]] int sample_rate() const override { return sample_rate_; }

    // Samples queued since the last clear().
    [[nodiscard]] std::vector<std::int16_t> pending() const;
    // Every sample ever queued, cleared or not.
    [[nodiscard]] std::vector<std::int16_t> received() const;
    [[nodiscard]] int clear_count() const;

  private:
    mutable std::mutex mutex_;
    int sample_rate_;
    std::vector<std::int16_t> pending_;
    std::vector<std::int16_t> received_;
    int clear_count_ = 0;
};

}  // namespace hk::ui::speech
