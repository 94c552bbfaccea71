// Issue 5 part 2: page clean-up for scanned and photographed documents, in one call.
#pragma once

#include <expected>
#include <memory>
#include <optional>
#include <string>

#include "scanner/image.h"
#include "scanner/page_cleanup/deskew.h"
#include "scanner/page_cleanup/geometry.h"
#include "scanner/page_cleanup/light.h"
#include "scanner/page_cleanup/orientation.h"
#include "scanner/page_cleanup/quality.h"

namespace hk::scanner::page {

enum class Source {
    Flatbed,  // the page fills the image, up to a small skew and a quarter turn
    Camera,   // a photo: the page lies somewhere in the frame, in perspective, under uneven light
};

struct CleanupOptions {
    Source source = Source::Flatbed;
    bool deskew = true;
    bool detect_orientation = true;
    double max_skew_deg = 15;
    // Below this skew confidence (about 1.9 on a page of text, 1 on blank paper or noise) the page is not
    // turned.
    double min_skew_confidence = 1.2;
    // Below this OSD confidence the page is left as it is: a wrong half turn is worse than none.
    double min_orientation_confidence = 1.5;
    OutlineOptions outline;
    BinariseOptions binarise;
    QualityThresholds quality;
    // Empty: Tesseract's default. Read when a cleaner first needs OSD; later changes do not reload it.
    std::string tessdata_dir;
};

struct CleanedPage {
    Image grey;                       // flattened, upright, straightened, light-normalised
    Image binary;                     // ink 0, paper 255, for OCR
    std::optional<Quad> outline;      // camera frames: where the page was found
    SkewEstimate skew;                // the tilt found and undone
    Orientation orientation;          // the quarter turn applied
    bool orientation_known = false;   // false: OSD could not tell (too little text) and no turn was applied
    std::string orientation_problem;  // why not, for the log
    QualityReport quality;
};

// Keeps what is costly to set up (the OSD engine) between pages. Not thread-safe: one cleaner per thread.
class PageCleaner {
  public:
    PageCleaner();
    ~PageCleaner();
    PageCleaner(PageCleaner&&) noexcept;
    PageCleaner& operator=(PageCleaner&&) noexcept;

    std::expected<CleanedPage, std::string> clean(const Image& image, const CleanupOptions& options);

  private:
    std::optional<OrientationDetector> detector_;
    std::string detector_error_;
    bool detector_tried_ = false;
};

// The one entry point: runs the steps that fit the source, with one cleaner per calling thread.
std::expected<CleanedPage, std::string> clean_page(const Image& image, const CleanupOptions& options);

}  // namespace hk::scanner::page
