#include "ui/speech/volume.h"

#include <algorithm>
#include <cmath>

namespace hk::ui::speech {
namespace {
constexpr int kLoudestStep = 5;
constexpr double kDecibelsPerStep = 4.0;
}  // namespace

double gain_for_volume(int step) {
    if (step <= 0) {
        return 0.0;
    }
    const int clamped = std::min(step, kLoudestStep);
    return std::pow(10.0, (clamped - kLoudestStep) * kDecibelsPerStep / 20.0);
}

void apply_gain(std::span<std::int16_t> samples, double gain) {
    if (gain >= 1.0) {
        return;
    }
    for (auto& sample : samples) {
        sample = static_cast<std::int16_t>(std::lround(sample * gain));
    }
}

double rms(std::span<const std::int16_t> samples) {
    if (samples.empty()) {
        return 0.0;
    }
    double sum = 0.0;
    for (const auto sample : samples) {
        sum += static_cast<double>(sample) * sample;
    }
    return std::sqrt(sum / static_cast<double>(samples.size()));
}

}  // namespace hk::ui::speech
