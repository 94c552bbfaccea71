// The image-file scanner: files in name order, the requested channels, NoDocument at the end.
#include <gtest/gtest.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <fstream>

#include "capture_test_files.h"
#include "scanner/capture/image_file_scanner.h"

namespace hk::scanner::capture {
namespace {

using drivers::FaultKind;

// A grey page whose width tells the pages apart and whose pixels are a known ramp.
void write_page(const std::filesystem::path& file, int width) {
    cv::Mat page(4, width, CV_8UC1);  // parentheses: braces would pick the initializer-list constructor
    for (int i = 0; i < 4 * width; ++i) page.data[i] = static_cast<std::uint8_t>(i);
    ASSERT_TRUE(cv::imwrite(file.string(), page));
}

TEST(ImageFileScannerTest, FolderPagesComeInNameOrderThenNoDocument) {
    const testing::ScratchDir dir{testing::current_test_name()};
    write_page(dir.path() / "b.png", 20);
    write_page(dir.path() / "a.pgm", 10);
    write_page(dir.path() / "c.bmp", 30);
    std::ofstream{dir.path() / "notes.txt"} << "not a page";
    auto files = ImageFileScanner::list_images(dir.path());
    ASSERT_TRUE(files.has_value()) << files.error();
    ASSERT_EQ(files->size(), 3U);
    ImageFileScanner scanner{std::move(*files), 300};
    EXPECT_TRUE(scanner.status().ready);
    for (const int width : {10, 20, 30}) {
        auto page = scanner.scan_page({.dpi = 300});
        ASSERT_TRUE(page.has_value()) << page.error().detail;
        EXPECT_EQ(page->width, width);
        EXPECT_EQ(page->height, 4);
        EXPECT_EQ(page->channels, 1);
        EXPECT_EQ(page->dpi, 300);
        EXPECT_EQ(page->pixels[5], 5);  // lossless formats: the ramp survives
    }
    auto none = scanner.scan_page({.dpi = 300});
    ASSERT_FALSE(none.has_value());
    EXPECT_EQ(none.error().kind, FaultKind::NoDocument);
    EXPECT_EQ(scanner.status().fault, FaultKind::NoDocument);
    EXPECT_EQ(scanner.pages_left(), 0U);
}

TEST(ImageFileScannerTest, ColourRequestGivesThreeEqualChannelsForAGreyFile) {
    const testing::ScratchDir dir{testing::current_test_name()};
    write_page(dir.path() / "grey.png", 8);
    ImageFileScanner scanner{{dir.path() / "grey.png"}};
    auto page = scanner.scan_page({.dpi = 300, .colour = true});
    ASSERT_TRUE(page.has_value()) << page.error().detail;
    EXPECT_EQ(page->channels, 3);
    EXPECT_EQ(page->dpi, 0);
    EXPECT_EQ(page->pixels[3 * 7], 7);
    EXPECT_EQ(page->pixels[3 * 7 + 2], 7);
}

TEST(ImageFileScannerTest, UnreadableFileIsReportedAndSkipped) {
    const testing::ScratchDir dir{testing::current_test_name()};
    std::ofstream{dir.path() / "broken.png"} << "not a png";
    write_page(dir.path() / "good.png", 6);
    ImageFileScanner scanner{{dir.path() / "broken.png", dir.path() / "good.png"}};
    auto broken = scanner.scan_page({});
    ASSERT_FALSE(broken.has_value());
    EXPECT_EQ(broken.error().kind, FaultKind::Unreadable);
    auto good = scanner.scan_page({});
    ASSERT_TRUE(good.has_value()) << good.error().detail;
    EXPECT_EQ(good->width, 6);
}

TEST(ImageFileScannerTest, MissingFolderIsAnError) {
    EXPECT_FALSE(ImageFileScanner::list_images("/nonexistent/hukiosk/pages").has_value());
}

// ---- self-test ----

TEST(ImageFileScannerTest, SelfTestChecksTheNextFileWithoutTakingIt) {
    const testing::ScratchDir dir{testing::current_test_name()};
    write_page(dir.path() / "a.png", 10);
    ImageFileScanner scanner{{dir.path() / "a.png"}};
    const drivers::SelfTestResult result = scanner.self_test();
    EXPECT_TRUE(result.passed) << result.summary;
    EXPECT_EQ(scanner.pages_left(), 1U);
    auto page = scanner.scan_page({});
    ASSERT_TRUE(page.has_value()) << page.error().detail;
    EXPECT_EQ(page->width, 10);
}

TEST(ImageFileScannerTest, SelfTestFailsForNoFileAnUndecodableOneOrABlankOne) {
    const testing::ScratchDir dir{testing::current_test_name()};
    ImageFileScanner none{{}};
    EXPECT_EQ(none.self_test().fault, FaultKind::NoDocument);

    std::ofstream{dir.path() / "broken.png"} << "not an image";
    ImageFileScanner broken{{dir.path() / "broken.png"}};
    EXPECT_EQ(broken.self_test().fault, FaultKind::Unreadable);

    ASSERT_TRUE(cv::imwrite((dir.path() / "white.png").string(), cv::Mat(8, 8, CV_8UC1, cv::Scalar{255})));
    ImageFileScanner white{{dir.path() / "white.png"}};
    const drivers::SelfTestResult blank = white.self_test();
    EXPECT_FALSE(blank.passed);
    EXPECT_EQ(blank.fault, FaultKind::Unreadable) << blank.summary;
}

}  // namespace
}  // namespace hk::scanner::capture
