// The readiness report as a technician reads it: the text on the paper (pdftotext) and the number of sheets.
#include "readiness_report.h"

#include <gtest/gtest.h>

#include "printer_test_support.h"

namespace hk::printer {
namespace {

using testing::TempFolder;

ReadinessReport sample_report() {
    ReadinessReport report;
    report.kiosk_id = "KIOSK-GD-0042";
    report.version = "1.8.3";
    report.generated_at = "2026-11-23 09:15";
    report.ready_for_service = false;
    report.devices = {
        {"a4_printer",
         "faulted",
         "A4P-06",
         "FAILED",
         "2026-11-23 09:10",
         "Paper tray empty",
         {{"paper", "empty"}, {"toner", "62%"}}},
        {"nfc_reader",
         "ready",
         "",
         "passed",
         "2026-11-23 09:11",
         "Field and chip answer normal",
         {{"field", "on"}, {"test card", "answered"}}},
        {"scanner", "ready", "", "not run", "", "", {}},
        {"receipt_printer", "degraded", "RCP-03", "passed", "2026-11-23 09:12", "Paper near end", {}},
    };
    report.counters = {{"hukiosk_pages_printed_total", 1234},
                       {"hukiosk_receipt_mm_total", 98765},
                       {"hukiosk_failures_total{code=\"A4P-06\"}", 7}};
    return report;
}

// The report's text with runs of white space made single spaces, so a check does not depend on line breaks.
std::string report_text(const TempFolder& folder, const std::vector<std::uint8_t>& pdf) {
    const auto text = testing::run_on_pdf(folder, pdf, "pdftotext -enc UTF-8 FILE -");
    EXPECT_TRUE(text.has_value());
    std::string flat;
    for (const char c : text.value_or("")) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r';
        if (space && (flat.empty() || flat.back() == ' ')) continue;
        flat += space ? ' ' : c;
    }
    return flat;
}

int pages_of(const TempFolder& folder, const std::vector<std::uint8_t>& pdf) {
    return testing::page_count(testing::run_on_pdf(folder, pdf, "pdfinfo FILE").value_or(""));
}

TEST(ReadinessReport, NamesTheKioskEveryDeviceFaultCodeAndCounter) {
    const TempFolder folder;
    const ReadinessReport report = sample_report();
    const auto pdf = render_readiness_report_pdf(report);
    ASSERT_TRUE(pdf.has_value()) << pdf.error();
    const std::string text = report_text(folder, *pdf);

    EXPECT_NE(text.find("KIOSK-GD-0042"), std::string::npos) << text;
    EXPECT_NE(text.find("1.8.3"), std::string::npos);
    EXPECT_NE(text.find("NOT READY FOR SERVICE"), std::string::npos);
    for (const ReadinessDevice& device : report.devices) {
        EXPECT_NE(text.find(device.device), std::string::npos) << device.device;
        EXPECT_NE(text.find("Self-test: " + device.self_test), std::string::npos) << device.device;
        if (!device.fault_code.empty()) {
            EXPECT_NE(text.find("Fault code: " + device.fault_code), std::string::npos) << device.device;
        }
        for (const auto& [check, result] : device.checks) {
            EXPECT_NE(text.find(check + ": " + result), std::string::npos) << check;
        }
    }
    for (const auto& [name, value] : report.counters) {
        EXPECT_NE(text.find(name + ": " + std::to_string(value)), std::string::npos) << name;
    }
    EXPECT_EQ(pages_of(folder, *pdf), 1);
}

TEST(ReadinessReport, SaysWhenTheKioskIsReady) {
    const TempFolder folder;
    ReadinessReport report = sample_report();
    report.ready_for_service = true;
    const auto pdf = render_readiness_report_pdf(report);
    ASSERT_TRUE(pdf.has_value()) << pdf.error();
    const std::string text = report_text(folder, *pdf);
    EXPECT_NE(text.find("READY FOR SERVICE"), std::string::npos);
    EXPECT_EQ(text.find("NOT READY"), std::string::npos);
}

TEST(ReadinessReport, LongListsFlowOntoFurtherPagesWithNothingLost) {
    const TempFolder folder;
    ReadinessReport report = sample_report();
    for (int i = 0; i < 40; ++i) {
        report.devices.push_back({"extra_device_" + std::to_string(i),
                                  "faulted",
                                  "EXT-" + std::to_string(100 + i),
                                  "FAILED",
                                  "2026-11-23 09:13",
                                  "Simulated fault",
                                  {{"check", "failed"}}});
    }
    for (int i = 0; i < 120; ++i) {
        report.counters.emplace_back("hukiosk_extra_counter_" + std::to_string(i) + "_total", 1000 + i);
    }
    const auto pdf = render_readiness_report_pdf(report);
    ASSERT_TRUE(pdf.has_value()) << pdf.error();

    const int pages = pages_of(folder, *pdf);
    EXPECT_GE(pages, 3);
    const std::string text = report_text(folder, *pdf);
    for (int i = 0; i < 40; ++i) {
        EXPECT_NE(text.find("Fault code: EXT-" + std::to_string(100 + i)), std::string::npos) << i;
    }
    for (int i = 0; i < 120; ++i) {
        EXPECT_NE(
            text.find("hukiosk_extra_counter_" + std::to_string(i) + "_total: " + std::to_string(1000 + i)),
            std::string::npos)
            << i;
    }
    // Every sheet says which kiosk it belongs to and where it goes in the pile.
    EXPECT_NE(text.find("page " + std::to_string(pages)), std::string::npos);
    EXPECT_EQ(text.find("page " + std::to_string(pages + 1)), std::string::npos);

    ReadinessReport longer = report;
    for (int i = 0; i < 150; ++i) longer.counters.emplace_back("hukiosk_more_" + std::to_string(i), i);
    const auto longer_pdf = render_readiness_report_pdf(longer);
    ASSERT_TRUE(longer_pdf.has_value()) << longer_pdf.error();
    EXPECT_GT(pages_of(folder, *longer_pdf), pages);
}

TEST(ReadinessReport, AnEmptyReportStillPrints) {
    const TempFolder folder;
    ReadinessReport report;
    report.kiosk_id = "KIOSK-EMPTY";
    const auto pdf = render_readiness_report_pdf(report);
    ASSERT_TRUE(pdf.has_value()) << pdf.error();
    const std::string text = report_text(folder, *pdf);
    EXPECT_NE(text.find("KIOSK-EMPTY"), std::string::npos);
    EXPECT_NE(text.find("No devices reported."), std::string::npos);
    EXPECT_EQ(pages_of(folder, *pdf), 1);
}

}  // namespace
}  // namespace hk::printer
