#include "ui/speech/tones.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace hk::ui::speech {
namespace {

std::size_t samples_in(std::chrono::milliseconds span, int sample_rate) {
    return static_cast<std::size_t>(std::max<std::int64_t>(0, span.count()) * sample_rate / 1000);
}

// Raised-cosine edges: no click at the start or end of a tone.
double envelope(std::size_t i, std::size_t total, std::size_t attack, std::size_t decay) {
    const auto ramp = [](double x) { return 0.5 - 0.5 * std::cos(std::numbers::pi * x); };
    if (attack > 0 && i < attack) {
        return ramp(static_cast<double>(i) / static_cast<double>(attack));
    }
    if (decay > 0 && i + decay >= total) {
        return ramp(static_cast<double>(total - i) / static_cast<double>(decay));
    }
    return 1.0;
}

void append(AudioClip& to, const AudioClip& from) {
    to.samples.insert(to.samples.end(), from.samples.begin(), from.samples.end());
}

}  // namespace

AudioClip make_tone(const ToneShape& shape, int sample_rate) {
    AudioClip clip{.sample_rate = sample_rate, .samples = {}};
    const auto total = samples_in(shape.length, sample_rate);
    const auto attack = std::min(samples_in(shape.attack, sample_rate), total);
    const auto decay = std::min(samples_in(shape.decay, sample_rate), total - attack);
    clip.samples.reserve(total + samples_in(shape.trailing_silence, sample_rate));
    const double amplitude = std::clamp(shape.amplitude, 0.0, 1.0) * 32767.0;
    double phase = 0.0;  // accumulated, so a glide stays continuous
    for (std::size_t i = 0; i < total; ++i) {
        const double progress = total > 1 ? static_cast<double>(i) / static_cast<double>(total - 1) : 0.0;
        const double hz = shape.start_hz + (shape.end_hz - shape.start_hz) * progress;
        const double value = amplitude * envelope(i, total, attack, decay) * std::sin(phase);
        clip.samples.push_back(static_cast<std::int16_t>(std::lround(value)));
        phase += 2.0 * std::numbers::pi * hz / sample_rate;
    }
    clip.samples.resize(clip.samples.size() + samples_in(shape.trailing_silence, sample_rate), 0);
    return clip;
}

AudioClip tone_for(ToneCue cue, int sample_rate) {
    using std::chrono::milliseconds;
    switch (cue) {
        case ToneCue::MaskedDigit:
            return make_tone(ToneShape{}, sample_rate);
        case ToneCue::Erase:
            return make_tone(ToneShape{.start_hz = 660.0, .end_hz = 440.0, .length = milliseconds{150}},
                             sample_rate);
        case ToneCue::Level:
            return make_tone(ToneShape{.start_hz = 1000.0, .end_hz = 1000.0, .length = milliseconds{200}},
                             sample_rate);
        case ToneCue::Error: {
            const ToneShape beep{.start_hz = 330.0,
                                 .end_hz = 330.0,
                                 .length = milliseconds{140},
                                 .attack = milliseconds{10},
                                 .decay = milliseconds{30},
                                 .trailing_silence = milliseconds{70},
                                 .amplitude = 0.5};
            AudioClip clip = make_tone(beep, sample_rate);
            append(clip, make_tone(beep, sample_rate));
            return clip;
        }
    }
    return make_tone(ToneShape{}, sample_rate);
}

}  // namespace hk::ui::speech
