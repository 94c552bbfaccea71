// The checks every capture device's self-test makes on the frame it grabbed (a scanner's calibration scan, a
// camera's frame): it has the size it should, and it shows something rather than one flat value, which is
// what a dead sensor, a lamp that does not light or an unplugged camera's black frame looks like.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scanner/image.h"

namespace hk::scanner {

// True when every pixel of the frame is the same (one grey level, or one colour: a solid red frame is as
// blank as a black one). An empty frame counts as uniform.
inline bool is_uniform(const Image& image) {
    const auto channels = static_cast<std::size_t>(std::max(image.channels, 1));
    if (image.pixels.size() < channels) return true;
    for (std::size_t at = channels; at < image.pixels.size(); ++at) {
        if (image.pixels[at] != image.pixels[at % channels]) return false;
    }
    return true;
}

struct FrameSize {
    int width = 0;
    int height = 0;
};

// Checks `frame`, appending what it saw to `checks` ("frame_size", "frame_content"). Returns what is wrong,
// in words for a technician, or nullopt when the frame is good. `expected`, when known, must match within
// `tolerance` pixels each way (backends round the scan area to whole pixels differently).
inline std::optional<std::string> check_frame(const Image& frame, std::optional<FrameSize> expected,
                                              int tolerance,
                                              std::vector<std::pair<std::string, std::string>>& checks) {
    const std::string size = std::to_string(frame.width) + "x" + std::to_string(frame.height);
    checks.emplace_back("frame_size", size);
    if (frame.width <= 0 || frame.height <= 0 || frame.empty()) return "the frame is empty";
    if (expected) {
        checks.emplace_back("frame_size_expected",
                            std::to_string(expected->width) + "x" + std::to_string(expected->height));
        if (std::abs(frame.width - expected->width) > tolerance ||
            std::abs(frame.height - expected->height) > tolerance) {
            return "the frame is " + size + ", not the expected " + std::to_string(expected->width) + "x" +
                   std::to_string(expected->height);
        }
    }
    const bool uniform = is_uniform(frame);
    checks.emplace_back("frame_content", uniform ? "uniform" : "varied");
    if (uniform) {
        return "every pixel of the frame is the same (sensor, lamp or lens cover)";
    }
    return std::nullopt;
}

}  // namespace hk::scanner
