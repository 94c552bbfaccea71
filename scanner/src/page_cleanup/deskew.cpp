// Skew by projection profiles: ink projected across the text lines piles up in sharp peaks (lines) and gaps
// (leading) only when the projection is taken along the lines, so the angle whose profile has the largest sum
// of squares is the text's angle. Projecting the ink pixels' coordinates (not rotating the image per angle)
// keeps a fine search cheap.
#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "mat_bridge.h"
#include "paper.h"
#include "scanner/page_cleanup/deskew.h"

namespace hk::scanner::page {

namespace {

constexpr double kDegree = std::numbers::pi / 180.0;
// The angle does not depend on scale; a page this size still has lines long enough for a 0.1 degree answer.
constexpr int kWorkingSide = 1400;
constexpr std::size_t kMaxInkPoints = 80000;

struct Ink {
    std::vector<cv::Point2f> points;
    double diagonal = 0;
};

Ink ink_points(const cv::Mat& grey) {
    const cv::Mat small = detail::shrunk_to(grey, kWorkingSide);
    // A local threshold so that a shadow across the page does not count as ink.
    const int block = std::max(15, std::min(small.cols, small.rows) / 40) | 1;
    cv::Mat ink;
    cv::adaptiveThreshold(small, ink, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, block, 15);
    std::vector<cv::Point> all;
    cv::findNonZero(ink, all);
    Ink out;
    out.diagonal = std::hypot(small.cols, small.rows);
    const std::size_t stride = std::max<std::size_t>(1, all.size() / kMaxInkPoints);
    // Centred coordinates keep the projected range (and so the histogram) small.
    const cv::Point2f centre(static_cast<float>(small.cols) / 2, static_cast<float>(small.rows) / 2);
    for (std::size_t i = 0; i < all.size(); i += stride) out.points.push_back(cv::Point2f(all[i]) - centre);
    return out;
}

// Sum of squares of the profile across lines tilted angle_deg counter-clockwise (vertical: lines running
// top to bottom, tilted the same way).
double profile_score(const Ink& ink, double angle_deg, bool vertical, std::vector<double>& bins) {
    const double t = angle_deg * kDegree;
    const double s = std::sin(t);
    const double c = std::cos(t);
    const double offset = ink.diagonal / 2 + 1;
    bins.assign(static_cast<std::size_t>(ink.diagonal) + 3, 0.0);
    for (const auto& p : ink.points) {
        const double d = vertical ? p.x * c - p.y * s : p.x * s + p.y * c;
        bins[static_cast<std::size_t>(d + offset)] += 1;
    }
    double score = 0;
    for (const double b : bins) score += b * b;
    return score;
}

}  // namespace

SkewEstimate estimate_skew(const Image& page, double max_angle_deg) {
    if (!detail::usable(page) || page.width < 16 || page.height < 16) return {};
    const Ink ink = ink_points(detail::grey(page));
    if (ink.points.size() < 100) return {};
    max_angle_deg = std::clamp(max_angle_deg, 0.0, 44.0);

    std::vector<double> bins;
    double best_score = -1;
    double best_angle = 0;
    bool best_vertical = false;
    double total = 0;
    int evaluated = 0;
    constexpr double kCoarseStep = 0.5;
    for (const bool vertical : {false, true}) {
        for (double a = -max_angle_deg; a <= max_angle_deg + 1e-9; a += kCoarseStep) {
            const double score = profile_score(ink, a, vertical, bins);
            total += score;
            ++evaluated;
            if (score > best_score) best_score = score, best_angle = a, best_vertical = vertical;
        }
    }
    const double coarse_mean = total / evaluated;
    const double coarse_angle = best_angle;
    for (double a = coarse_angle - kCoarseStep; a <= coarse_angle + kCoarseStep + 1e-9; a += 0.05) {
        const double score = profile_score(ink, a, best_vertical, bins);
        if (score > best_score) best_score = score, best_angle = a;
    }
    return {.angle_deg = best_angle, .confidence = coarse_mean > 0 ? best_score / coarse_mean : 0};
}

Image rotate_page(const Image& page, double angle_deg) {
    if (!detail::usable(page)) return {};
    const cv::Mat src = detail::view(page);
    const cv::Point2f centre(static_cast<float>(page.width - 1) / 2, static_cast<float>(page.height - 1) / 2);
    cv::Mat transform = cv::getRotationMatrix2D(centre, angle_deg, 1.0);
    const double c = std::abs(std::cos(angle_deg * kDegree));
    const double s = std::abs(std::sin(angle_deg * kDegree));
    const int w = static_cast<int>(std::lround(page.width * c + page.height * s));
    const int h = static_cast<int>(std::lround(page.width * s + page.height * c));
    transform.at<double>(0, 2) += (w - 1) / 2.0 - centre.x;
    transform.at<double>(1, 2) += (h - 1) / 2.0 - centre.y;
    // Paper-coloured corners: white ones would look like glare on grey paper and shift the light estimate.
    const double paper = detail::median_level(detail::grey(page));
    cv::Mat out;
    cv::warpAffine(src, out, transform, cv::Size(w, h), cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                   cv::Scalar::all(paper));
    return detail::to_image(out, page.dpi);
}

}  // namespace hk::scanner::page
