// Uneven light: paper brightness changes slowly across a page while ink is small and dark, so a grey-level
// closing wider than any glyph sees only paper. Dividing by that estimate turns shading into a flat white.
#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "mat_bridge.h"
#include "scanner/page_cleanup/light.h"

namespace hk::scanner::page {

namespace {
// The background is smooth, so it is estimated on a small copy: the closing's cost grows with the kernel
// area.
constexpr int kBackgroundSide = 600;
}  // namespace

Image normalise_light(const Image& page) {
    if (!detail::usable(page)) return {};
    const cv::Mat grey = detail::grey(page);
    const int longest = std::max(grey.cols, grey.rows);
    const double scale = std::min(1.0, static_cast<double>(kBackgroundSide) / longest);
    cv::Mat small;
    cv::resize(grey, small, cv::Size(), scale, scale, cv::INTER_AREA);
    // About 1/25 of the page: wider than a heading's letters, narrower than the shading it must follow.
    const int k = std::max(3, std::max(small.cols, small.rows) / 25) | 1;
    cv::Mat background;
    cv::morphologyEx(small, background, cv::MORPH_CLOSE,
                     cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(k, k)));
    cv::GaussianBlur(background, background, cv::Size(k, k), 0);
    cv::resize(background, background, grey.size(), 0, 0, cv::INTER_LINEAR);
    background = cv::max(background, 1);
    cv::Mat out;
    cv::divide(grey, background, out, 255.0);
    return detail::to_image(out, page.dpi);
}

}  // namespace hk::scanner::page
