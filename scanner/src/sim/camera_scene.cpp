#include "scanner/sim/camera_scene.h"

#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "../page_cleanup/mat_bridge.h"

namespace hk::scanner::sim {

namespace {

std::array<cv::Point2f, 4> to_points(const page::Quad& quad) {
    std::array<cv::Point2f, 4> points;
    for (std::size_t i = 0; i < 4; ++i) {
        points[i] = cv::Point2f(static_cast<float>(quad.corners[i].x), static_cast<float>(quad.corners[i].y));
    }
    return points;
}

page::Quad moved(page::Quad quad, double dx, double dy) {
    for (page::Point& corner : quad.corners) {
        corner.x += dx;
        corner.y += dy;
    }
    return quad;
}

}  // namespace

Image photograph(const Image& page, const page::Quad& quad, int width, int height, const CounterLook& look) {
    const cv::Mat grey = page::detail::grey(page);
    const cv::Size frame(width, height);
    const std::array<cv::Point2f, 4> from{
        cv::Point2f(0, 0), cv::Point2f(static_cast<float>(grey.cols), 0),
        cv::Point2f(static_cast<float>(grey.cols), static_cast<float>(grey.rows)),
        cv::Point2f(0, static_cast<float>(grey.rows))};
    const std::array<cv::Point2f, 4> to = to_points(quad);
    const cv::Mat transform = cv::getPerspectiveTransform(from.data(), to.data());
    cv::Mat dimmed;
    grey.convertTo(dimmed, CV_32F, look.paper / 255.0);
    cv::Mat warped;
    cv::warpPerspective(dimmed, warped, transform, frame, cv::INTER_LINEAR, cv::BORDER_CONSTANT, 0);
    // The page's coverage of each pixel, so that its edge is anti-aliased where the true quad says.
    cv::Mat alpha;
    cv::warpPerspective(cv::Mat(grey.size(), CV_32F, cv::Scalar(1)), alpha, transform, frame,
                        cv::INTER_LINEAR, cv::BORDER_CONSTANT, 0);
    cv::Mat counter(frame, CV_32F);
    cv::RNG rng(look.seed);
    rng.fill(counter, cv::RNG::NORMAL, look.surface, 4);
    const cv::Mat mixed = warped + counter.mul(1.0 - alpha);
    cv::Mat grey_frame;
    mixed.convertTo(grey_frame, CV_8U);
    cv::Mat rgb;
    cv::cvtColor(grey_frame, rgb, cv::COLOR_GRAY2RGB);
    return page::detail::to_image(rgb, 0);
}

page::Quad resting_quad(int width, int height, double page_aspect) {
    const double w = width;
    const double h = height;
    // As large as 80 % of the frame allows either way, its far edge a little narrower (the camera looks down
    // at a slight angle).
    const double page_w = std::min(0.8 * w, 0.8 * h / page_aspect);
    const double page_h = page_w * page_aspect;
    const double left = (w - page_w) / 2;
    const double top = (h - page_h) / 2;
    const double lean = 0.02 * page_w;
    return {{page::Point{left + lean, top}, page::Point{left + page_w - lean, top + 0.01 * h},
             page::Point{left + page_w + lean, top + page_h},
             page::Point{left - lean, top + page_h - 0.01 * h}}};
}

std::vector<Image> laying_down_frames(const Image& page, int width, int height) {
    const page::Quad rest = resting_quad(width, height, static_cast<double>(page.height) / page.width);
    std::vector<Image> frames;
    // Coming in from the citizen's side: the top of the page beyond the frame's top edge.
    frames.push_back(photograph(page, moved(rest, 0, -0.3 * height), width, height, {.seed = 1}));
    frames.push_back(photograph(page, moved(rest, 0, -0.25 * height), width, height, {.seed = 2}));
    // In place but still moving: motion blur.
    const Image moving = photograph(page, rest, width, height, {.seed = 3});
    cv::Mat blurred;
    cv::GaussianBlur(page::detail::view(moving), blurred, cv::Size(0, 0), 2.5);
    frames.push_back(page::detail::to_image(blurred, 0));
    frames.push_back(photograph(page, rest, width, height, {.seed = 4}));
    return frames;
}

}  // namespace hk::scanner::sim
