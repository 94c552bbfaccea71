// The clean-up pipeline. Order matters: the light is evened out first because every later step thresholds;
// the skew search looks along both axes, so it runs before the quarter turn (OSD is more reliable on straight
// lines); binarisation comes last, on the upright page OCR will read.
#include <cmath>

#include "mat_bridge.h"
#include "scanner/page_cleanup/page_cleanup.h"

namespace hk::scanner::page {

namespace {
// Smaller corrections than this would only resample the page and soften it.
constexpr double kMinDeskewDeg = 0.1;

// Pages are personal data: an intermediate copy is wiped, not just freed, when the next step replaces it.
void replace(Image& stage, Image next) {
    stage.wipe();
    stage = std::move(next);
}
}  // namespace

PageCleaner::PageCleaner() = default;
PageCleaner::~PageCleaner() = default;
PageCleaner::PageCleaner(PageCleaner&&) noexcept = default;
PageCleaner& PageCleaner::operator=(PageCleaner&&) noexcept = default;

std::expected<CleanedPage, std::string> PageCleaner::clean(const Image& image,
                                                           const CleanupOptions& options) {
    if (!detail::usable(image)) return std::unexpected("page clean-up: the image is empty or malformed");
    if (image.width < 32 || image.height < 32) {
        return std::unexpected("page clean-up: the image is too small to hold a page");
    }
    CleanedPage result;
    Image flat;
    if (options.source == Source::Camera) {
        auto quad = find_page_outline(image, options.outline);
        if (!quad) return std::unexpected(quad.error());
        result.outline = *quad;
        Image page = correct_perspective(image, *quad);
        flat = normalise_light(page);
        page.wipe();
    } else {
        flat = normalise_light(image);
    }

    if (options.deskew) {
        result.skew = estimate_skew(flat, options.max_skew_deg);
        if (result.skew.confidence < options.min_skew_confidence) {
            result.skew.angle_deg = 0;  // no text lines to go by: leave the page as it is
        } else if (std::abs(result.skew.angle_deg) >= kMinDeskewDeg) {
            replace(flat, rotate_page(flat, -result.skew.angle_deg));
        }
    }

    if (options.detect_orientation) {
        if (!detector_tried_) {
            detector_tried_ = true;
            auto opened = OrientationDetector::open(options.tessdata_dir);
            if (opened) {
                detector_.emplace(std::move(*opened));
            } else {
                detector_error_ = opened.error();
            }
        }
        if (detector_) {
            const auto found = detector_->detect(flat);
            if (!found) {
                result.orientation_problem = found.error();
            } else if (found->confidence < options.min_orientation_confidence) {
                result.orientation_problem = "orientation: OSD is not confident enough to turn the page";
                result.orientation.confidence = found->confidence;
            } else {
                result.orientation = *found;
                result.orientation_known = true;
                replace(flat, rotate_quarter_turns(flat, found->rotation_deg));
            }
        } else {
            result.orientation_problem = detector_error_;
        }
    }

    result.binary = binarise(flat, options.binarise);
    result.quality = assess_quality(image, result.outline, flat, result.binary, options.quality);
    result.grey = std::move(flat);
    return result;
}

std::expected<CleanedPage, std::string> clean_page(const Image& image, const CleanupOptions& options) {
    // The OSD engine is neither cheap to load nor safe to share between threads.
    thread_local PageCleaner cleaner;
    return cleaner.clean(image, options);
}

}  // namespace hk::scanner::page
