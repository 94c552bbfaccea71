// The SANE scanner against the real SANE stack's `test` backend: resolutions, modes, the document feeder,
// faults returned in the middle of sane_read, unknown devices, and a device that comes back after unplugging.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <expected>
#include <set>
#include <string>

#include "sane_test_config.h"
#include "scanner/sane/sane_scanner.h"

namespace hk::scanner::sane {
namespace {

using drivers::FaultKind;

constexpr ScanAreaMm kArea{.left = 0, .top = 0, .right = 20, .bottom = 10};

SaneScannerSettings test_device(std::string picture = "Solid white") {
    testing::private_sane_dir();
    SaneScannerSettings settings;
    settings.device = "test:0";
    settings.area = kArea;
    // The test backend keeps its option values per open device; name every switch the tests touch.
    settings.extra_options = {{"test-picture", std::move(picture)}, {"read-return-value", "Default"}};
    return settings;
}

// The test backend sizes the page as millimetres / 25.4 * dpi (measured: 20 mm at 100 dpi is 78 pixels).
int pixels_for(double millimetres, int dpi) {
    return static_cast<int>(millimetres / 25.4 * dpi);
}

class SaneTestBackendResolutionTest : public ::testing::TestWithParam<int> {};

TEST_P(SaneTestBackendResolutionTest, GreyPageSizeFollowsTheResolution) {
    SaneScanner scanner{test_device()};
    const int dpi = GetParam();
    auto scanned = scanner.scan_page({.dpi = dpi, .colour = false});
    ASSERT_TRUE(scanned.has_value()) << scanned.error().detail;
    EXPECT_EQ(scanned->dpi, dpi);
    EXPECT_EQ(scanned->channels, 1);
    EXPECT_EQ(scanned->width, pixels_for(20, dpi));
    EXPECT_EQ(scanned->height, pixels_for(10, dpi));
    EXPECT_TRUE(std::ranges::all_of(scanned->pixels, [](std::uint8_t v) { return v == 255; }))
        << "Solid white must be white";
}

INSTANTIATE_TEST_SUITE_P(Dpi, SaneTestBackendResolutionTest, ::testing::Values(50, 100, 150, 300, 600));

TEST(SaneTestBackendTest, ColourModeGivesThreeChannelsOfTheColourPattern) {
    SaneScanner scanner{test_device("Color pattern")};
    auto scanned = scanner.scan_page({.dpi = 100, .colour = true});
    ASSERT_TRUE(scanned.has_value()) << scanned.error().detail;
    EXPECT_EQ(scanned->channels, 3);
    EXPECT_EQ(scanned->width, pixels_for(20, 100));
    EXPECT_EQ(scanned->pixels.size(), static_cast<std::size_t>(scanned->width * scanned->height * 3));
    const std::set<std::uint8_t> values(scanned->pixels.begin(), scanned->pixels.end());
    EXPECT_GT(values.size(), 2U) << "a colour pattern has more than black and white";
}

// Scans the test backend's black-and-white grid at a sample depth (1, 8 or 16 bits).
std::expected<Image, drivers::DeviceFault> grid_at_depth(int depth, bool colour) {
    SaneScannerSettings settings = test_device("Grid");
    settings.extra_options.emplace_back("depth", std::to_string(depth));
    SaneScanner scanner{settings};
    return scanner.scan_page({.dpi = 100, .colour = colour});
}

TEST(SaneTestBackendTest, SixteenBitSamplesComeAsTheSameEightBitPage) {
    for (const bool colour : {false, true}) {
        auto eight = grid_at_depth(8, colour);
        auto sixteen = grid_at_depth(16, colour);
        ASSERT_TRUE(eight.has_value()) << eight.error().detail;
        ASSERT_TRUE(sixteen.has_value()) << sixteen.error().detail;
        EXPECT_EQ(sixteen->channels, colour ? 3 : 1);
        EXPECT_EQ(sixteen->width, eight->width);
        EXPECT_EQ(sixteen->height, eight->height);
        EXPECT_TRUE(sixteen->pixels == eight->pixels) << (colour ? "colour" : "grey");
        const std::set<std::uint8_t> values(sixteen->pixels.begin(), sixteen->pixels.end());
        EXPECT_EQ(values, (std::set<std::uint8_t>{0, 255})) << "a grid is black and white";
    }
}

TEST(SaneTestBackendTest, LineArtBitsUnpackToBlackOnWhite) {
    auto eight = grid_at_depth(8, false);
    auto one = grid_at_depth(1, false);
    ASSERT_TRUE(eight.has_value()) << eight.error().detail;
    ASSERT_TRUE(one.has_value()) << one.error().detail;
    EXPECT_EQ(one->channels, 1);
    EXPECT_EQ(one->width, eight->width) << "a width that is not a multiple of 8 keeps its last pixels";
    EXPECT_EQ(one->height, eight->height);
    // A set bit is black: the unpacked grid is the 8-bit grid, not its negative.
    EXPECT_TRUE(one->pixels == eight->pixels);
}

TEST(SaneTestBackendTest, ColourLineArtIsRefusedAsUnsupported) {
    auto scanned = grid_at_depth(1, true);
    ASSERT_FALSE(scanned.has_value());
    EXPECT_NE(scanned.error().detail.find("1-bit colour"), std::string::npos) << scanned.error().detail;
}

TEST(SaneTestBackendTest, SolidBlackIsBlack) {
    SaneScanner scanner{test_device("Solid black")};
    auto scanned = scanner.scan_page({.dpi = 75});
    ASSERT_TRUE(scanned.has_value()) << scanned.error().detail;
    ASSERT_FALSE(scanned->empty());
    EXPECT_TRUE(std::ranges::all_of(scanned->pixels, [](std::uint8_t v) { return v == 0; }));
}

TEST(SaneTestBackendTest, FeederRunsEmptyAfterTenPages) {
    SaneScanner scanner{test_device()};
    const ScanRequest feeder{.dpi = 50, .source = ScanSource::Feeder};
    for (int page = 1; page <= 10; ++page) {
        auto scanned = scanner.scan_page(feeder);
        ASSERT_TRUE(scanned.has_value()) << "page " << page << ": " << scanned.error().detail;
    }
    auto empty = scanner.scan_page(feeder);
    ASSERT_FALSE(empty.has_value());
    EXPECT_EQ(empty.error().kind, FaultKind::NoDocument) << empty.error().detail;
    EXPECT_EQ(drivers::fault_code(empty.error()), "SCN-09");
}

TEST(SaneTestBackendTest, FlatbedAfterFeederStillScans) {
    SaneScanner scanner{test_device()};
    ASSERT_TRUE(scanner.scan_page({.dpi = 50, .source = ScanSource::Feeder}).has_value());
    auto flatbed = scanner.scan_page({.dpi = 50, .source = ScanSource::Flatbed});
    ASSERT_TRUE(flatbed.has_value()) << flatbed.error().detail;
}

struct ReadFault {
    const char* status;
    FaultKind expected;
};

class SaneTestBackendFaultTest : public ::testing::TestWithParam<ReadFault> {};

TEST_P(SaneTestBackendFaultTest, ReadReturnValueBecomesTheFault) {
    SaneScanner scanner{test_device()};
    scanner.set_extra_option("read-return-value", GetParam().status);
    auto failed = scanner.scan_page({.dpi = 50});
    ASSERT_FALSE(failed.has_value());
    EXPECT_EQ(failed.error().kind, GetParam().expected) << failed.error().detail;
    EXPECT_NE(failed.error().detail.find("sane_read"), std::string::npos) << failed.error().detail;
    EXPECT_NE(failed.error().detail.find("test:0"), std::string::npos) << failed.error().detail;

    scanner.set_extra_option("read-return-value", "Default");
    auto scanned = scanner.scan_page({.dpi = 50});
    ASSERT_TRUE(scanned.has_value()) << "after the fault: " << scanned.error().detail;
}

INSTANTIATE_TEST_SUITE_P(Faults, SaneTestBackendFaultTest,
                         ::testing::Values(ReadFault{"SANE_STATUS_JAMMED", FaultKind::PaperJam},
                                           ReadFault{"SANE_STATUS_NO_DOCS", FaultKind::NoDocument},
                                           ReadFault{"SANE_STATUS_COVER_OPEN", FaultKind::CoverOpen},
                                           ReadFault{"SANE_STATUS_DEVICE_BUSY", FaultKind::Busy},
                                           ReadFault{"SANE_STATUS_IO_ERROR", FaultKind::IoError},
                                           ReadFault{"SANE_STATUS_INVAL", FaultKind::IoError},
                                           ReadFault{"SANE_STATUS_NO_MEM", FaultKind::IoError}),
                         [](const auto& param_info) {
                             return std::string{param_info.param.status}.substr(12);
                         });

TEST(SaneTestBackendTest, DeviceThatDoesNotExistIsUnplugged) {
    testing::private_sane_dir();
    for (const char* name : {"test:7", "nosuchbackend:0"}) {
        SaneScannerSettings settings;
        settings.device = name;
        SaneScanner scanner{settings};
        const drivers::DeviceStatus status = scanner.status();
        EXPECT_FALSE(status.ready);
        EXPECT_EQ(status.fault, FaultKind::Unplugged) << status.detail;
        auto failed = scanner.scan_page({.dpi = 50});
        ASSERT_FALSE(failed.has_value());
        EXPECT_EQ(failed.error().kind, FaultKind::Unplugged) << failed.error().detail;
        EXPECT_NE(failed.error().detail.find(name), std::string::npos) << failed.error().detail;
    }
}

TEST(SaneTestBackendTest, FirstDeviceIsUsedWhenNoneIsNamed) {
    testing::private_sane_dir();
    SaneScanner scanner{SaneScannerSettings{}};
    const drivers::DeviceStatus status = scanner.status();
    EXPECT_TRUE(status.ready) << status.detail;
}

// Unplugging: the test backend re-reads test.conf at every sane_init, so with one device configured test:1
// is gone; with two it is back. The scanner holds no SANE session while its device is missing, so the next
// call starts a fresh one and finds the device again.
TEST(SaneTestBackendTest, ReplugRecoversWithoutANewScanner) {
    SaneScannerSettings settings = test_device();
    settings.device = "test:1";
    testing::set_test_backend_devices(1);
    struct RestoreConfig {
        ~RestoreConfig() { testing::reset_test_backend_config(); }
    } restore;
    SaneScanner scanner{settings};
    auto unplugged = scanner.scan_page({.dpi = 50});
    ASSERT_FALSE(unplugged.has_value());
    EXPECT_EQ(unplugged.error().kind, FaultKind::Unplugged) << unplugged.error().detail;
    EXPECT_EQ(scanner.status().fault, FaultKind::Unplugged);

    testing::set_test_backend_devices(2);
    EXPECT_TRUE(scanner.status().ready);
    auto scanned = scanner.scan_page({.dpi = 50});
    ASSERT_TRUE(scanned.has_value()) << scanned.error().detail;
    EXPECT_EQ(scanned->width, pixels_for(20, 50));
}

// ---- self-test: the calibration scan ----

std::string checked(const drivers::SelfTestResult& result, const std::string& name) {
    for (const auto& [key, value] : result.checks) {
        if (key == name) return value;
    }
    return "";
}

TEST(SaneTestBackendTest, SelfTestCalibrationScanHasTheExpectedSizeAndContent) {
    SaneScanner scanner{test_device("Grid")};
    const drivers::SelfTestResult result = scanner.self_test();
    EXPECT_TRUE(result.passed) << result.summary;
    EXPECT_EQ(checked(result, "device"), "test:0");
    EXPECT_EQ(checked(result, "resolution_dpi"), "50");
    const std::string size = std::to_string(pixels_for(20, 50)) + "x" + std::to_string(pixels_for(10, 50));
    EXPECT_EQ(checked(result, "frame_size"), size);
    EXPECT_FALSE(checked(result, "frame_size_expected").empty()) << "the test backend reports its scan area";
    EXPECT_EQ(checked(result, "frame_content"), "varied");
    // The next real scan gets the resolution it asks for, not the calibration's.
    auto page = scanner.scan_page({.dpi = 100});
    ASSERT_TRUE(page.has_value()) << page.error().detail;
    EXPECT_EQ(page->width, pixels_for(20, 100));
}

TEST(SaneTestBackendTest, SelfTestOfAFlatFrameFails) {
    SaneScanner scanner{test_device("Solid black")};
    const drivers::SelfTestResult result = scanner.self_test();
    EXPECT_FALSE(result.passed);
    EXPECT_EQ(result.fault, FaultKind::Unreadable) << result.summary;
    EXPECT_EQ(checked(result, "frame_content"), "uniform");
}

TEST_P(SaneTestBackendFaultTest, SelfTestFailsWithTheScannersFault) {
    SaneScanner scanner{test_device("Grid")};
    scanner.set_extra_option("read-return-value", GetParam().status);
    const drivers::SelfTestResult failed = scanner.self_test();
    EXPECT_FALSE(failed.passed);
    EXPECT_EQ(failed.fault, GetParam().expected) << failed.summary;
    scanner.set_extra_option("read-return-value", "Default");
    const drivers::SelfTestResult again = scanner.self_test();
    EXPECT_TRUE(again.passed) << again.summary;
}

TEST(SaneTestBackendTest, SelfTestOfAMissingDeviceIsUnplugged) {
    testing::private_sane_dir();
    SaneScannerSettings settings;
    settings.device = "test:7";
    SaneScanner scanner{settings};
    const drivers::SelfTestResult result = scanner.self_test();
    EXPECT_FALSE(result.passed);
    EXPECT_EQ(result.fault, FaultKind::Unplugged) << result.summary;
    EXPECT_EQ(drivers::fault_code(drivers::DeviceKind::DocumentScanner, *result.fault), "SCN-01");
}

}  // namespace
}  // namespace hk::scanner::sane
