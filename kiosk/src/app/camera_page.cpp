#include "camera_page.h"

#include <opencv2/imgproc.hpp>

#include "ops/events/log_event.h"
#include "scanner/page_cleanup/page_cleanup.h"

namespace hk::kiosk {

namespace {

using scanner::page::Hint;

constexpr std::string_view kNoPage = "camera_no_page";

// A scaled-down RGB copy of the frame with the page's outline drawn in green where it was found.
std::shared_ptr<const ui::Photo> preview_of(const scanner::Image& frame,
                                            const std::optional<scanner::page::Quad>& outline, int width) {
    if (frame.width <= 0 || frame.height <= 0 || (frame.channels != 1 && frame.channels != 3)) return nullptr;
    // OpenCV's Mat wants a non-const pointer; the frame is only read.
    const cv::Mat pixels(frame.height, frame.width, frame.channels == 3 ? CV_8UC3 : CV_8UC1,
                         const_cast<std::uint8_t*>(frame.pixels.data()));
    const double scale = std::min(1.0, static_cast<double>(width) / frame.width);
    cv::Mat small;
    cv::resize(pixels, small, cv::Size(), scale, scale, cv::INTER_AREA);
    if (small.channels() == 1) cv::cvtColor(small, small, cv::COLOR_GRAY2RGB);
    if (outline) {
        std::vector<cv::Point> corners;
        for (const scanner::page::Point& corner : outline->corners) {
            corners.emplace_back(static_cast<int>(corner.x * scale), static_cast<int>(corner.y * scale));
        }
        cv::polylines(small, corners, true, cv::Scalar(40, 200, 60), 3, cv::LINE_AA);
    }
    std::vector<std::uint8_t> rgb(small.total() * 3);
    for (int y = 0; y < small.rows; ++y) {
        std::copy_n(small.ptr<std::uint8_t>(y), small.cols * 3,
                    rgb.data() + static_cast<std::size_t>(y) * small.cols * 3);
    }
    small.setTo(cv::Scalar::all(0));
    return std::make_shared<const ui::Photo>(small.cols, small.rows, std::move(rgb));
}

}  // namespace

std::string camera_hint_id(Hint hint) {
    switch (hint) {
        case Hint::HoldStill:
            return "camera_hold_still";
        case Hint::AvoidGlare:
            return "camera_glare";
        case Hint::MoveCloser:
        case Hint::ResolutionTooLow:
            return "camera_move_closer";  // the page is small in the frame: its text too
        case Hint::PageOutOfFrameTop:
            return "camera_move_down";  // it runs off the top: the citizen moves it towards themselves
        case Hint::PageOutOfFrameBottom:
            return "camera_move_up";
        case Hint::PageOutOfFrameLeft:
            return "camera_move_right";
        case Hint::PageOutOfFrameRight:
            return "camera_move_left";
        case Hint::TooDark:
            return "camera_too_dark";
    }
    return std::string(kNoPage);
}

CameraLook look_at_frame(const scanner::Image& frame, int preview_width) {
    scanner::page::CleanupOptions options;
    options.source = scanner::page::Source::Camera;
    options.detect_orientation = false;  // only for the page taken: too slow for every frame
    auto cleaned = scanner::page::clean_page(frame, options);
    CameraLook look;
    if (!cleaned || !cleaned->outline) {
        look.preview = preview_of(frame, std::nullopt, preview_width);
        look.hints.emplace_back(kNoPage);
        return look;
    }
    look.preview = preview_of(frame, cleaned->outline, preview_width);
    for (const Hint hint : cleaned->quality.hints) {
        std::string id = camera_hint_id(hint);
        if (std::find(look.hints.begin(), look.hints.end(), id) == look.hints.end()) look.hints.push_back(id);
    }
    cleaned->grey.wipe();
    cleaned->binary.wipe();
    return look;
}

std::expected<scanner::Image, std::string> take_camera_page(scanner::Image frame) {
    scanner::page::CleanupOptions options;
    options.source = scanner::page::Source::Camera;
    auto cleaned = scanner::page::clean_page(frame, options);
    frame.wipe();
    if (!cleaned || !cleaned->outline) {
        ops::log_event(ops::EventId::PageRefused, "camera page refused: {}",
                       cleaned ? std::string("no page outline") : cleaned.error());
        return std::unexpected(std::string(kNoPage));
    }
    cleaned->binary.wipe();
    if (!cleaned->quality.hints.empty()) {
        const Hint hint = cleaned->quality.hints.front();
        ops::log_event(ops::EventId::PageRefused,
                       "camera page refused: {} (sharpness {:.0f}, coverage {:.2f})",
                       scanner::page::to_string(hint), cleaned->quality.sharpness, cleaned->quality.coverage);
        cleaned->grey.wipe();
        return std::unexpected(camera_hint_id(hint));
    }
    return std::move(cleaned->grey);
}

}  // namespace hk::kiosk
