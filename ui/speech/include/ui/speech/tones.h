// Short non-verbal sounds. A masked digit must be acknowledged without saying which digit it was, so the
// keypad answers with a tone; erasing and errors have their own, distinct tones.
#pragma once

#include <chrono>

#include "ui/speech/audio_clip.h"
#include "ui/speech/speech_output.h"

namespace hk::ui::speech {

struct ToneShape {
    double start_hz = 880.0;
    double end_hz = 880.0;  // a glide makes erase and error recognisable without words
    std::chrono::milliseconds length{120};
    std::chrono::milliseconds attack{10};  // soft edges: a hard start or stop clicks in the loudspeaker
    std::chrono::milliseconds decay{40};
    std::chrono::milliseconds trailing_silence{60};  // keeps quick key presses apart
    double amplitude = 0.5;                          // of full scale
};

[[nodiscard]] AudioClip make_tone(const ToneShape& shape, int sample_rate);

// The shape used for each cue: MaskedDigit 880 Hz, 120 ms; Erase a falling 660->440 Hz glide; Error two low
// 330 Hz beeps; Level 1 kHz, 200 ms.
[[nodiscard]] AudioClip tone_for(ToneCue cue, int sample_rate);

}  // namespace hk::ui::speech
