// The SANE scanner against the real SANE stack's pnm backend: pages come back bit-exact, status options
// inject the scanner faults, and a vanished page file recovers.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>

#include "sane_test_config.h"
#include "scanner/sane/sane_scanner.h"

namespace hk::scanner::sane {
namespace {

using drivers::FaultKind;

class SanePnmTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = testing::private_sane_dir();
        // Parameterised test names hold '/', which is no file name.
        std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
        std::ranges::replace(name, '/', '_');
        page_path_ = dir_ / (name + ".pnm");
        // A page left by an earlier run of the same test in this process (--gtest_repeat) is not this run's.
        std::filesystem::remove(page_path_);
    }

    // The pnm backend keeps its option values in process-wide variables, so every scanner here sets "status"
    // back to normal rather than inheriting a fault switch from an earlier test.
    [[nodiscard]] SaneScannerSettings settings_for(const std::filesystem::path& page) const {
        SaneScannerSettings settings;
        settings.device = "pnm:0";
        settings.extra_options = {{"status", "yes"}, {"filename", page.string()}};
        return settings;
    }

    std::filesystem::path dir_;
    std::filesystem::path page_path_;
};

TEST_F(SanePnmTest, GreyPageComesBackBitExact) {
    const Image page = testing::patterned_page(37, 23, 1);
    testing::write_pnm(page_path_, page);
    SaneScanner scanner{settings_for(page_path_)};
    auto scanned = scanner.scan_page({.dpi = 300, .colour = false});
    ASSERT_TRUE(scanned.has_value()) << scanned.error().detail;
    EXPECT_EQ(scanned->width, 37);
    EXPECT_EQ(scanned->height, 23);
    EXPECT_EQ(scanned->channels, 1);
    EXPECT_EQ(scanned->dpi, 300);
    EXPECT_EQ(scanned->pixels, page.pixels);
}

TEST_F(SanePnmTest, ColourPageComesBackBitExact) {
    const Image page = testing::patterned_page(41, 17, 3);
    testing::write_pnm(page_path_, page);
    SaneScanner scanner{settings_for(page_path_)};
    auto scanned = scanner.scan_page({.dpi = 150, .colour = true});
    ASSERT_TRUE(scanned.has_value()) << scanned.error().detail;
    EXPECT_EQ(scanned->width, 41);
    EXPECT_EQ(scanned->height, 17);
    EXPECT_EQ(scanned->channels, 3);
    EXPECT_EQ(scanned->dpi, 150);
    EXPECT_EQ(scanned->pixels, page.pixels);
}

TEST_F(SanePnmTest, SamePageScansAgainOnTheSameHandle) {
    const Image page = testing::patterned_page(16, 16, 1);
    testing::write_pnm(page_path_, page);
    SaneScanner scanner{settings_for(page_path_)};
    for (int i = 0; i < 3; ++i) {
        auto scanned = scanner.scan_page({.dpi = 300});
        ASSERT_TRUE(scanned.has_value()) << "scan " << i << ": " << scanned.error().detail;
        EXPECT_EQ(scanned->pixels, page.pixels);
    }
}

TEST_F(SanePnmTest, ColourPageAskedForInGreyIsAveraged) {
    Image page = testing::patterned_page(2, 1, 3);
    page.pixels = {30, 60, 90, 255, 0, 0};
    testing::write_pnm(page_path_, page);
    SaneScanner scanner{settings_for(page_path_)};
    auto scanned = scanner.scan_page({.dpi = 300, .colour = false});
    ASSERT_TRUE(scanned.has_value()) << scanned.error().detail;
    EXPECT_EQ(scanned->channels, 1);
    EXPECT_EQ(scanned->pixels, (std::vector<std::uint8_t>{60, 85}));
}

// The pnm backend offers 75, 90, 100 ... 300 dpi: requests snap to the nearest.
TEST_F(SanePnmTest, ResolutionSnapsToTheNearestAllowedValue) {
    testing::write_pnm(page_path_, testing::patterned_page(8, 8, 1));
    SaneScanner scanner{settings_for(page_path_)};
    const std::pair<int, int> wanted_and_got[] = {{600, 300}, {80, 75}, {97, 100}, {10, 75}};
    for (const auto& [wanted, got] : wanted_and_got) {
        auto scanned = scanner.scan_page({.dpi = wanted});
        ASSERT_TRUE(scanned.has_value()) << scanned.error().detail;
        EXPECT_EQ(scanned->dpi, got) << "asked for " << wanted;
    }
}

struct StatusSwitch {
    const char* option;
    FaultKind expected;
    const char* code;
};

class SanePnmFaultTest : public SanePnmTest, public ::testing::WithParamInterface<StatusSwitch> {};

TEST_P(SanePnmFaultTest, StatusSwitchBecomesTheFaultAndClearsAgain) {
    const Image page = testing::patterned_page(12, 9, 1);
    testing::write_pnm(page_path_, page);
    SaneScanner scanner{settings_for(page_path_)};
    scanner.set_extra_option(GetParam().option, "yes");
    auto failed = scanner.scan_page({.dpi = 300});
    ASSERT_FALSE(failed.has_value());
    EXPECT_EQ(failed.error().kind, GetParam().expected) << failed.error().detail;
    EXPECT_EQ(failed.error().device, drivers::DeviceKind::DocumentScanner);
    EXPECT_EQ(drivers::fault_code(failed.error()), GetParam().code);
    EXPECT_NE(failed.error().detail.find("pnm:0"), std::string::npos) << failed.error().detail;
    EXPECT_NE(failed.error().detail.find("sane_read"), std::string::npos) << failed.error().detail;

    // Cleared (the backend's "status" switch is the normal state): the next page scans.
    scanner.set_extra_option(GetParam().option, "no");
    scanner.set_extra_option("status", "yes");
    auto scanned = scanner.scan_page({.dpi = 300});
    ASSERT_TRUE(scanned.has_value()) << scanned.error().detail;
    EXPECT_EQ(scanned->pixels, page.pixels);
}

INSTANTIATE_TEST_SUITE_P(Faults, SanePnmFaultTest,
                         ::testing::Values(StatusSwitch{"status-jammed", FaultKind::PaperJam, "SCN-07"},
                                           StatusSwitch{"status-nodocs", FaultKind::NoDocument, "SCN-09"},
                                           StatusSwitch{"status-coveropen", FaultKind::CoverOpen, "SCN-08"},
                                           StatusSwitch{"status-ioerror", FaultKind::IoError, "SCN-11"}),
                         [](const auto& param_info) {
                             std::string name = param_info.param.option;
                             std::erase(name, '-');
                             return name;
                         });

TEST_F(SanePnmTest, MissingPageFileIsAnIoErrorAndRecoversWhenItReturns) {
    SaneScanner scanner{settings_for(page_path_)};  // the file does not exist yet
    auto failed = scanner.scan_page({.dpi = 300});
    ASSERT_FALSE(failed.has_value());
    EXPECT_EQ(failed.error().kind, FaultKind::IoError);
    EXPECT_NE(failed.error().detail.find("sane_start"), std::string::npos) << failed.error().detail;

    const Image page = testing::patterned_page(10, 10, 1);
    testing::write_pnm(page_path_, page);
    auto scanned = scanner.scan_page({.dpi = 300});
    ASSERT_TRUE(scanned.has_value()) << scanned.error().detail;
    EXPECT_EQ(scanned->pixels, page.pixels);
}

TEST_F(SanePnmTest, StatusIsReadyWithoutScanning) {
    SaneScanner scanner{settings_for(page_path_)};  // no page file: status must not try to scan
    const drivers::DeviceStatus status = scanner.status();
    EXPECT_TRUE(status.ready) << status.detail;
    EXPECT_FALSE(status.fault.has_value());
    EXPECT_NE(status.detail.find("pnm:0"), std::string::npos) << status.detail;
}

TEST_F(SanePnmTest, FeederRequestOnADeviceWithoutFeederIsRefused) {
    testing::write_pnm(page_path_, testing::patterned_page(8, 8, 1));
    SaneScanner scanner{settings_for(page_path_)};
    auto failed = scanner.scan_page({.dpi = 300, .source = ScanSource::Feeder});
    ASSERT_FALSE(failed.has_value());
    EXPECT_EQ(failed.error().kind, FaultKind::IoError);
    EXPECT_NE(failed.error().detail.find("feeder"), std::string::npos) << failed.error().detail;
}

TEST_F(SanePnmTest, UnknownExtraOptionIsReportedByName) {
    SaneScannerSettings settings = settings_for(page_path_);
    settings.extra_options.emplace_back("no-such-option", "1");
    testing::write_pnm(page_path_, testing::patterned_page(8, 8, 1));
    SaneScanner scanner{std::move(settings)};
    auto failed = scanner.scan_page({.dpi = 300});
    ASSERT_FALSE(failed.has_value());
    EXPECT_NE(failed.error().detail.find("no-such-option"), std::string::npos) << failed.error().detail;
}

}  // namespace
}  // namespace hk::scanner::sane
