// Between the kiosk's Image and OpenCV's Mat, so that no public header needs OpenCV.
#pragma once

#include <opencv2/core.hpp>

#include "scanner/image.h"

namespace hk::scanner::page::detail {

// A view of the pixels (no copy): valid while the image lives and is not changed. Channels 1 or 3 (RGB).
cv::Mat view(const Image& image);
// A grey copy whatever the channels.
cv::Mat grey(const Image& image);
// An Image owning a copy of a continuous or strided 8-bit Mat with 1 or 3 channels.
Image to_image(const cv::Mat& mat, int dpi);
// The image scaled down (area averaging) so its longer side is at most `longest_side`; the image itself when
// it is no larger. Measures that need no full resolution run on this, in time independent of the scan's dpi.
cv::Mat shrunk_to(const cv::Mat& image, int longest_side);
// Whether the image is something the clean-up can work on at all.
bool usable(const Image& image);

}  // namespace hk::scanner::page::detail
