// The simulated receipt printer: each receipt uses as much paper as its image is long at 203 dpi, a receipt
// that does not fit on the roll is refused, injected faults come back as receipt printer faults, and each
// printed receipt is left as receipt-<n>.png in the output folder.
#include <cmath>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "printer/sim/simulated_printers.h"
#include "printer_test_support.h"

namespace hk::printer::sim {
namespace {

using drivers::DeviceKind;
using drivers::FaultKind;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::TempFolder;

// Paper a receipt needs: its rendered height in dots at 203 dpi, in whole millimetres rounded up.
int paper_mm(const Receipt& receipt) {
    const auto png = render_receipt_png(receipt);
    if (!png) throw std::runtime_error(png.error());
    const auto image = testing::decode_png(*png);
    if (!image) throw std::runtime_error("receipt is not a PNG");
    return static_cast<int>(std::ceil(image->height * 25.4 / 203.0));
}

TEST(SimulatedReceiptPrinter, IsAReceiptPrinter) {
    SimulatedReceiptPrinter printer({}, 1000);
    EXPECT_EQ(printer.kind(), DeviceKind::ReceiptPrinter);
}

TEST(SimulatedReceiptPrinter, UsesPaperAsLongAsTheRenderedReceipt) {
    const Receipt receipt = testing::sample_receipt();
    const int needed = paper_mm(receipt);
    ASSERT_GT(needed, 20);
    SimulatedReceiptPrinter printer({}, 1000);
    ASSERT_TRUE(printer.print(receipt).has_value());
    EXPECT_EQ(printer.paper_left_mm(), 1000 - needed);
    ASSERT_TRUE(printer.print(receipt).has_value());
    EXPECT_EQ(printer.paper_left_mm(), 1000 - 2 * needed);
    EXPECT_EQ(printer.receipts_printed(), 2);
    EXPECT_EQ(printer.status().media_level_percent, (1000 - 2 * needed) * 100 / 1000);
}

TEST(SimulatedReceiptPrinter, ReceiptLongerThanThePaperLeftIsPaperOutAndPrintsNothing) {
    const TempFolder folder;
    const Receipt receipt = testing::sample_receipt();
    const int roll = paper_mm(receipt) - 1;
    SimulatedReceiptPrinter printer(folder.path() / "out", roll);
    const auto printed = printer.print(receipt);
    ASSERT_FALSE(printed.has_value());
    EXPECT_EQ(printed.error().device, DeviceKind::ReceiptPrinter);
    EXPECT_EQ(printed.error().kind, FaultKind::PaperOut);
    EXPECT_THAT(printed.error().detail, Not(HasSubstr("A2026-004711"))) << "no receipt content in the fault";
    EXPECT_EQ(printer.paper_left_mm(), roll);
    EXPECT_EQ(printer.receipts_printed(), 0);
    EXPECT_FALSE(std::filesystem::exists(folder.path() / "out" / "receipt-1.png"));
    EXPECT_TRUE(printer.status().ready) << "some paper is left for a shorter receipt";
}

TEST(SimulatedReceiptPrinter, EmptyRollIsPaperOutInStatus) {
    SimulatedReceiptPrinter printer({}, 0);
    const drivers::DeviceStatus status = printer.status();
    EXPECT_FALSE(status.ready);
    EXPECT_EQ(status.fault, FaultKind::PaperOut);
    EXPECT_EQ(status.media_level_percent, 0);
}

TEST(SimulatedReceiptPrinter, EveryInjectedFaultFailsTheNextReceiptOnly) {
    const Receipt receipt = testing::sample_receipt();
    for (const FaultKind fault : {FaultKind::PaperJam, FaultKind::CoverOpen, FaultKind::PaperOut,
                                  FaultKind::IoError, FaultKind::Timeout, FaultKind::Busy}) {
        SimulatedReceiptPrinter printer({}, 1000);
        printer.faults().fail_next(fault);
        const auto printed = printer.print(receipt);
        ASSERT_FALSE(printed.has_value());
        EXPECT_EQ(printed.error().device, DeviceKind::ReceiptPrinter);
        EXPECT_EQ(printed.error().kind, fault);
        EXPECT_EQ(printer.paper_left_mm(), 1000);
        EXPECT_TRUE(printer.print(receipt).has_value()) << "the fault was one-shot";
    }
}

TEST(SimulatedReceiptPrinter, UnpluggedPrinterFailsPrintAndStatus) {
    SimulatedReceiptPrinter printer({}, 1000);
    printer.faults().set_unplugged(true);
    EXPECT_FALSE(printer.status().ready);
    EXPECT_EQ(printer.status().fault, FaultKind::Unplugged);
    const auto printed = printer.print(testing::sample_receipt());
    ASSERT_FALSE(printed.has_value());
    EXPECT_EQ(printed.error().device, DeviceKind::ReceiptPrinter);
    EXPECT_EQ(printed.error().kind, FaultKind::Unplugged);
    EXPECT_EQ(printer.paper_left_mm(), 1000);
}

TEST(SimulatedReceiptPrinter, UnprintableReceiptIsAFaultNotACrash) {
    Receipt receipt = testing::sample_receipt();
    receipt.qr_text.assign(4000, 'a');
    SimulatedReceiptPrinter printer({}, 1000);
    const auto printed = printer.print(receipt);
    ASSERT_FALSE(printed.has_value());
    EXPECT_EQ(printed.error().kind, FaultKind::IoError);
    EXPECT_EQ(printer.paper_left_mm(), 1000);
}

TEST(SimulatedReceiptPrinter, WritesNumberedPngFilesOfTheRenderedReceipts) {
    const TempFolder folder;
    const std::filesystem::path out = folder.path() / "receipts";
    SimulatedReceiptPrinter printer(out, 1000);
    const Receipt first = testing::sample_receipt();
    Receipt second = first;
    second.lines.push_back({"第二张 Second", ReceiptStyle::Bold});
    ASSERT_TRUE(printer.print(first).has_value());
    ASSERT_TRUE(printer.print(second).has_value());
    EXPECT_EQ(testing::read_bytes(out / "receipt-1.png"), render_receipt_png(first).value());
    EXPECT_EQ(testing::read_bytes(out / "receipt-2.png"), render_receipt_png(second).value());
}

// ---- self-test ----

std::string checked(const drivers::SelfTestResult& result, const std::string& name) {
    for (const auto& [key, value] : result.checks) {
        if (key == name) return value;
    }
    return "";
}

TEST(SimulatedReceiptPrinter, SelfTestReportsTheRollAndPrintsNothing) {
    SimulatedReceiptPrinter printer({}, 1000);
    const drivers::SelfTestResult result = printer.self_test();
    EXPECT_TRUE(result.passed) << result.summary;
    EXPECT_EQ(checked(result, "paper_mm"), "1000");
    EXPECT_EQ(checked(result, "paper_percent"), "100");
    EXPECT_EQ(printer.paper_left_mm(), 1000);
    EXPECT_EQ(printer.receipts_printed(), 0);
}

TEST(SimulatedReceiptPrinter, SelfTestFailsWhenEmptyOrFaulted) {
    SimulatedReceiptPrinter printer({}, 0);
    const drivers::SelfTestResult empty = printer.self_test();
    EXPECT_FALSE(empty.passed);
    EXPECT_EQ(empty.fault, FaultKind::PaperOut);
    EXPECT_EQ(drivers::fault_code(DeviceKind::ReceiptPrinter, *empty.fault), "RCP-06");

    SimulatedReceiptPrinter loaded({}, 1000);
    loaded.faults().fail_next(FaultKind::CoverOpen);
    EXPECT_EQ(loaded.self_test().fault, FaultKind::CoverOpen);
    EXPECT_TRUE(loaded.self_test().passed);
}

}  // namespace
}  // namespace hk::printer::sim
