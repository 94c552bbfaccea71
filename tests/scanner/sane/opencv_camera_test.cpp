// The OpenCV camera against video files written by OpenCV's own MJPG writer, still images, and missing
// devices.
#include <gtest/gtest.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>

#include <fstream>
#include <string>

#include "capture_test_files.h"
#include "scanner/capture/opencv_camera.h"

namespace hk::scanner::capture {
namespace {

using drivers::FaultKind;

constexpr int kWidth = 64;
constexpr int kHeight = 48;

// Five frames, pure red (OpenCV writes BGR), so a channel-order mistake shows up as blue.
void write_red_video(const std::filesystem::path& file, int frames) {
    cv::VideoWriter writer{
        file.string(), cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 10.0, {kWidth, kHeight}};
    ASSERT_TRUE(writer.isOpened()) << "OpenCV cannot write MJPG here";
    const cv::Mat red{kHeight, kWidth, CV_8UC3, cv::Scalar{0, 0, 255}};
    for (int i = 0; i < frames; ++i) writer.write(red);
}

double mean_of_channel(const Image& image, int channel) {
    double sum = 0;
    for (std::size_t i = static_cast<std::size_t>(channel); i < image.pixels.size(); i += 3)
        sum += image.pixels[i];
    return sum / static_cast<double>(image.pixels.size() / 3);
}

TEST(OpenCvCameraTest, VideoFileFramesAreRgbAndLoopAtTheEnd) {
    const testing::ScratchDir dir{testing::current_test_name()};
    const auto video = dir.path() / "red.avi";
    write_red_video(video, 5);
    OpenCvCamera camera{camera_source_from("file:" + video.string())};
    EXPECT_TRUE(camera.status().ready);
    for (int i = 0; i < 12; ++i) {  // more frames than the file has
        auto frame = camera.capture_frame();
        ASSERT_TRUE(frame.has_value()) << "frame " << i << ": " << frame.error().detail;
        EXPECT_EQ(frame->width, kWidth);
        EXPECT_EQ(frame->height, kHeight);
        EXPECT_EQ(frame->channels, 3);
        EXPECT_EQ(frame->dpi, 0);
        EXPECT_GT(mean_of_channel(*frame, 0), 200.0) << "red";
        EXPECT_LT(mean_of_channel(*frame, 2), 60.0) << "blue";
    }
}

TEST(OpenCvCameraTest, StillImageIsEveryFrameExactly) {
    const testing::ScratchDir dir{testing::current_test_name()};
    const auto still = dir.path() / "still.png";
    cv::Mat bgr(3, 2, CV_8UC3);  // parentheses: braces would pick the initializer-list constructor
    for (int i = 0; i < 18; ++i) bgr.data[i] = static_cast<std::uint8_t>(i * 13);
    ASSERT_TRUE(cv::imwrite(still.string(), bgr));
    OpenCvCamera camera{camera_source_from("file:" + still.string())};
    auto frame = camera.capture_frame();
    ASSERT_TRUE(frame.has_value()) << frame.error().detail;
    ASSERT_EQ(frame->pixels.size(), 18U);
    for (std::size_t pixel = 0; pixel < 6; ++pixel) {
        EXPECT_EQ(frame->pixels[pixel * 3], bgr.data[pixel * 3 + 2]);  // R came from OpenCV's third channel
        EXPECT_EQ(frame->pixels[pixel * 3 + 1], bgr.data[pixel * 3 + 1]);
        EXPECT_EQ(frame->pixels[pixel * 3 + 2], bgr.data[pixel * 3]);
    }
}

TEST(OpenCvCameraTest, MissingDeviceIsUnplugged) {
    OpenCvCamera camera{camera_source_from("/dev/video-hukiosk-none")};
    const drivers::DeviceStatus status = camera.status();
    EXPECT_FALSE(status.ready);
    EXPECT_EQ(status.fault, FaultKind::Unplugged);
    auto frame = camera.capture_frame();
    ASSERT_FALSE(frame.has_value());
    EXPECT_EQ(frame.error().kind, FaultKind::Unplugged);
    EXPECT_EQ(frame.error().device, drivers::DeviceKind::Camera);
}

TEST(OpenCvCameraTest, VideoThatAppearsLaterIsPickedUp) {
    const testing::ScratchDir dir{testing::current_test_name()};
    const auto video = dir.path() / "later.avi";
    OpenCvCamera camera{camera_source_from("file:" + video.string())};
    auto missing = camera.capture_frame();
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().kind, FaultKind::Unplugged);
    write_red_video(video, 2);
    auto frame = camera.capture_frame();
    ASSERT_TRUE(frame.has_value()) << frame.error().detail;
    EXPECT_EQ(frame->width, kWidth);
}

TEST(OpenCvCameraTest, GarbageVideoIsNotAFrame) {
    const testing::ScratchDir dir{testing::current_test_name()};
    const auto video = dir.path() / "garbage.avi";
    std::ofstream{video} << "this is not a video";
    OpenCvCamera camera{camera_source_from("file:" + video.string())};
    auto frame = camera.capture_frame();
    ASSERT_FALSE(frame.has_value());
    EXPECT_TRUE(frame.error().kind == FaultKind::Unplugged || frame.error().kind == FaultKind::IoError)
        << frame.error().detail;
}

TEST(CameraSourceTest, SpecNamesTheKind) {
    EXPECT_EQ(camera_source_from("/dev/video0").kind, CameraSource::Kind::Device);
    EXPECT_EQ(camera_source_from("file:/x/a.AVI").kind, CameraSource::Kind::VideoFile);
    EXPECT_EQ(camera_source_from("file:/x/a.PNG").kind, CameraSource::Kind::StillImage);
    EXPECT_EQ(camera_source_from("file:/x/a.png").path, "/x/a.png");
}

// ---- self-test ----

std::string checked(const drivers::SelfTestResult& result, const std::string& name) {
    for (const auto& [key, value] : result.checks) {
        if (key == name) return value;
    }
    return "";
}

TEST(OpenCvCameraTest, SelfTestGrabsAFrameAndChecksItIsNotBlank) {
    const testing::ScratchDir dir{testing::current_test_name()};
    const auto still = dir.path() / "scene.png";
    cv::Mat scene(kHeight, kWidth, CV_8UC3, cv::Scalar{40, 90, 160});
    scene(cv::Rect{10, 10, 20, 15}).setTo(cv::Scalar{250, 250, 250});
    ASSERT_TRUE(cv::imwrite(still.string(), scene));
    OpenCvCamera camera{camera_source_from("file:" + still.string())};
    const drivers::SelfTestResult result = camera.self_test();
    EXPECT_TRUE(result.passed) << result.summary;
    EXPECT_EQ(checked(result, "frame_size"), std::to_string(kWidth) + "x" + std::to_string(kHeight));
    EXPECT_EQ(checked(result, "frame_content"), "varied");
}

TEST(OpenCvCameraTest, SelfTestOfABlankPictureFails) {
    const testing::ScratchDir dir{testing::current_test_name()};
    const auto still = dir.path() / "covered.png";
    ASSERT_TRUE(cv::imwrite(still.string(), cv::Mat(kHeight, kWidth, CV_8UC3, cv::Scalar{0, 0, 255})));
    OpenCvCamera camera{camera_source_from("file:" + still.string())};
    const drivers::SelfTestResult result = camera.self_test();
    EXPECT_FALSE(result.passed);
    EXPECT_EQ(result.fault, FaultKind::Unreadable) << result.summary;
    EXPECT_EQ(checked(result, "frame_content"), "uniform");
}

TEST(OpenCvCameraTest, SelfTestOfAMissingCameraIsUnplugged) {
    OpenCvCamera camera{camera_source_from("/dev/video-hukiosk-none")};
    const drivers::SelfTestResult result = camera.self_test();
    EXPECT_FALSE(result.passed);
    EXPECT_EQ(result.fault, FaultKind::Unplugged) << result.summary;
    EXPECT_EQ(drivers::fault_code(drivers::DeviceKind::Camera, *result.fault), "CAM-01");
}

}  // namespace
}  // namespace hk::scanner::capture
