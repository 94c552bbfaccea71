// Sauvola binarisation: the threshold follows the local mean and drops where the local contrast is low, so
// faint paper texture stays white while thin strokes next to bold ones are kept; a global Otsu loses one or
// the other.
#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "mat_bridge.h"
#include "scanner/page_cleanup/light.h"

namespace hk::scanner::page {

Image binarise(const Image& page, const BinariseOptions& options) {
    if (!detail::usable(page)) return {};
    const cv::Mat grey = detail::grey(page);
    int window = options.window > 0 ? options.window : std::max(15, std::min(grey.cols, grey.rows) / 30);
    window |= 1;
    // The local statistics change slowly, so they are taken on a copy a quarter the size: a full-size float
    // pipeline on a 300 dpi A4 page (8.7 M pixels) costs several hundred milliseconds in memory traffic
    // alone. Squares are reduced alongside the values (not squared after), so the local deviation is kept.
    const int factor = window >= 32 ? 4 : 1;
    cv::Mat square;
    cv::multiply(grey, grey, square, 1.0, CV_16U);
    cv::Mat value = grey;
    if (factor > 1) {
        const double scale = 1.0 / factor;
        cv::resize(grey, value, cv::Size(), scale, scale, cv::INTER_AREA);
        cv::resize(square, square, value.size(), 0, 0, cv::INTER_AREA);
    }
    const int small_window = std::max(3, window / factor) | 1;
    const cv::Size box(small_window, small_window);
    cv::Mat mean;
    cv::Mat mean_square;
    cv::boxFilter(value, mean, CV_32F, box, cv::Point(-1, -1), true, cv::BORDER_REPLICATE);
    cv::boxFilter(square, mean_square, CV_32F, box, cv::Point(-1, -1), true, cv::BORDER_REPLICATE);
    cv::Mat deviation = mean_square - mean.mul(mean);
    deviation = cv::max(deviation, 0.0);
    cv::sqrt(deviation, deviation);
    // Dynamic range of the standard deviation for 8-bit images, as in Sauvola's paper.
    constexpr double kRange = 128.0;
    const cv::Mat small_threshold = mean.mul(1.0 - options.k + deviation * (options.k / kRange));
    // Half a grey level of rounding does not move an edge; an 8-bit surface keeps the full-size work small.
    cv::Mat threshold;
    small_threshold.convertTo(threshold, CV_8U);
    if (factor > 1) cv::resize(threshold, threshold, grey.size(), 0, 0, cv::INTER_LINEAR);
    cv::Mat out;
    cv::compare(grey, threshold, out, cv::CMP_GT);
    return detail::to_image(out, page.dpi);
}

}  // namespace hk::scanner::page
