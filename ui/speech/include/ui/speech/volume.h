// How the citizen's volume step (Presentation::kMinVolume..kMaxVolume) becomes loudness.
#pragma once

#include <cstdint>
#include <span>

namespace hk::ui::speech {

// 0 is silence; 1..5 are 4 dB apart with 5 at full scale, so each step is clearly heard as louder than the
// last while step 1 stays audible in a quiet room.
[[nodiscard]] double gain_for_volume(int step);

// Scales samples in place; the gain is at most 1, so nothing clips.
void apply_gain(std::span<std::int16_t> samples, double gain);

// Root mean square of the samples, 0..32768: what the tests call "loudness".
[[nodiscard]] double rms(std::span<const std::int16_t> samples);

}  // namespace hk::ui::speech
