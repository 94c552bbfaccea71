// Text to speech with libespeak-ng, synchronously and into memory (never to a sound device of its own).
// espeak-ng is a process-wide singleton, so every Synthesizer shares one engine behind one mutex: a call
// waits for any other thread's synthesis to finish. Call it off the UI thread (Speaker does).
#pragma once

#include <cstdint>
#include <expected>
#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "ui/speech/audio_clip.h"
#include "ui/speech/voice_runs.h"

namespace hk::ui::speech {

// Receives the PCM as espeak-ng produces it, in chunks; returns false to stop synthesis early (an interrupt).
using PcmChunkHandler = std::function<bool(std::span<const std::int16_t> samples)>;

class Synthesizer {
  public:
    // Initialises espeak-ng on first use (from its installed data); fails with a readable reason when the
    // library or its data is missing.
    static std::expected<Synthesizer, std::string> open();

    // espeak-ng's output rate (22050 Hz with the Debian data), for the sink and the tones.
    [[nodiscard]] int sample_rate() const { return sample_rate_; }

    // Streams the speech for text (UTF-8) in the voice for language_tag, with words in another script in
    // that script's voice (see voice_runs.h). Stopping early through the handler is not an error.
    std::expected<void, std::string> synthesize(std::string_view text, std::string_view language_tag,
                                                const PcmChunkHandler& on_chunk) const;

    // The whole utterance at once (for tests and short texts).
    std::expected<AudioClip, std::string> render(std::string_view text, std::string_view language_tag) const;

  private:
    explicit Synthesizer(int sample_rate) : sample_rate_(sample_rate) {}
    int sample_rate_;
};

}  // namespace hk::ui::speech
