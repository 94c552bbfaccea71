// Quality measures and the hints derived from them. Each measure is taken where it means something to the
// citizen: glare, darkness and framing on the capture as delivered, sharpness and text size on the flattened
// page.
#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "mat_bridge.h"
#include "paper.h"
#include "scanner/page_cleanup/quality.h"

namespace hk::scanner::page {

std::string_view to_string(Hint hint) {
    switch (hint) {
        case Hint::HoldStill:
            return "HoldStill";
        case Hint::AvoidGlare:
            return "AvoidGlare";
        case Hint::MoveCloser:
            return "MoveCloser";
        case Hint::PageOutOfFrameTop:
            return "PageOutOfFrameTop";
        case Hint::PageOutOfFrameBottom:
            return "PageOutOfFrameBottom";
        case Hint::PageOutOfFrameLeft:
            return "PageOutOfFrameLeft";
        case Hint::PageOutOfFrameRight:
            return "PageOutOfFrameRight";
        case Hint::TooDark:
            return "TooDark";
        case Hint::ResolutionTooLow:
            return "ResolutionTooLow";
    }
    return "?";
}

bool QualityReport::has(Hint hint) const {
    return std::find(hints.begin(), hints.end(), hint) != hints.end();
}

namespace {

// Larger pages are scaled down to this before the Laplacian, so that a 4K camera and a 1080p one give
// comparable numbers; smaller ones are not scaled up, which would blur them.
constexpr int kSharpnessSide = 1600;
// Saturated, and clearly brighter than the paper around: a white page under good light is not glare.
constexpr int kSaturated = 250;
constexpr int kAbovePaper = 12;

double sharpness(const cv::Mat& grey) {
    const cv::Mat page = detail::shrunk_to(grey, kSharpnessSide);
    cv::Mat laplacian;
    cv::Laplacian(page, laplacian, CV_32F);
    cv::Scalar mean;
    cv::Scalar deviation;
    cv::meanStdDev(laplacian, mean, deviation);
    return deviation[0] * deviation[0];
}

cv::Mat page_mask(cv::Size size, const std::optional<Quad>& quad) {
    if (!quad) return cv::Mat(size, CV_8UC1, cv::Scalar(255));
    cv::Mat mask(size, CV_8UC1, cv::Scalar(0));
    std::vector<cv::Point> polygon;
    for (const auto& c : quad->corners) {
        polygon.emplace_back(static_cast<int>(std::lround(c.x)), static_cast<int>(std::lround(c.y)));
    }
    cv::fillConvexPoly(mask, polygon, cv::Scalar(255));
    return mask;
}

double glare_fraction(const cv::Mat& grey, const cv::Mat& mask, int paper) {
    const double page_area = cv::countNonZero(mask);
    if (page_area <= 0 || paper + kAbovePaper > kSaturated + 5) return 0;
    cv::Mat bright;
    cv::threshold(grey, bright, std::max(kSaturated, paper + kAbovePaper) - 1, 255, cv::THRESH_BINARY);
    bright &= mask;
    // Single saturated pixels are sensor noise or a white glyph gap, not a reflection.
    cv::morphologyEx(bright, bright, cv::MORPH_OPEN,
                     cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(5, 5)));
    cv::Mat labels;
    cv::Mat stats;
    cv::Mat centroids;
    const int count = cv::connectedComponentsWithStats(bright, labels, stats, centroids, 8, CV_32S);
    const double min_blob = std::max(25.0, 0.0005 * page_area);
    double glare = 0;
    for (int i = 1; i < count; ++i) {
        const double area = stats.at<int>(i, cv::CC_STAT_AREA);
        if (area >= min_blob) glare += area;
    }
    return glare / page_area;
}

// Median height of glyph-sized ink blobs: close to the x-height for running text, which is what OCR needs.
double text_height(const cv::Mat& binary) {
    cv::Mat ink;
    cv::threshold(binary, ink, 127, 255, cv::THRESH_BINARY_INV);
    cv::Mat labels;
    cv::Mat stats;
    cv::Mat centroids;
    const int count = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
    std::vector<int> heights;
    for (int i = 1; i < count; ++i) {
        const int h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
        const int w = stats.at<int>(i, cv::CC_STAT_WIDTH);
        const int area = stats.at<int>(i, cv::CC_STAT_AREA);
        if (h < 3 || area < 6) continue;                           // specks
        if (h > binary.rows / 8 || w > binary.cols / 6) continue;  // rules, frames, photos
        heights.push_back(h);
    }
    if (heights.size() < 20) return 0;
    const auto middle = heights.begin() + static_cast<std::ptrdiff_t>(heights.size() / 2);
    std::nth_element(heights.begin(), middle, heights.end());
    return *middle;
}

void add_framing_hints(const Image& frame, const Quad& quad, const QualityThresholds& t,
                       std::vector<Hint>& hints) {
    const double margin = std::max(2.0, t.edge_margin_fraction * std::max(frame.width, frame.height));
    bool top = false, bottom = false, left = false, right = false;
    for (const auto& c : quad.corners) {
        left |= c.x <= margin;
        right |= c.x >= frame.width - 1 - margin;
        top |= c.y <= margin;
        bottom |= c.y >= frame.height - 1 - margin;
    }
    if (top) hints.push_back(Hint::PageOutOfFrameTop);
    if (bottom) hints.push_back(Hint::PageOutOfFrameBottom);
    if (left) hints.push_back(Hint::PageOutOfFrameLeft);
    if (right) hints.push_back(Hint::PageOutOfFrameRight);
}

}  // namespace

QualityReport assess_quality(const Image& frame, const std::optional<Quad>& quad, const Image& page,
                             const Image& binary, const QualityThresholds& thresholds) {
    QualityReport report;
    report.dpi = frame.dpi;
    if (!detail::usable(frame)) return report;
    const cv::Mat frame_grey = detail::grey(frame);
    const cv::Mat mask = page_mask(frame_grey.size(), quad);
    const int paper = detail::median_level(frame_grey, mask);
    report.paper_brightness = paper;
    report.glare_fraction = glare_fraction(frame_grey, mask, paper);
    if (quad) {
        // The part of the page inside the frame: a page run off the edge counts only where it is seen.
        report.coverage = cv::countNonZero(mask) / (static_cast<double>(frame.width) * frame.height);
    }
    if (detail::usable(page)) report.sharpness = sharpness(detail::grey(page));
    if (detail::usable(binary)) {
        const cv::Mat ink = detail::grey(binary);
        report.text_height_px = text_height(ink);
        report.ink_fraction =
            1.0 - static_cast<double>(cv::countNonZero(ink)) / static_cast<double>(ink.total());
    }

    auto& hints = report.hints;
    if (report.sharpness < thresholds.min_sharpness && report.ink_fraction >= thresholds.min_ink_fraction) {
        hints.push_back(Hint::HoldStill);
    }
    if (report.glare_fraction > thresholds.max_glare_fraction) hints.push_back(Hint::AvoidGlare);
    if (quad && report.coverage < thresholds.min_coverage) hints.push_back(Hint::MoveCloser);
    if (quad) add_framing_hints(frame, *quad, thresholds, hints);
    if (report.paper_brightness < thresholds.min_paper_brightness) hints.push_back(Hint::TooDark);
    const bool low_resolution =
        frame.dpi > 0 ? frame.dpi < thresholds.min_dpi
                      : report.text_height_px > 0 && report.text_height_px < thresholds.min_text_height_px;
    if (low_resolution) hints.push_back(Hint::ResolutionTooLow);
    return report;
}

}  // namespace hk::scanner::page
