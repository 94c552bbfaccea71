// EscPosReceiptPrinter against the escpos-sink program over real TCP on loopback: what the kiosk sees when
// the printer is fine, runs out of paper half-way through a receipt, has its cover open, is switched off, or
// takes bytes but never answers.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <string>

#include "escpos_test_bytes.h"
#include "printer/escpos/encoder.h"
#include "printer/escpos/escpos_receipt_printer.h"
#include "printer_test_support.h"
#include "sink_process.h"

namespace hk::printer::escpos {
namespace {

using drivers::FaultKind;
using ::testing::HasSubstr;
using ::testing::Not;
using namespace std::chrono_literals;

// Short, so the failure cases stay fast; the sink answers in well under a millisecond.
EscPosOptions options_for(std::uint16_t port) {
    EscPosOptions options;
    options.port = port;
    options.timeouts = {.connect = 1000ms, .status = 300ms, .write = 2000ms, .printed = 3000ms};
    options.chunk_bytes = 256;
    return options;
}

std::unique_ptr<ReceiptPrinter> printer_on(std::uint16_t port) {
    return make_escpos_receipt_printer(options_for(port)).value();
}

Receipt receipt() {
    return printer::testing::sample_receipt();
}

class EscPosOverTcp : public ::testing::Test {
  protected:
    printer::testing::TempFolder folder_;
    std::filesystem::path out() const { return folder_.path() / "printed.bin"; }
};

TEST_F(EscPosOverTcp, ReadyPrinterPrintsTheEncodedReceiptWhole) {
    testing::SinkProcess sink({"--out", out().string()});
    auto printer = printer_on(sink.port());
    const drivers::DeviceStatus status = printer->status();
    EXPECT_TRUE(status.ready) << status.detail;
    ASSERT_TRUE(printer->print(receipt()).has_value());
    sink.stop();
    const auto printed = testing::read_file(out());
    const auto job = encode_receipt(receipt(), profile_by_name("generic-80").value()).value().bytes;
    EXPECT_TRUE(testing::contains(printed, job)) << "the job arrives byte for byte, between status questions";
}

TEST_F(EscPosOverTcp, TwoReceiptsOnOneConnection) {
    testing::SinkProcess sink({"--out", out().string()});
    auto printer = printer_on(sink.port());
    EXPECT_TRUE(printer->print(receipt()).has_value());
    EXPECT_TRUE(printer->print(receipt()).has_value());
    sink.stop();
    const auto job = encode_receipt(receipt(), profile_by_name("generic-80").value()).value().bytes;
    EXPECT_EQ(testing::count_of(testing::read_file(out()), job), 2);
}

TEST_F(EscPosOverTcp, PaperRunningOutMidReceiptIsPaperOutNotSuccess) {
    testing::SinkProcess sink({"--out", out().string(), "--paper-out-after", "300"});
    auto printer = printer_on(sink.port());
    ASSERT_TRUE(printer->status().ready) << "paper is there before the receipt";
    const auto started = std::chrono::steady_clock::now();
    auto printed = printer->print(receipt());
    ASSERT_FALSE(printed.has_value());
    EXPECT_EQ(printed.error().kind, FaultKind::PaperOut) << printed.error().detail;
    EXPECT_EQ(printed.error().device, drivers::DeviceKind::ReceiptPrinter);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 2s) << "noticed within a status interval";
    const drivers::DeviceStatus after = printer->status();
    EXPECT_FALSE(after.ready);
    EXPECT_EQ(after.fault, FaultKind::PaperOut);
    EXPECT_EQ(after.media_level_percent, 0);
}

TEST_F(EscPosOverTcp, EmptyRollIsPaperOutBeforeAnyByteOfTheJob) {
    testing::SinkProcess sink({"--out", out().string(), "--paper-out-after", "0"});
    auto printer = printer_on(sink.port());
    auto printed = printer->print(receipt());
    ASSERT_FALSE(printed.has_value());
    EXPECT_EQ(printed.error().kind, FaultKind::PaperOut);
    sink.stop();
    EXPECT_FALSE(testing::contains(testing::read_file(out()), {0x1B, 0x40})) << "no job sent";
}

TEST_F(EscPosOverTcp, CoverOpenIsCoverOpen) {
    testing::SinkProcess sink({"--out", out().string(), "--cover-open"});
    auto printer = printer_on(sink.port());
    const drivers::DeviceStatus status = printer->status();
    EXPECT_FALSE(status.ready);
    EXPECT_EQ(status.fault, FaultKind::CoverOpen);
    EXPECT_THAT(status.detail, HasSubstr("cover open"));
    auto printed = printer->print(receipt());
    ASSERT_FALSE(printed.has_value());
    EXPECT_EQ(printed.error().kind, FaultKind::CoverOpen);
}

TEST_F(EscPosOverTcp, NearEndStillPrintsAndSaysSo) {
    testing::SinkProcess sink({"--out", out().string(), "--near-end-after", "0"});
    auto printer = printer_on(sink.port());
    const drivers::DeviceStatus status = printer->status();
    EXPECT_TRUE(status.ready);
    EXPECT_EQ(status.media_level_percent, 10);
    EXPECT_THAT(status.detail, HasSubstr("near end"));
    EXPECT_TRUE(printer->print(receipt()).has_value());
}

TEST_F(EscPosOverTcp, ScriptedCutterJamIsPaperJam) {
    const std::filesystem::path script = folder_.path() / "script.txt";
    {
        std::ofstream file(script);
        file << "# cutter jams once the receipt body is through\n0 ok\n400 cutter-error\n";
    }
    testing::SinkProcess sink({"--out", out().string(), "--status-script", script.string()});
    auto printer = printer_on(sink.port());
    auto printed = printer->print(receipt());
    ASSERT_FALSE(printed.has_value());
    EXPECT_EQ(printed.error().kind, FaultKind::PaperJam) << printed.error().detail;
}

TEST_F(EscPosOverTcp, NothingListeningIsUnplugged) {
    auto printer = printer_on(testing::unused_port());
    const drivers::DeviceStatus status = printer->status();
    EXPECT_FALSE(status.ready);
    EXPECT_EQ(status.fault, FaultKind::Unplugged);
    EXPECT_THAT(status.detail, HasSubstr("Connection refused"));
    auto printed = printer->print(receipt());
    ASSERT_FALSE(printed.has_value());
    EXPECT_EQ(printed.error().kind, FaultKind::Unplugged);
    EXPECT_EQ(drivers::fault_code(printed.error()),
              drivers::fault_code(drivers::DeviceKind::ReceiptPrinter, FaultKind::Unplugged));
}

TEST_F(EscPosOverTcp, PrinterThatNeverAnswersIsTimeoutQuickly) {
    testing::SinkProcess sink({"--out", out().string(), "--silent"});
    auto printer = printer_on(sink.port());
    const auto started = std::chrono::steady_clock::now();
    const drivers::DeviceStatus status = printer->status();
    EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
    EXPECT_FALSE(status.ready);
    EXPECT_EQ(status.fault, FaultKind::Timeout);
    EXPECT_THAT(status.detail, HasSubstr("DLE EOT 1"));
    auto printed = printer->print(receipt());
    ASSERT_FALSE(printed.has_value());
    EXPECT_EQ(printed.error().kind, FaultKind::Timeout);
}

TEST_F(EscPosOverTcp, PrinterComingBackIsUsedAgain) {
    const std::uint16_t port = testing::unused_port();
    auto printer = printer_on(port);
    EXPECT_EQ(printer->status().fault, FaultKind::Unplugged);
    testing::SinkProcess sink({"--listen", "127.0.0.1:" + std::to_string(port), "--out", out().string()});
    EXPECT_TRUE(printer->status().ready) << "reconnects on the next call";
    sink.stop();
    EXPECT_FALSE(printer->status().ready) << "a sink that went away is noticed";
    testing::SinkProcess again({"--listen", "127.0.0.1:" + std::to_string(port), "--out", out().string()});
    EXPECT_TRUE(printer->print(receipt()).has_value());
}

TEST_F(EscPosOverTcp, FaultDetailsNameThePrinterNotTheCitizen) {
    testing::SinkProcess sink({"--out", out().string(), "--paper-out-after", "300"});
    auto printer = printer_on(sink.port());
    auto printed = printer->print(receipt());
    ASSERT_FALSE(printed.has_value());
    EXPECT_THAT(printed.error().detail, HasSubstr("tcp 127.0.0.1:"));
    for (const ReceiptLine& line : receipt().lines) {
        if (line.text.size() > 3) {
            EXPECT_THAT(printed.error().detail, Not(HasSubstr(line.text)));
        }
    }
    EXPECT_THAT(printed.error().detail, Not(HasSubstr("A2026-004711")));
}

// ---- self-test: DLE EOT 1-4 only, never a job ----

std::string checked(const drivers::SelfTestResult& result, const std::string& name) {
    for (const auto& [key, value] : result.checks) {
        if (key == name) return value;
    }
    return "";
}

TEST_F(EscPosOverTcp, SelfTestAsksTheRealTimeStatusAndPrintsNothing) {
    testing::SinkProcess sink({"--out", out().string()});
    auto printer = printer_on(sink.port());
    const drivers::SelfTestResult result = printer->self_test();
    EXPECT_TRUE(result.passed) << result.summary;
    EXPECT_EQ(checked(result, "status_answer"), "yes");
    EXPECT_EQ(checked(result, "online"), "yes");
    EXPECT_EQ(checked(result, "cover_open"), "no");
    EXPECT_EQ(checked(result, "paper_out"), "no");
    EXPECT_EQ(checked(result, "paper_near_end"), "no");
    sink.stop();
    const auto sent = testing::read_file(out());
    EXPECT_FALSE(testing::contains(sent, {0x1B, 0x40})) << "no job (ESC @) sent";
    EXPECT_TRUE(testing::contains(sent, {0x10, 0x04, 0x04})) << "the paper sensor was asked (DLE EOT 4)";
}

TEST_F(EscPosOverTcp, SelfTestNearEndPassesAndSaysSo) {
    testing::SinkProcess sink({"--out", out().string(), "--near-end-after", "0"});
    auto printer = printer_on(sink.port());
    const drivers::SelfTestResult result = printer->self_test();
    EXPECT_TRUE(result.passed) << result.summary;
    EXPECT_EQ(checked(result, "paper_near_end"), "yes");
    EXPECT_THAT(result.summary, HasSubstr("near end"));
}

TEST_F(EscPosOverTcp, SelfTestFailsForCoverOpenEmptyRollAndNoPrinter) {
    {
        testing::SinkProcess sink({"--out", out().string(), "--cover-open"});
        const drivers::SelfTestResult cover = printer_on(sink.port())->self_test();
        EXPECT_FALSE(cover.passed);
        EXPECT_EQ(cover.fault, FaultKind::CoverOpen) << cover.summary;
        EXPECT_EQ(checked(cover, "cover_open"), "yes");
        EXPECT_EQ(drivers::fault_code(drivers::DeviceKind::ReceiptPrinter, *cover.fault), "RCP-08");
    }
    {
        testing::SinkProcess sink({"--out", out().string(), "--paper-out-after", "0"});
        const drivers::SelfTestResult empty = printer_on(sink.port())->self_test();
        EXPECT_FALSE(empty.passed);
        EXPECT_EQ(empty.fault, FaultKind::PaperOut) << empty.summary;
        EXPECT_EQ(checked(empty, "paper_out"), "yes");
    }
    const drivers::SelfTestResult gone = printer_on(testing::unused_port())->self_test();
    EXPECT_FALSE(gone.passed);
    EXPECT_EQ(gone.fault, FaultKind::Unplugged) << gone.summary;
}

}  // namespace
}  // namespace hk::printer::escpos
