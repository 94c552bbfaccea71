// The simulated A4 printer: it counts sheets, refuses a job it cannot finish, reports every injected fault as
// an A4 printer fault, and leaves each printed job as a PDF file in its output folder.
#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "printer/sim/simulated_printers.h"
#include "printer_test_support.h"

namespace hk::printer::sim {
namespace {

using drivers::DeviceKind;
using drivers::FaultKind;
using testing::TempFolder;

const std::vector<std::uint8_t> kPdf = {'%', 'P', 'D', 'F', '-', '1', '.', '5', '\n', 0x00, 0xFF, 0x7F};

PrintJob job(int pages, std::string name = "certificate C2026-000123") {
    return PrintJob{.name = std::move(name), .pdf = kPdf, .pages = pages};
}

std::vector<std::filesystem::path> files_in(const std::filesystem::path& folder) {
    std::vector<std::filesystem::path> files;
    if (!std::filesystem::exists(folder)) return files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder))
        files.push_back(entry.path());
    return files;
}

TEST(SimulatedA4Printer, IsAnA4Printer) {
    SimulatedA4Printer printer({}, 10);
    EXPECT_EQ(printer.kind(), DeviceKind::A4Printer);
}

TEST(SimulatedA4Printer, UsesOneSheetPerPageAndCountsJobs) {
    SimulatedA4Printer printer({}, 10);
    ASSERT_TRUE(printer.print(job(1)).has_value());
    ASSERT_TRUE(printer.print(job(3)).has_value());
    EXPECT_EQ(printer.sheets_left(), 6);
    EXPECT_EQ(printer.jobs_printed(), 2);
    const drivers::DeviceStatus status = printer.status();
    EXPECT_TRUE(status.ready);
    EXPECT_FALSE(status.fault.has_value());
    EXPECT_EQ(status.media_level_percent, 60);
}

TEST(SimulatedA4Printer, JobLongerThanThePaperLeftIsPaperOutAndPrintsNothing) {
    const TempFolder folder;
    SimulatedA4Printer printer(folder.path() / "out", 2);
    const auto printed = printer.print(job(3));
    ASSERT_FALSE(printed.has_value());
    EXPECT_EQ(printed.error().device, DeviceKind::A4Printer);
    EXPECT_EQ(printed.error().kind, FaultKind::PaperOut);
    EXPECT_EQ(printer.sheets_left(), 2);
    EXPECT_EQ(printer.jobs_printed(), 0);
    EXPECT_TRUE(files_in(folder.path() / "out").empty());
}

TEST(SimulatedA4Printer, EmptyTrayIsPaperOutInStatusAndPrint) {
    SimulatedA4Printer printer({}, 1);
    ASSERT_TRUE(printer.print(job(1)).has_value());
    const drivers::DeviceStatus status = printer.status();
    EXPECT_FALSE(status.ready);
    EXPECT_EQ(status.fault, FaultKind::PaperOut);
    EXPECT_EQ(status.media_level_percent, 0);
    const auto printed = printer.print(job(1));
    ASSERT_FALSE(printed.has_value());
    EXPECT_EQ(printed.error().kind, FaultKind::PaperOut);
}

TEST(SimulatedA4Printer, LoadingPaperRefillsTheTray) {
    SimulatedA4Printer printer({}, 4);
    ASSERT_TRUE(printer.print(job(4)).has_value());
    printer.load_paper(4);
    EXPECT_EQ(printer.sheets_left(), 4);
    EXPECT_TRUE(printer.status().ready);
    EXPECT_EQ(printer.status().media_level_percent, 100);
    EXPECT_TRUE(printer.print(job(2)).has_value());
    EXPECT_EQ(printer.status().media_level_percent, 50);
}

TEST(SimulatedA4Printer, EveryInjectedFaultFailsTheNextJobOnly) {
    for (const FaultKind fault : {FaultKind::PaperJam, FaultKind::CoverOpen, FaultKind::PaperOut,
                                  FaultKind::IoError, FaultKind::Timeout, FaultKind::Busy}) {
        SimulatedA4Printer printer({}, 10);
        printer.faults().fail_next(fault);
        const auto printed = printer.print(job(1));
        ASSERT_FALSE(printed.has_value());
        EXPECT_EQ(printed.error().device, DeviceKind::A4Printer);
        EXPECT_EQ(printed.error().kind, fault);
        EXPECT_EQ(printer.sheets_left(), 10) << "a failed job uses no paper";
        EXPECT_TRUE(printer.print(job(1)).has_value()) << "the fault was one-shot";
    }
}

TEST(SimulatedA4Printer, UnpluggedPrinterFailsPrintAndStatusUntilPluggedBack) {
    SimulatedA4Printer printer({}, 10);
    printer.faults().set_unplugged(true);
    const drivers::DeviceStatus status = printer.status();
    EXPECT_FALSE(status.ready);
    EXPECT_EQ(status.fault, FaultKind::Unplugged);
    const auto printed = printer.print(job(1));
    ASSERT_FALSE(printed.has_value());
    EXPECT_EQ(printed.error().device, DeviceKind::A4Printer);
    EXPECT_EQ(printed.error().kind, FaultKind::Unplugged);

    printer.faults().set_unplugged(false);
    EXPECT_TRUE(printer.status().ready);
    EXPECT_TRUE(printer.print(job(1)).has_value());
}

TEST(SimulatedA4Printer, WaitsTheInjectedDelay) {
    SimulatedA4Printer printer({}, 10);
    printer.faults().set_delay(std::chrono::milliseconds(50));
    const auto start = std::chrono::steady_clock::now();
    ASSERT_TRUE(printer.print(job(1)).has_value());
    EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(50));
}

TEST(SimulatedA4Printer, WritesEachJobAsAPdfFileNamedAfterTheJob) {
    const TempFolder folder;
    const std::filesystem::path out = folder.path() / "out" / "a4";  // created on the first job
    SimulatedA4Printer printer(out, 10);
    ASSERT_TRUE(printer.print(job(1, "certificate C2026-000123")).has_value());
    const std::filesystem::path file = out / "certificate_C2026-000123.pdf";
    ASSERT_TRUE(std::filesystem::exists(file));
    EXPECT_EQ(testing::read_bytes(file), kPdf);
}

TEST(SimulatedA4Printer, JobNamesCannotEscapeTheOutputFolder) {
    const TempFolder folder;
    const std::filesystem::path out = folder.path() / "out";
    SimulatedA4Printer printer(out, 10);
    for (const char* name : {"../../escape", "/etc/passwd", "..", "", "亲属关系证明 C1", "a\\b:c*?\"<>|"}) {
        ASSERT_TRUE(printer.print(job(1, name)).has_value()) << name;
    }
    const std::vector<std::filesystem::path> files = files_in(folder.path());
    ASSERT_EQ(files.size(), 7U) << "the folder and one file per job";
    for (const std::filesystem::path& file : files) {
        if (file == out) continue;
        EXPECT_EQ(file.parent_path(), out);
        EXPECT_EQ(file.extension(), ".pdf");
        EXPECT_NE(file.filename().string().front(), '.');
    }
}

TEST(SimulatedA4Printer, RendersTheRealCertificateIntoTheOutputFolder) {
    const TempFolder folder;
    const auto pdf = render_certificate_pdf(testing::sample_certificate());
    ASSERT_TRUE(pdf.has_value());
    SimulatedA4Printer printer(folder.path(), 5);
    ASSERT_TRUE(printer.print(PrintJob{.name = "certificate C2026-000123", .pdf = *pdf}).has_value());
    EXPECT_EQ(testing::read_bytes(folder.path() / "certificate_C2026-000123.pdf"), *pdf);
}

// ---- self-test ----

std::string checked(const drivers::SelfTestResult& result, const std::string& name) {
    for (const auto& [key, value] : result.checks) {
        if (key == name) return value;
    }
    return "";
}

TEST(SimulatedA4Printer, SelfTestReportsPaperAndPrintsNothing) {
    TempFolder folder;
    SimulatedA4Printer printer(folder.path() / "out", 10);
    ASSERT_TRUE(printer.print(job(3)).has_value());
    const drivers::SelfTestResult result = printer.self_test();
    EXPECT_TRUE(result.passed) << result.summary;
    EXPECT_EQ(checked(result, "paper_sheets"), "7");
    EXPECT_EQ(checked(result, "paper_percent"), "70");
    EXPECT_EQ(printer.sheets_left(), 7);
    EXPECT_EQ(printer.jobs_printed(), 1);
    EXPECT_EQ(files_in(folder.path() / "out").size(), 1U);
}

TEST(SimulatedA4Printer, SelfTestFailsWhenEmptyOrFaulted) {
    SimulatedA4Printer printer({}, 0);
    const drivers::SelfTestResult empty = printer.self_test();
    EXPECT_FALSE(empty.passed);
    EXPECT_EQ(empty.fault, FaultKind::PaperOut);
    EXPECT_EQ(drivers::fault_code(DeviceKind::A4Printer, *empty.fault), "A4P-06");

    printer.load_paper(5);
    printer.faults().fail_next(FaultKind::CoverOpen);
    const drivers::SelfTestResult cover = printer.self_test();
    EXPECT_FALSE(cover.passed);
    EXPECT_EQ(cover.fault, FaultKind::CoverOpen);
    printer.faults().set_unplugged(true);
    EXPECT_EQ(printer.self_test().fault, FaultKind::Unplugged);
}

}  // namespace
}  // namespace hk::printer::sim
