// The printer test page: its QR code is read back from the rasterised page with zxing, and its text in the
// three languages is on the page as text.
#include "test_page.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "printer/proof/code_finder.h"
#include "printer_test_support.h"

namespace hk::printer {
namespace {

const TestPageInfo kInfo{"KIOSK-GD-0042", "1.8.3", "2026-11-23T09:20:00+08:00"};

TEST(TestPage, PayloadNamesTheKioskVersionAndTime) {
    EXPECT_EQ(test_page_qr_payload(kInfo),
              "HUKIOSK-TEST-PAGE\nkiosk=KIOSK-GD-0042\nversion=1.8.3\nprinted=2026-11-23T09:20:00+08:00");
}

TEST(TestPage, QrCodeDecodesToTheKioskAndTime) {
    const auto pdf = render_test_page_pdf(kInfo);
    ASSERT_TRUE(pdf.has_value()) << pdf.error();
    const auto pages = proof::rasterise_pdf(*pdf, 150);
    ASSERT_TRUE(pages.has_value()) << pages.error();
    ASSERT_EQ(pages->size(), 1u);
    const std::vector<std::string> codes = proof::qr_texts_in(pages->front());
    ASSERT_EQ(codes.size(), 1u);
    EXPECT_EQ(codes.front(), test_page_qr_payload(kInfo));
}

TEST(TestPage, ShowsTextInChineseEnglishAndKoreanAndTheKioskFacts) {
    const testing::TempFolder folder;
    const auto pdf = render_test_page_pdf(kInfo);
    ASSERT_TRUE(pdf.has_value()) << pdf.error();
    const std::string text = testing::run_on_pdf(folder, *pdf, "pdftotext -enc UTF-8 FILE -").value_or("");
    EXPECT_NE(text.find("打印测试页"), std::string::npos) << text;
    EXPECT_NE(text.find("the quick brown fox"), std::string::npos);
    EXPECT_NE(text.find("프린터 테스트 페이지"), std::string::npos);
    EXPECT_NE(text.find("Kiosk: KIOSK-GD-0042"), std::string::npos);
    EXPECT_NE(text.find("Printed at: 2026-11-23T09:20:00+08:00"), std::string::npos);
    EXPECT_EQ(testing::page_count(testing::run_on_pdf(folder, *pdf, "pdfinfo FILE").value_or("")), 1);
}

TEST(TestPage, GreyRampRunsFromWhiteToBlack) {
    const auto pdf = render_test_page_pdf(kInfo);
    ASSERT_TRUE(pdf.has_value()) << pdf.error();
    const auto pages = proof::rasterise_pdf(*pdf, 72);
    ASSERT_TRUE(pages.has_value()) << pages.error();
    const proof::GreyImage& page = pages->front();
    // Find the ramp: the row with the widest spread of grey levels inside the margins.
    int best_row = -1;
    std::size_t best_levels = 0;
    for (int y = 0; y < page.height; ++y) {
        std::vector<bool> seen(256, false);
        for (int x = 60; x < page.width - 60; ++x) {
            seen[page.pixels[static_cast<std::size_t>(y * page.width + x)]] = true;
        }
        const auto levels = static_cast<std::size_t>(std::count(seen.begin(), seen.end(), true));
        if (levels > best_levels) {
            best_levels = levels;
            best_row = y;
        }
    }
    ASSERT_GE(best_row, 0);
    EXPECT_GE(best_levels, 100u);  // a smooth ramp, not a few steps
    const auto* row = &page.pixels[static_cast<std::size_t>(best_row * page.width)];
    EXPECT_GT(row[60], 200);              // light at the left
    EXPECT_LT(row[page.width - 60], 60);  // dark at the right
}

}  // namespace
}  // namespace hk::printer
