// A stretch of sound as the speech layer passes it around: signed 16-bit mono samples at one sample rate.
#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

namespace hk::ui::speech {

struct AudioClip {
    int sample_rate = 0;
    std::vector<std::int16_t> samples;

    [[nodiscard]] std::chrono::milliseconds duration() const {
        if (sample_rate <= 0) {
            return std::chrono::milliseconds{0};
        }
        return std::chrono::milliseconds{static_cast<std::int64_t>(samples.size()) * 1000 / sample_rate};
    }
};

}  // namespace hk::ui::speech
