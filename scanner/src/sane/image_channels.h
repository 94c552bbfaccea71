// Giving the caller the channels it asked for when the device delivered the other kind (a backend without a
// colour mode, or a PNM file in the other format).
#pragma once

#include "scanner/image.h"

namespace hk::scanner::sane::detail {

// Grey becomes RGB with three equal channels; RGB becomes grey by the mean of its channels.
Image with_channels(Image image, int channels);

}  // namespace hk::scanner::sane::detail
