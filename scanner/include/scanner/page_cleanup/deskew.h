// Straightening a flatbed page whose text lines are slightly tilted.
#pragma once

#include "scanner/image.h"

namespace hk::scanner::page {

struct SkewEstimate {
    // Counter-clockwise tilt of the text lines as shown, in degrees; rotating the page clockwise by this
    // undoes it.
    double angle_deg = 0;
    // How much sharper the line profile is at the best angle than at the worst: about 1 means no text lines.
    double confidence = 0;
};

// Searches +-max_angle_deg around both horizontal and vertical text (a page on its side is straightened too;
// its quarter turn is left for the orientation step).
SkewEstimate estimate_skew(const Image& page, double max_angle_deg = 15.0);

// Rotated counter-clockwise by angle_deg (as shown) about the centre; the canvas grows so that no corner is
// cut, and new pixels take the paper's grey (the page's median).
Image rotate_page(const Image& page, double angle_deg);

}  // namespace hk::scanner::page
