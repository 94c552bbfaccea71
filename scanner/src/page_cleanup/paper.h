// The paper's grey level: the median of a page, since on a text page most pixels are paper.
#pragma once

#include <opencv2/core.hpp>

namespace hk::scanner::page::detail {

// Median of an 8-bit single-channel Mat, optionally only where mask is non-zero; 0 for an empty selection.
int median_level(const cv::Mat& grey, const cv::Mat& mask = {});

}  // namespace hk::scanner::page::detail
