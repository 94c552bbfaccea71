#include "test_page.h"

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "mat_bridge.h"
#include "scanner/sim/camera_scene.h"

namespace hk::scanner::page::test {

namespace {

constexpr const char* kText =
    "The citizen places the document on the glass and the kiosk reads it. Every page is personal data, so "
    "the "
    "image is wiped as soon as the text has been read and checked. When the light is poor or the page is "
    "held at "
    "an angle, the kiosk asks the citizen to move the page or to hold it still, and it explains why in plain "
    "words. A residence permit, a birth certificate or a letter from the tax office all have to be read the "
    "same "
    "way, whether they were scanned on the flatbed or photographed by the camera above the counter. The "
    "reader "
    "looks for the outline of the sheet, flattens it, turns it the right way up and straightens the lines of "
    "text before the characters are recognised. Numbers such as 2026, 1138 and 47 must survive every step.";

std::vector<std::string> words() {
    std::vector<std::string> out;
    std::string current;
    for (const char c : std::string(kText)) {
        if (c == ' ') {
            out.push_back(current);
            current.clear();
        } else {
            current += c;
        }
    }
    out.push_back(current);
    return out;
}

}  // namespace

cv::Mat render_text_page(cv::Size size, double font_px) {
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, size.width, size.height);
    cairo_t* cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_select_font_face(cr, "DejaVu Serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, font_px);
    const double margin_x = 0.08 * size.width;
    const double margin_y = 0.08 * size.height;
    const double line_height = 1.5 * font_px;
    const auto all = words();
    std::size_t next = 0;
    for (double y = margin_y + font_px; y < size.height - margin_y; y += line_height) {
        std::string line;
        while (true) {
            const std::string candidate = line.empty() ? all[next] : line + " " + all[next];
            cairo_text_extents_t extents;
            cairo_text_extents(cr, candidate.c_str(), &extents);
            if (!line.empty() && extents.x_advance > size.width - 2 * margin_x) break;
            line = candidate;
            next = (next + 1) % all.size();
        }
        cairo_move_to(cr, margin_x, y);
        cairo_show_text(cr, line.c_str());
    }
    cairo_surface_flush(surface);
    const cv::Mat argb(size, CV_8UC4, cairo_image_surface_get_data(surface),
                       static_cast<std::size_t>(cairo_image_surface_get_stride(surface)));
    cv::Mat grey;
    cv::cvtColor(argb, grey, cv::COLOR_BGRA2GRAY);
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    return grey;
}

cv::Mat rotate_ccw(const cv::Mat& page, double angle_deg) {
    const cv::Point2f centre(static_cast<float>(page.cols - 1) / 2, static_cast<float>(page.rows - 1) / 2);
    cv::Mat transform = cv::getRotationMatrix2D(centre, angle_deg, 1.0);
    const cv::Rect2f box =
        cv::RotatedRect(centre, cv::Size2f(page.size()), static_cast<float>(angle_deg)).boundingRect2f();
    transform.at<double>(0, 2) += box.width / 2.0 - centre.x;
    transform.at<double>(1, 2) += box.height / 2.0 - centre.y;
    cv::Mat out;
    cv::warpAffine(page, out, transform, cv::Size(static_cast<int>(box.width), static_cast<int>(box.height)),
                   cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar::all(255));
    return out;
}

cv::Mat photograph(const cv::Mat& page, const std::array<cv::Point2f, 4>& quad, cv::Size frame, int paper,
                   int surface) {
    page::Quad corners;
    for (std::size_t i = 0; i < 4; ++i) corners.corners[i] = {quad[i].x, quad[i].y};
    return to_mat(sim::photograph(to_image(page), corners, frame.width, frame.height,
                                  {.paper = paper, .surface = surface, .seed = 7}));
}

cv::Mat light_gradient(const cv::Mat& image, double darkest) {
    cv::Mat field(image.size(), CV_32F);
    for (int y = 0; y < image.rows; ++y) {
        for (int x = 0; x < image.cols; ++x) {
            const double across = static_cast<double>(x) / std::max(1, image.cols - 1);
            const double down = static_cast<double>(y) / std::max(1, image.rows - 1);
            field.at<float>(y, x) = static_cast<float>((1.0 - (1.0 - darkest) * across) * (1.0 - 0.1 * down));
        }
    }
    cv::Mat value;
    image.convertTo(value, CV_32F);
    if (image.channels() == 3) cv::cvtColor(field, field, cv::COLOR_GRAY2RGB);
    cv::Mat out;
    const cv::Mat lit = value.mul(field);
    lit.convertTo(out, CV_8U);
    return out;
}

cv::Mat add_glare(const cv::Mat& image, cv::Point2f centre, float radius) {
    cv::Mat out = image.clone();
    for (int y = 0; y < out.rows; ++y) {
        for (int x = 0; x < out.cols; ++x) {
            const float r = std::hypot(static_cast<float>(x) - centre.x, static_cast<float>(y) - centre.y);
            if (r > 2 * radius) continue;
            // 1 inside radius (burnt out), fading to nothing at twice the radius.
            const float strength = r <= radius ? 1.0F : 1.0F - (r - radius) / radius;
            auto* p = out.ptr<std::uint8_t>(y) + static_cast<std::ptrdiff_t>(x) * out.channels();
            for (int c = 0; c < out.channels(); ++c) {
                p[c] = static_cast<std::uint8_t>(std::min(255.0F, p[c] + strength * 255.0F));
            }
        }
    }
    return out;
}

Image to_image(const cv::Mat& mat, int dpi) {
    return page::detail::to_image(mat, dpi);
}

cv::Mat to_mat(const Image& image) {
    return cv::Mat(image.height, image.width, image.channels == 3 ? CV_8UC3 : CV_8UC1,
                   const_cast<std::uint8_t*>(image.pixels.data()))
        .clone();
}

}  // namespace hk::scanner::page::test
