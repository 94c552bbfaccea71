// What the queue's IPP state means to the kiosk: reasons matched by prefix whatever their severity suffix,
// the fault a technician must fix first, and low supplies that leave the printer ready.
#include "printer_state_reasons.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace hk::printer::cups::detail {
namespace {

using drivers::FaultKind;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(PrinterStateReasons, SuffixGivesTheSeverityAndNoSuffixIsAnError) {
    EXPECT_EQ(severity_of("media-empty-report"), Severity::Report);
    EXPECT_EQ(severity_of("media-empty-warning"), Severity::Warning);
    EXPECT_EQ(severity_of("media-empty-error"), Severity::Error);
    EXPECT_EQ(severity_of("media-empty"), Severity::Error);
    EXPECT_EQ(keyword_of("media-jam-warning"), "media-jam");
    EXPECT_EQ(keyword_of("paused"), "paused");
}

TEST(PrinterStateReasons, MapsEachFaultByPrefixWithAnySuffix) {
    for (const char* suffix : {"", "-report", "-warning", "-error"}) {
        const std::string s = suffix;
        EXPECT_EQ(fault_of("media-empty" + s), FaultKind::PaperOut) << s;
        EXPECT_EQ(fault_of("media-needed" + s), FaultKind::PaperOut) << s;
        EXPECT_EQ(fault_of("media-jam" + s), FaultKind::PaperJam) << s;
        EXPECT_EQ(fault_of("cover-open" + s), FaultKind::CoverOpen) << s;
        EXPECT_EQ(fault_of("door-open" + s), FaultKind::CoverOpen) << s;
        EXPECT_EQ(fault_of("offline" + s), FaultKind::Unplugged) << s;
        EXPECT_EQ(fault_of("connecting-to-device" + s), FaultKind::Unplugged) << s;
        EXPECT_EQ(fault_of("shutdown" + s), FaultKind::Unplugged) << s;
    }
    // Vendor refinements keep the standard keyword in front.
    EXPECT_EQ(fault_of("media-empty-tray-2-error"), FaultKind::PaperOut);
}

TEST(PrinterStateReasons, LowSuppliesAndBookkeepingAreNoFault) {
    for (const char* reason : {"none", "media-low-warning", "toner-low-report", "marker-supply-low-warning",
                               "cups-waiting-for-job-completed", "paused"}) {
        EXPECT_EQ(fault_of(reason), std::nullopt) << reason;
    }
}

TEST(PrinterStateReasons, WorstFaultIsTheOneToFixFirst) {
    const auto worst = worst_fault({"media-empty-error", "media-jam-error", "cover-open-warning"});
    ASSERT_TRUE(worst);
    EXPECT_EQ(worst->kind, FaultKind::CoverOpen);
    EXPECT_EQ(worst->reason, "cover-open-warning");
    EXPECT_EQ(worst_fault({"toner-low-warning", "none"}), std::nullopt);
}

TEST(PrinterStateReasons, WorstFaultCanLeaveReportsOut) {
    EXPECT_EQ(worst_fault({"media-empty-report"}, Severity::Warning), std::nullopt);
    const auto worst = worst_fault({"media-empty-report", "media-jam-warning"}, Severity::Warning);
    ASSERT_TRUE(worst);
    EXPECT_EQ(worst->kind, FaultKind::PaperJam);
}

TEST(PrinterStateReasons, IdleQueueIsReady) {
    const auto status =
        to_device_status(PrinterSnapshot{PrinterState::Idle, {"none"}, "", true, {}}, "kioskA4");
    EXPECT_TRUE(status.ready);
    EXPECT_EQ(status.fault, std::nullopt);
    EXPECT_THAT(status.detail, HasSubstr("kioskA4"));
    EXPECT_THAT(status.detail, Not(HasSubstr("none")));
}

TEST(PrinterStateReasons, PaperOutIsNotReadyWithAnEmptyTray) {
    const auto status = to_device_status(
        PrinterSnapshot{PrinterState::Idle, {"media-empty-report"}, "", true, {}}, "kioskA4");
    EXPECT_FALSE(status.ready);
    EXPECT_EQ(status.fault, FaultKind::PaperOut);
    EXPECT_EQ(status.media_level_percent, 0);
}

TEST(PrinterStateReasons, LowTonerAndPaperStayReadyAndShowInTheDetail) {
    const PrinterSnapshot printer{
        PrinterState::Idle,
        {"toner-low-warning", "media-low-report"},
        "",
        true,
        {Marker{"Black", "toner-cartridge", 5}, Marker{"Waste", "waste-toner", -3}}};
    const auto status = to_device_status(printer, "kioskA4");
    EXPECT_TRUE(status.ready);
    EXPECT_EQ(status.fault, std::nullopt);
    EXPECT_THAT(status.detail, HasSubstr("toner-low-warning"));
    EXPECT_THAT(status.detail, HasSubstr("media-low-report"));
    EXPECT_THAT(status.detail, HasSubstr("Black (toner-cartridge) 5%"));
    EXPECT_THAT(status.detail, Not(HasSubstr("Waste"))) << "levels IPP calls unknown tell nothing";
    // Toner is not paper: no paper level is made up from it.
    EXPECT_EQ(status.media_level_percent, std::nullopt);
}

TEST(PrinterStateReasons, StoppedQueueWithoutAKnownReasonIsAnIoError) {
    const auto status = to_device_status(
        PrinterSnapshot{PrinterState::Stopped, {"paused"}, "Paused by technician", true, {}}, "kioskA4");
    EXPECT_FALSE(status.ready);
    EXPECT_EQ(status.fault, FaultKind::IoError);
    EXPECT_THAT(status.detail, HasSubstr("stopped"));
    EXPECT_THAT(status.detail, HasSubstr("paused"));
    EXPECT_THAT(status.detail, HasSubstr("Paused by technician"));
}

TEST(PrinterStateReasons, StoppedQueueWithAKnownReasonSaysWhich) {
    const auto status = to_device_status(
        PrinterSnapshot{PrinterState::Stopped, {"paused", "offline-report"}, "", true, {}}, "q");
    EXPECT_EQ(status.fault, FaultKind::Unplugged);
}

TEST(PrinterStateReasons, QueueRejectingJobsIsNotReady) {
    const auto status =
        to_device_status(PrinterSnapshot{PrinterState::Idle, {"none"}, "", false, {}}, "kioskA4");
    EXPECT_FALSE(status.ready);
    EXPECT_EQ(status.fault, FaultKind::IoError);
    EXPECT_THAT(status.detail, HasSubstr("rejecting jobs"));
}

}  // namespace
}  // namespace hk::printer::cups::detail
