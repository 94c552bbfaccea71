#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "scanner/sim/simulated_scanner.h"

namespace hk::scanner::sim {
namespace {

using drivers::DeviceKind;
using drivers::FaultKind;
using namespace std::chrono_literals;

const std::vector<std::string> kSpecimenMrz = {"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                                               "L898902C36UTO7408122F1204159ZE184226B<<<<<10"};

SimulatedDocument page(const std::string& label, unsigned seed) {
    return SimulatedDocument{label, synthetic_page(200, 280, seed), {}};
}

SimulatedDocument passport() {
    return SimulatedDocument{"passport photo page", synthetic_page(250, 176, 7), kSpecimenMrz};
}

template <typename Result>
std::optional<FaultKind> fault_of(const Result& result) {
    if (result) return std::nullopt;
    return result.error().kind;
}

// ---- synthetic pages ----

TEST(SyntheticPage, IsTheSamePageForTheSameSeed) {
    const Image a = synthetic_page(320, 240, 42);
    const Image b = synthetic_page(320, 240, 42);
    EXPECT_EQ(a.pixels, b.pixels);
    EXPECT_NE(a.pixels, synthetic_page(320, 240, 43).pixels);
}

TEST(SyntheticPage, IsAWhiteGreyPageWithDarkTextLines) {
    const Image image = synthetic_page(400, 560, 1);
    ASSERT_EQ(image.width, 400);
    ASSERT_EQ(image.height, 560);
    ASSERT_EQ(image.channels, 1);
    ASSERT_EQ(image.pixels.size(), 400U * 560U);
    const auto dark = std::count_if(image.pixels.begin(), image.pixels.end(), [](auto p) { return p < 100; });
    const auto white = std::count(image.pixels.begin(), image.pixels.end(), std::uint8_t{255});
    EXPECT_GT(dark, static_cast<long>(image.pixels.size() / 50)) << "some ink";
    EXPECT_GT(white, static_cast<long>(image.pixels.size() / 2)) << "mostly paper";
    EXPECT_EQ(dark + white, static_cast<long>(image.pixels.size())) << "only paper and ink";
    // Margins stay white: first and last rows, first column.
    for (int x = 0; x < image.width; ++x) {
        EXPECT_EQ(image.pixels[static_cast<std::size_t>(x)], 255);
        EXPECT_EQ(image.pixels[static_cast<std::size_t>((image.height - 1) * image.width + x)], 255);
    }
    for (int y = 0; y < image.height; ++y)
        EXPECT_EQ(image.pixels[static_cast<std::size_t>(y * image.width)], 255);
}

TEST(SyntheticPage, InkRunsInHorizontalBands) {
    const Image image = synthetic_page(400, 560, 3);
    int inked_rows = 0;
    int bands = 0;
    bool previous_inked = false;
    for (int y = 0; y < image.height; ++y) {
        const auto row = image.pixels.begin() + y * image.width;
        const bool inked = std::any_of(row, row + image.width, [](auto p) { return p < 100; });
        inked_rows += inked ? 1 : 0;
        if (inked && !previous_inked) ++bands;
        previous_inked = inked;
    }
    EXPECT_GE(bands, 10) << "a page has many text lines";
    EXPECT_LT(inked_rows, image.height * 3 / 4) << "with white space between them";
}

TEST(SyntheticPage, IsEmptyForANonPositiveSize) {
    EXPECT_TRUE(synthetic_page(0, 100, 1).empty());
    EXPECT_TRUE(synthetic_page(100, -1, 1).empty());
    EXPECT_FALSE(synthetic_page(1, 1, 1).empty());
}

// ---- scanner ----

TEST(SimulatedScanner, ScansTheDocumentOnTheGlassAtTheRequestedResolution) {
    SimulatedScanner scanner;
    const SimulatedDocument document = page("household register page", 11);
    scanner.place(document);
    const auto scan =
        scanner.scan_page(ScanRequest{.dpi = 150, .colour = false, .source = ScanSource::Flatbed});
    ASSERT_TRUE(scan.has_value());
    EXPECT_EQ(scan->pixels, document.page.pixels);
    EXPECT_EQ(scan->width, document.page.width);
    EXPECT_EQ(scan->dpi, 150);
    // The document stays on the glass: scanning it again works.
    EXPECT_TRUE(scanner.scan_page(ScanRequest{}).has_value());
}

TEST(SimulatedScanner, ScansInColourWhenAsked) {
    SimulatedScanner scanner;
    const SimulatedDocument document = page("marriage certificate", 5);
    scanner.place(document);
    const auto scan =
        scanner.scan_page(ScanRequest{.dpi = 300, .colour = true, .source = ScanSource::Flatbed});
    ASSERT_TRUE(scan.has_value());
    EXPECT_EQ(scan->channels, 3);
    ASSERT_EQ(scan->pixels.size(), document.page.pixels.size() * 3);
    EXPECT_EQ(scan->pixels[0], document.page.pixels[0]);
}

TEST(SimulatedScanner, AnEmptyGlassIsNoDocument) {
    SimulatedScanner scanner;
    const auto scan = scanner.scan_page(ScanRequest{});
    ASSERT_FALSE(scan.has_value());
    EXPECT_EQ(scan.error().device, DeviceKind::DocumentScanner);
    EXPECT_EQ(scan.error().kind, FaultKind::NoDocument);
}

TEST(SimulatedScanner, TakesFeederPagesInOrderUntilItRunsOut) {
    SimulatedScanner scanner;
    const SimulatedDocument first = page("page 1", 1);
    const SimulatedDocument second = page("page 2", 2);
    scanner.feed({first, second});
    const ScanRequest feeder{.dpi = 300, .colour = false, .source = ScanSource::Feeder};
    const auto one = scanner.scan_page(feeder);
    const auto two = scanner.scan_page(feeder);
    ASSERT_TRUE(one.has_value());
    ASSERT_TRUE(two.has_value());
    EXPECT_EQ(one->pixels, first.page.pixels);
    EXPECT_EQ(two->pixels, second.page.pixels);
    EXPECT_EQ(fault_of(scanner.scan_page(feeder)), FaultKind::NoDocument);
}

TEST(SimulatedScanner, FeederAndGlassAreSeparate) {
    SimulatedScanner scanner;
    scanner.place(page("on glass", 1));
    EXPECT_EQ(fault_of(scanner.scan_page(ScanRequest{.source = ScanSource::Feeder})), FaultKind::NoDocument);
    scanner.clear();
    scanner.feed({page("in feeder", 2)});
    EXPECT_EQ(fault_of(scanner.scan_page(ScanRequest{.source = ScanSource::Flatbed})), FaultKind::NoDocument);
}

TEST(SimulatedScanner, ClearEmptiesGlassAndFeeder) {
    SimulatedScanner scanner;
    scanner.place(page("a", 1));
    scanner.feed({page("b", 2)});
    scanner.clear();
    EXPECT_FALSE(scanner.on_glass().has_value());
    EXPECT_EQ(fault_of(scanner.scan_page(ScanRequest{.source = ScanSource::Feeder})), FaultKind::NoDocument);
}

TEST(SimulatedScanner, EveryInjectedFaultReachesTheKioskAsThatFaultOfTheScanner) {
    for (const FaultKind kind : {FaultKind::PaperJam, FaultKind::CoverOpen, FaultKind::IoError,
                                 FaultKind::Busy, FaultKind::Timeout, FaultKind::NoDocument}) {
        SimulatedScanner scanner;
        scanner.place(page("any", 1));
        scanner.faults().fail_next(kind);
        const auto scan = scanner.scan_page(ScanRequest{});
        ASSERT_FALSE(scan.has_value()) << to_string(kind);
        EXPECT_EQ(scan.error().device, DeviceKind::DocumentScanner);
        EXPECT_EQ(scan.error().kind, kind);
        EXPECT_FALSE(scan.error().detail.empty());
        EXPECT_TRUE(scanner.scan_page(ScanRequest{}).has_value()) << "a one-shot fault strikes once";
    }
}

TEST(SimulatedScanner, AJamDoesNotLoseTheFeederPage) {
    SimulatedScanner scanner;
    scanner.feed({page("only page", 9)});
    scanner.faults().fail_next(FaultKind::PaperJam);
    const ScanRequest feeder{.source = ScanSource::Feeder};
    EXPECT_EQ(fault_of(scanner.scan_page(feeder)), FaultKind::PaperJam);
    EXPECT_TRUE(scanner.scan_page(feeder).has_value());
}

TEST(SimulatedScanner, UnpluggedFailsEveryScanAndShowsInStatus) {
    SimulatedScanner scanner;
    scanner.place(page("any", 1));
    scanner.faults().set_unplugged(true);
    EXPECT_EQ(fault_of(scanner.scan_page(ScanRequest{})), FaultKind::Unplugged);
    EXPECT_EQ(fault_of(scanner.scan_page(ScanRequest{})), FaultKind::Unplugged);
    const drivers::DeviceStatus status = scanner.status();
    EXPECT_FALSE(status.ready);
    EXPECT_EQ(status.fault, FaultKind::Unplugged);
    scanner.faults().set_unplugged(false);
    EXPECT_TRUE(scanner.status().ready);
    EXPECT_TRUE(scanner.scan_page(ScanRequest{}).has_value());
}

TEST(SimulatedScanner, StatusNamesNoDocument) {
    SimulatedScanner scanner;
    scanner.place(page("household register page of Zhang San", 1));
    const drivers::DeviceStatus status = scanner.status();
    EXPECT_TRUE(status.ready);
    EXPECT_EQ(status.detail.find("Zhang"), std::string::npos);
    EXPECT_EQ(scanner.kind(), DeviceKind::DocumentScanner);
}

// ---- MRZ reader ----

TEST(SimulatedMrzReader, ReadsTheMrzOfThePassportOnTheGlass) {
    SimulatedScanner scanner;
    SimulatedMrzReader reader{scanner};
    scanner.place(passport());
    const auto lines = reader.read_mrz_lines();
    ASSERT_TRUE(lines.has_value());
    EXPECT_EQ(*lines, kSpecimenMrz);
    EXPECT_EQ(reader.kind(), DeviceKind::DocumentScanner);
}

TEST(SimulatedMrzReader, NothingOnTheGlassIsNoDocument) {
    SimulatedScanner scanner;
    SimulatedMrzReader reader{scanner};
    const auto lines = reader.read_mrz_lines();
    ASSERT_FALSE(lines.has_value());
    EXPECT_EQ(lines.error().device, DeviceKind::DocumentScanner);
    EXPECT_EQ(lines.error().kind, FaultKind::NoDocument);
}

TEST(SimulatedMrzReader, APageWithoutAnMrzIsUnreadable) {
    SimulatedScanner scanner;
    SimulatedMrzReader reader{scanner};
    scanner.place(page("household register page", 3));
    EXPECT_EQ(fault_of(reader.read_mrz_lines()), FaultKind::Unreadable);
}

TEST(SimulatedMrzReader, ASmudgedMrzIsUnreadableOnce) {
    SimulatedScanner scanner;
    SimulatedMrzReader reader{scanner};
    scanner.place(passport());
    reader.faults().fail_next(FaultKind::Unreadable);
    const auto smudged = reader.read_mrz_lines();
    ASSERT_FALSE(smudged.has_value());
    EXPECT_EQ(smudged.error().device, DeviceKind::DocumentScanner);
    EXPECT_EQ(smudged.error().kind, FaultKind::Unreadable);
    EXPECT_TRUE(reader.read_mrz_lines().has_value());
}

TEST(SimulatedMrzReader, TheScannersFaultsApplyToo) {
    for (const FaultKind kind : {FaultKind::PaperJam, FaultKind::CoverOpen, FaultKind::IoError}) {
        SimulatedScanner scanner;
        SimulatedMrzReader reader{scanner};
        scanner.place(passport());
        scanner.faults().fail_next(kind);
        EXPECT_EQ(fault_of(reader.read_mrz_lines()), kind) << to_string(kind);
    }
    SimulatedScanner scanner;
    SimulatedMrzReader reader{scanner};
    scanner.place(passport());
    scanner.faults().set_unplugged(true);
    EXPECT_EQ(fault_of(reader.read_mrz_lines()), FaultKind::Unplugged);
    EXPECT_FALSE(reader.status().ready);
}

TEST(SimulatedMrzReader, ItsOwnFaultComesBeforeTheScanners) {
    SimulatedScanner scanner;
    SimulatedMrzReader reader{scanner};
    scanner.place(passport());
    reader.faults().fail_next(FaultKind::Unreadable);
    scanner.faults().fail_next(FaultKind::PaperJam);
    EXPECT_EQ(fault_of(reader.read_mrz_lines()), FaultKind::Unreadable);
    EXPECT_EQ(fault_of(reader.read_mrz_lines()), FaultKind::PaperJam);
    EXPECT_TRUE(reader.read_mrz_lines().has_value());
}

// ---- camera ----

TEST(SimulatedCamera, GivesDifferentVgaFramesOneAfterAnother) {
    SimulatedCamera camera;
    const auto first = camera.capture_frame();
    const auto second = camera.capture_frame();
    ASSERT_TRUE(first.has_value());
    ASSERT_TRUE(second.has_value());
    EXPECT_EQ(first->width, 640);
    EXPECT_EQ(first->height, 480);
    EXPECT_EQ(first->pixels.size(), static_cast<std::size_t>(first->width * first->height * first->channels));
    EXPECT_NE(first->pixels, second->pixels);
    EXPECT_EQ(camera.kind(), DeviceKind::Camera);
}

TEST(SimulatedCamera, EveryInjectedFaultReachesTheKioskAsThatFaultOfTheCamera) {
    for (const FaultKind kind : {FaultKind::Timeout, FaultKind::Busy, FaultKind::IoError}) {
        SimulatedCamera camera;
        camera.faults().fail_next(kind);
        const auto frame = camera.capture_frame();
        ASSERT_FALSE(frame.has_value());
        EXPECT_EQ(frame.error().device, DeviceKind::Camera);
        EXPECT_EQ(frame.error().kind, kind);
        EXPECT_TRUE(camera.capture_frame().has_value());
    }
    SimulatedCamera camera;
    camera.faults().set_unplugged(true);
    EXPECT_EQ(fault_of(camera.capture_frame()), FaultKind::Unplugged);
    EXPECT_FALSE(camera.status().ready);
    EXPECT_EQ(camera.status().fault, FaultKind::Unplugged);
}

// ---- self-tests ----

std::string checked(const drivers::SelfTestResult& result, const std::string& name) {
    for (const auto& [key, value] : result.checks) {
        if (key == name) return value;
    }
    return "";
}

TEST(SimulatedScanner, SelfTestScansACalibrationFrameAndLeavesTheGlassAlone) {
    SimulatedScanner scanner;
    scanner.place(passport());
    const drivers::SelfTestResult result = scanner.self_test();
    EXPECT_TRUE(result.passed) << result.summary;
    EXPECT_EQ(checked(result, "frame_size"), "413x585");
    EXPECT_EQ(checked(result, "frame_content"), "varied");
    EXPECT_TRUE(scanner.on_glass().has_value());  // the document is still there
}

TEST(SimulatedScanner, SelfTestFailsWithTheInjectedFault) {
    SimulatedScanner scanner;
    scanner.faults().fail_next(FaultKind::PaperJam);
    const drivers::SelfTestResult jammed = scanner.self_test();
    EXPECT_FALSE(jammed.passed);
    EXPECT_EQ(jammed.fault, FaultKind::PaperJam);
    EXPECT_EQ(drivers::fault_code(DeviceKind::DocumentScanner, *jammed.fault), "SCN-07");
    scanner.faults().set_unplugged(true);
    EXPECT_EQ(scanner.self_test().fault, FaultKind::Unplugged);
    scanner.faults().set_unplugged(false);
    EXPECT_TRUE(scanner.self_test().passed);
}

TEST(SimulatedMrzReader, SelfTestIsTheScannersAfterItsOwnFaults) {
    SimulatedScanner scanner;
    SimulatedMrzReader reader{scanner};
    EXPECT_TRUE(reader.self_test().passed);
    reader.faults().fail_next(FaultKind::Unreadable);
    EXPECT_EQ(reader.self_test().fault, FaultKind::Unreadable);
    scanner.faults().fail_next(FaultKind::CoverOpen);
    const drivers::SelfTestResult cover = reader.self_test();
    EXPECT_FALSE(cover.passed);
    EXPECT_EQ(cover.fault, FaultKind::CoverOpen);
}

TEST(SimulatedCamera, SelfTestGrabsAFrameAndHonoursFaults) {
    SimulatedCamera camera;
    const drivers::SelfTestResult good = camera.self_test();
    EXPECT_TRUE(good.passed) << good.summary;
    EXPECT_EQ(checked(good, "frame_size"), "640x480");
    camera.faults().set_unplugged(true);
    const drivers::SelfTestResult gone = camera.self_test();
    EXPECT_FALSE(gone.passed);
    EXPECT_EQ(gone.fault, FaultKind::Unplugged);
    EXPECT_EQ(drivers::fault_code(DeviceKind::Camera, *gone.fault), "CAM-01");
}

}  // namespace
}  // namespace hk::scanner::sim
