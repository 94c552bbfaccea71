#include "mat_to_image.h"

#include <opencv2/imgproc.hpp>

#include <cstddef>

namespace hk::scanner::capture::detail {

Image image_from_mat(const cv::Mat& mat, int dpi) {
    if (mat.empty() || mat.depth() != CV_8U) return {};
    cv::Mat converted;
    switch (mat.channels()) {
        case 1:
            converted = mat.isContinuous() ? mat : mat.clone();
            break;
        case 3:
            cv::cvtColor(mat, converted, cv::COLOR_BGR2RGB);
            break;
        case 4:
            cv::cvtColor(mat, converted, cv::COLOR_BGRA2RGB);
            break;
        default:
            return {};
    }
    Image image;
    image.width = converted.cols;
    image.height = converted.rows;
    image.channels = converted.channels();
    image.dpi = dpi;
    const auto size = converted.total() * converted.elemSize();
    image.pixels.assign(converted.data, converted.data + static_cast<std::ptrdiff_t>(size));
    return image;
}

}  // namespace hk::scanner::capture::detail
