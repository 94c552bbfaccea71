#include "mat_bridge.h"

#include <algorithm>

#include <opencv2/imgproc.hpp>

namespace hk::scanner::page::detail {

bool usable(const Image& image) {
    if (image.width <= 0 || image.height <= 0) return false;
    if (image.channels != 1 && image.channels != 3) return false;
    return image.pixels.size() == static_cast<std::size_t>(image.width) *
                                      static_cast<std::size_t>(image.height) *
                                      static_cast<std::size_t>(image.channels);
}

cv::Mat view(const Image& image) {
    // OpenCV's Mat constructor takes a non-const pointer; the callers only read through this view.
    auto* data = const_cast<std::uint8_t*>(image.pixels.data());
    return cv::Mat(image.height, image.width, image.channels == 3 ? CV_8UC3 : CV_8UC1, data);
}

cv::Mat grey(const Image& image) {
    cv::Mat out;
    if (image.channels == 3) {
        cv::cvtColor(view(image), out, cv::COLOR_RGB2GRAY);
    } else {
        out = view(image).clone();
    }
    return out;
}

Image to_image(const cv::Mat& mat, int dpi) {
    Image image;
    image.width = mat.cols;
    image.height = mat.rows;
    image.channels = mat.channels();
    image.dpi = dpi;
    const auto row_bytes = static_cast<std::size_t>(mat.cols) * static_cast<std::size_t>(mat.channels());
    image.pixels.resize(row_bytes * static_cast<std::size_t>(mat.rows));
    for (int y = 0; y < mat.rows; ++y) {
        const auto* row = mat.ptr<std::uint8_t>(y);
        std::copy(row, row + row_bytes, image.pixels.begin() + static_cast<std::ptrdiff_t>(row_bytes * y));
    }
    return image;
}

cv::Mat shrunk_to(const cv::Mat& image, int longest_side) {
    const int longest = std::max(image.cols, image.rows);
    if (longest <= longest_side) return image;
    cv::Mat small;
    const double scale = static_cast<double>(longest_side) / longest;
    cv::resize(image, small, cv::Size(), scale, scale, cv::INTER_AREA);
    return small;
}

}  // namespace hk::scanner::page::detail
