// Where speech PCM goes to be heard: an SDL audio device in the kiosk, memory in tests.
#pragma once

#include <cstdint>
#include <expected>
#include <span>
#include <string>

namespace hk::ui::speech {

class AudioSink {
  public:
    virtual ~AudioSink() = default;

    // Appends mono 16-bit samples at sample_rate() to what is waiting to be played.
    virtual std::expected<void, std::string> queue(std::span<const std::int16_t> samples) = 0;
    // Drops everything not yet played: how speech is interrupted.
    virtual void clear() = 0;
    [[nodiscard]] virtual bool is_playing() const = 0;
    [[nodiscard]] virtual int sample_rate() const = 0;
};

}  // namespace hk::ui::speech
