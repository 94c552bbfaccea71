// OpenCV matrices into the kiosk's Image (RGB or grey, tightly packed), for camera frames and image files.
#pragma once

#include <opencv2/core.hpp>

#include "scanner/image.h"

namespace hk::scanner::capture::detail {

// Accepts 8-bit grey, BGR or BGRA (OpenCV's channel order) and returns grey or RGB. Empty for anything else.
Image image_from_mat(const cv::Mat& mat, int dpi);

}  // namespace hk::scanner::capture::detail
