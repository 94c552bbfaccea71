// Perspective correction: the quadrilateral becomes a rectangle. The output size takes the longer of each
// pair of opposite sides so that the nearer (larger) edge keeps its resolution and the page's aspect ratio is
// kept.
#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "mat_bridge.h"
#include "paper.h"
#include "scanner/page_cleanup/geometry.h"

namespace hk::scanner::page {

namespace {
double distance(const Point& a, const Point& b) {
    return std::hypot(a.x - b.x, a.y - b.y);
}
}  // namespace

Image correct_perspective(const Image& frame, const Quad& quad) {
    if (!detail::usable(frame)) return {};
    const auto& c = quad.corners;
    const double width = std::max(distance(c[0], c[1]), distance(c[3], c[2]));
    const double height = std::max(distance(c[0], c[3]), distance(c[1], c[2]));
    // A page is never much larger than the frame it was seen in; a quad that says otherwise came from
    // elsewhere and must not make us allocate gigabytes.
    const double limit = 2.0 * std::hypot(frame.width, frame.height);
    if (!(width >= 1 && height >= 1 && width <= limit && height <= limit)) return {};
    const int w = static_cast<int>(std::lround(width));
    const int h = static_cast<int>(std::lround(height));

    std::array<cv::Point2f, 4> from;
    for (std::size_t i = 0; i < 4; ++i) {
        from[i] = cv::Point2f(static_cast<float>(c[i].x), static_cast<float>(c[i].y));
    }
    const auto right = static_cast<float>(w - 1);
    const auto bottom = static_cast<float>(h - 1);
    const std::array<cv::Point2f, 4> to{cv::Point2f(0, 0), cv::Point2f(right, 0), cv::Point2f(right, bottom),
                                        cv::Point2f(0, bottom)};
    const cv::Mat transform = cv::getPerspectiveTransform(from.data(), to.data());
    // Inside the frame, replicating the border keeps the page's own edge pixels; where a page ran off the
    // frame, paper grey is better for OCR than the streaks replication would draw.
    const bool inside = std::all_of(c.begin(), c.end(), [&](const Point& p) {
        return p.x >= -1 && p.y >= -1 && p.x <= frame.width && p.y <= frame.height;
    });
    cv::Mat out;
    if (inside) {
        cv::warpPerspective(detail::view(frame), out, transform, cv::Size(w, h), cv::INTER_LINEAR,
                            cv::BORDER_REPLICATE);
    } else {
        const cv::Mat grey = detail::grey(frame);
        cv::Mat mask(grey.size(), CV_8UC1, cv::Scalar(0));
        std::vector<cv::Point> polygon;
        for (const auto& p : c)
            polygon.emplace_back(static_cast<int>(std::lround(p.x)), static_cast<int>(std::lround(p.y)));
        cv::fillConvexPoly(mask, polygon, cv::Scalar(255));
        const int paper = detail::median_level(grey, mask);
        cv::warpPerspective(detail::view(frame), out, transform, cv::Size(w, h), cv::INTER_LINEAR,
                            cv::BORDER_CONSTANT, cv::Scalar::all(paper));
    }
    // The frame's dpi (if any) no longer applies to a resampled page.
    return detail::to_image(out, 0);
}

}  // namespace hk::scanner::page
