// The capture factory: config strings to devices, and clear errors for configs that name nothing.
#include <gtest/gtest.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "capture_test_files.h"
#include "scanner/capture/open_capture.h"

namespace hk::scanner::capture {
namespace {

TEST(OpenCaptureTest, FilesFolderAndListBecomeScanners) {
    const testing::ScratchDir dir{testing::current_test_name()};
    const cv::Mat page{5, 7, CV_8UC1, cv::Scalar{128}};
    ASSERT_TRUE(cv::imwrite((dir.path() / "one.png").string(), page));
    ASSERT_TRUE(cv::imwrite((dir.path() / "two.png").string(), page));

    auto folder = open_document_scanner("files:" + dir.path().string());
    ASSERT_TRUE(folder.has_value()) << folder.error();
    EXPECT_EQ((*folder)->kind(), drivers::DeviceKind::DocumentScanner);
    EXPECT_TRUE((*folder)->scan_page({}).has_value());
    EXPECT_TRUE((*folder)->scan_page({}).has_value());
    EXPECT_FALSE((*folder)->scan_page({}).has_value());

    auto list = open_document_scanner("files:" + (dir.path() / "two.png").string() + "," +
                                      (dir.path() / "one.png").string());
    ASSERT_TRUE(list.has_value()) << list.error();
    auto first = (*list)->scan_page({});
    ASSERT_TRUE(first.has_value()) << first.error().detail;
    EXPECT_EQ(first->width, 7);
}

TEST(OpenCaptureTest, SaneConfigOpensLazily) {
    // No SANE call happens here: a scanner that is not there now is a status, not a config error.
    auto scanner = open_document_scanner("sane:nosuchbackend:0");
    ASSERT_TRUE(scanner.has_value()) << scanner.error();
    EXPECT_EQ((*scanner)->kind(), drivers::DeviceKind::DocumentScanner);
}

TEST(OpenCaptureTest, CameraConfigs) {
    auto camera = open_camera("camera:/dev/video-hukiosk-none");
    ASSERT_TRUE(camera.has_value()) << camera.error();
    EXPECT_EQ((*camera)->kind(), drivers::DeviceKind::Camera);
    EXPECT_EQ((*camera)->status().fault, drivers::FaultKind::Unplugged);
}

TEST(OpenCaptureTest, ConfigsThatNameNothingAreErrors) {
    for (const char* config : {"", "scanner", "files:", "usb:1"}) {
        auto scanner = open_document_scanner(config);
        ASSERT_FALSE(scanner.has_value()) << config;
        EXPECT_FALSE(scanner.error().empty());
    }
    EXPECT_FALSE(open_camera("camera:").has_value());
    EXPECT_FALSE(open_camera("/dev/video0").has_value());
}

}  // namespace
}  // namespace hk::scanner::capture
