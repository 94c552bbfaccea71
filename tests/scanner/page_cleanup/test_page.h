// Test pages with known truth: a page of English text rendered with cairo, and the degradations a camera or a
// flatbed applies to it, each with a parameter the tests can check the clean-up against.
#pragma once

#include <array>

#include <opencv2/core.hpp>

#include "scanner/image.h"

namespace hk::scanner::page::test {

// White page (255) with black running text, font_px high, about 8 % margins. Grey, CV_8UC1.
cv::Mat render_text_page(cv::Size size, double font_px);

// Rotated counter-clockwise by angle_deg about the centre onto a canvas that holds all of it; new pixels
// white.
cv::Mat rotate_ccw(const cv::Mat& page, double angle_deg);

// The page at paper level `paper` warped into quad (top-left, top-right, bottom-right, bottom-left) on a
// darker, slightly noisy surface, anti-aliased like a lens would. RGB, CV_8UC3.
cv::Mat photograph(const cv::Mat& page, const std::array<cv::Point2f, 4>& quad, cv::Size frame,
                   int paper = 210, int surface = 50);

// Brightness falling off linearly from 1 at the left to `darkest` at the right, and a little towards the
// bottom.
cv::Mat light_gradient(const cv::Mat& image, double darkest);

// A burnt-out reflection: a soft blob saturated to 255 within `radius` of centre.
cv::Mat add_glare(const cv::Mat& image, cv::Point2f centre, float radius);

Image to_image(const cv::Mat& mat, int dpi = 0);
cv::Mat to_mat(const Image& image);

}  // namespace hk::scanner::page::test
