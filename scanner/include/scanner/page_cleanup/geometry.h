// Finding the page in a camera frame and flattening it: the first step for a document held under the camera.
#pragma once

#include <array>
#include <expected>
#include <string>

#include "scanner/image.h"

namespace hk::scanner::page {

struct Point {
    double x = 0;
    double y = 0;
};

// The page's corners in frame pixels, clockwise from the top-left as the frame shows it.
struct Quad {
    std::array<Point, 4> corners;  // top-left, top-right, bottom-right, bottom-left
    [[nodiscard]] double area() const;
};

struct OutlineOptions {
    // A quadrilateral smaller than this share of the frame is a card, a label or noise, not the page.
    double min_area_fraction = 0.05;
    // Larger than this, the outline is the frame's own border: no edge of the page was seen.
    double max_area_fraction = 0.97;
};

// The largest convex four-sided outline of sensible size. An error says why none was accepted, so the UI can
// ask the citizen to place the page on the dark mat rather than retry blindly.
std::expected<Quad, std::string> find_page_outline(const Image& frame, const OutlineOptions& options = {});

// The page cut out of the frame and warped to an upright rectangle with the page's own aspect ratio (side
// lengths of the quadrilateral), at about the resolution the frame had there.
Image correct_perspective(const Image& frame, const Quad& quad);

}  // namespace hk::scanner::page
