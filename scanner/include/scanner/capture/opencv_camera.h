// A camera through OpenCV's VideoCapture: a V4L2 device, a video file, or a still image standing in for one.
#pragma once

#include <cstdint>
#include <expected>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "scanner/document_scanner.h"

namespace cv {
class VideoCapture;
}

namespace hk::scanner::capture {

struct CameraSource {
    enum class Kind : std::uint8_t { Device, VideoFile, StillImage };
    Kind kind = Kind::Device;
    std::string path;  // "/dev/video0", or a file
};

// "/dev/video0" → Device; "file:/x/y.avi" → VideoFile; "file:/x/y.png" (or .jpg .pgm .ppm .bmp) → StillImage.
CameraSource camera_source_from(std::string_view spec);

// Opens lazily and keeps the capture open. When the device cannot be opened: Unplugged. When a read fails the
// capture is released and opened again on the next call (a re-plugged camera comes back). A video file loops
// at its end, so a test or demo camera never runs dry; a still image is every frame.
class OpenCvCamera final : public Camera {
  public:
    explicit OpenCvCamera(CameraSource source);
    ~OpenCvCamera() override;
    OpenCvCamera(const OpenCvCamera&) = delete;
    OpenCvCamera& operator=(const OpenCvCamera&) = delete;

    drivers::DeviceStatus status() override;
    // Grabs one frame and checks that it arrived, has a size, and is not blank (one value everywhere).
    drivers::SelfTestResult self_test() override;
    std::expected<Image, drivers::DeviceFault> capture_frame() override;

  private:
    std::expected<void, drivers::DeviceFault> ensure_open();

    std::mutex mutex_;
    CameraSource source_;
    std::unique_ptr<cv::VideoCapture> capture_;  // open, or null
};

}  // namespace hk::scanner::capture
