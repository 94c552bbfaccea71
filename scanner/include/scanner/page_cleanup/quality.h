// Measures of how usable a capture is, and the hints the UI shows so that the citizen can take a better one.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "scanner/image.h"
#include "scanner/page_cleanup/geometry.h"

namespace hk::scanner::page {

enum class Hint {
    HoldStill,          // the page is blurred
    AvoidGlare,         // a reflection burns out part of the page
    MoveCloser,         // the page fills too little of the frame
    PageOutOfFrameTop,  // the page runs off the frame at this side: move it the other way
    PageOutOfFrameBottom,
    PageOutOfFrameLeft,
    PageOutOfFrameRight,
    TooDark,
    ResolutionTooLow,  // the text is too small in pixels for OCR
};

std::string_view to_string(Hint hint);

struct QualityThresholds {
    double min_sharpness = 120;
    // Below this ink share the page is blank: no edges to judge sharpness by, so no HoldStill.
    double min_ink_fraction = 0.002;
    double max_glare_fraction = 0.005;
    double min_coverage = 0.25;
    double min_paper_brightness = 90;    // median grey level of the page
    int min_dpi = 200;                   // when the device tells the resolution
    double min_text_height_px = 10;      // otherwise: median height of ink blobs on the flattened page
    double edge_margin_fraction = 0.01;  // a corner this close to a frame edge touches it
};

struct QualityReport {
    double sharpness = 0;         // variance of the Laplacian of the light-normalised page (at most 1600 px)
    double glare_fraction = 0;    // share of the page burnt out by blobs brighter than the paper around them
    double coverage = 1;          // page area seen / frame area; 1 for a flatbed
    double paper_brightness = 0;  // median grey level of the page
    int dpi = 0;                  // as delivered, 0 when unknown
    double text_height_px = 0;    // median height of ink blobs, 0 when no text was found
    double ink_fraction = 0;      // share of the page binarised as ink; about 0 for a blank sheet
    std::vector<Hint> hints;      // empty when the capture is good

    [[nodiscard]] bool has(Hint hint) const;
};

// frame: the capture as delivered; quad: where the page is in it (nullopt: the page is the whole frame, as on
// a flatbed); page: the flattened grey page; binary: its binarisation (ink 0), for the text height.
QualityReport assess_quality(const Image& frame, const std::optional<Quad>& quad, const Image& page,
                             const Image& binary, const QualityThresholds& thresholds = {});

}  // namespace hk::scanner::page
