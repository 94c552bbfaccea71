#include "scanner/capture/opencv_camera.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>
#include <opencv2/videoio/registry.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>

#include "mat_to_image.h"
#include "scanner/frame_check.h"

namespace hk::scanner::capture {

using drivers::DeviceFault;
using drivers::DeviceKind;
using drivers::FaultKind;

namespace {

std::unexpected<DeviceFault> fault(FaultKind kind, std::string detail) {
    return std::unexpected(DeviceFault{DeviceKind::Camera, kind, std::move(detail)});
}

bool is_still_image(std::string_view path) {
    std::string extension = std::filesystem::path{path}.extension().string();
    std::ranges::transform(extension, extension.begin(), [](char c) {
        return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    });
    constexpr std::array<std::string_view, 8> kStill = {".png", ".jpg", ".jpeg", ".pgm",
                                                        ".ppm", ".pnm", ".bmp",  ".tif"};
    return std::ranges::find(kStill, extension) != kStill.end();
}

}  // namespace

CameraSource camera_source_from(std::string_view spec) {
    constexpr std::string_view kFile = "file:";
    if (spec.starts_with(kFile)) {
        const std::string_view path = spec.substr(kFile.size());
        return {is_still_image(path) ? CameraSource::Kind::StillImage : CameraSource::Kind::VideoFile,
                std::string{path}};
    }
    return {CameraSource::Kind::Device, std::string{spec}};
}

OpenCvCamera::OpenCvCamera(CameraSource source) : source_(std::move(source)) {}

OpenCvCamera::~OpenCvCamera() = default;

std::expected<void, DeviceFault> OpenCvCamera::ensure_open() {
    if (source_.kind == CameraSource::Kind::StillImage) {
        if (!std::filesystem::exists(source_.path))
            return fault(FaultKind::Unplugged, "no image " + source_.path);
        return {};
    }
    if (capture_ && capture_->isOpened()) return {};
    // Name the backend: CAP_ANY tries GStreamer and the image-sequence reader first, each failing slowly and
    // logging exceptions for a missing or broken file.
    int api = cv::CAP_V4L2;
    if (source_.kind == CameraSource::Kind::VideoFile) {
        api = cv::videoio_registry::hasBackend(cv::CAP_FFMPEG) ? cv::CAP_FFMPEG : cv::CAP_ANY;
    }
    auto capture = std::make_unique<cv::VideoCapture>();
    if (!capture->open(source_.path, api) || !capture->isOpened()) {
        return fault(FaultKind::Unplugged, "camera " + source_.path + " cannot be opened");
    }
    capture_ = std::move(capture);
    return {};
}

drivers::DeviceStatus OpenCvCamera::status() {
    const std::scoped_lock lock{mutex_};
    if (auto opened = ensure_open(); !opened) return drivers::faulted_status(opened.error());
    drivers::DeviceStatus status;
    status.ready = true;
    status.detail = "camera " + source_.path + " open";
    return status;
}

drivers::SelfTestResult OpenCvCamera::self_test() {
    std::vector<std::pair<std::string, std::string>> checks{{"camera", source_.path}};
    auto frame = capture_frame();
    if (!frame) return drivers::failed_self_test(frame.error(), std::move(checks));
    auto problem = check_frame(*frame, std::nullopt, 0, checks);
    frame->wipe();  // the camera may be looking at a citizen
    if (problem) {
        return drivers::failed_self_test(
            DeviceFault{kind(), FaultKind::Unreadable, "camera " + source_.path + ": " + *problem},
            std::move(checks));
    }
    return drivers::SelfTestResult{true, std::nullopt, "camera " + source_.path + " delivers frames",
                                   std::move(checks)};
}

std::expected<Image, DeviceFault> OpenCvCamera::capture_frame() {
    const std::scoped_lock lock{mutex_};
    if (auto opened = ensure_open(); !opened) return std::unexpected(opened.error());
    cv::Mat frame;
    if (source_.kind == CameraSource::Kind::StillImage) {
        frame = cv::imread(source_.path, cv::IMREAD_COLOR);
        if (frame.empty()) return fault(FaultKind::Unreadable, "image " + source_.path + " does not decode");
    } else if (!capture_->read(frame) || frame.empty()) {
        capture_.reset();
        if (source_.kind == CameraSource::Kind::Device) {
            return fault(FaultKind::Timeout, "camera " + source_.path + " delivered no frame");
        }
        // End of the video: start it again, as if the camera kept filming.
        if (auto reopened = ensure_open(); !reopened) return std::unexpected(reopened.error());
        if (!capture_->read(frame) || frame.empty()) {
            capture_.reset();
            return fault(FaultKind::IoError, "video " + source_.path + " has no readable frame");
        }
    }
    Image image = detail::image_from_mat(frame, 0);
    if (image.empty())
        return fault(FaultKind::Unreadable, "camera " + source_.path + " frame format unsupported");
    return image;
}

}  // namespace hk::scanner::capture
