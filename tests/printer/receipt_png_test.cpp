// The receipt image: 576 dots wide, as long as its content, black text on white where the styles put it, and
// the QR code exactly the one libqrencode makes of the text.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "printer/receipt.h"
#include "printer_test_support.h"

namespace hk::printer {
namespace {

using ::testing::HasSubstr;

testing::GreyImage render_or_fail(const Receipt& receipt) {
    auto png = render_receipt_png(receipt);
    if (!png) {
        ADD_FAILURE() << "render_receipt_png failed: " << png.error();
        return {};
    }
    auto image = testing::decode_png(*png);
    if (!image) ADD_FAILURE() << "the receipt is not a PNG";
    return image.value_or(testing::GreyImage{});
}

Receipt lines(int count, ReceiptStyle style = ReceiptStyle::Normal) {
    Receipt receipt;
    for (int i = 0; i < count; ++i)
        receipt.lines.push_back({"受理编号 A2026-0047" + std::to_string(i), style});
    return receipt;
}

// Columns [first, last] holding dark pixels in the rows [y0, y1).
std::pair<int, int> dark_columns(const testing::GreyImage& image, int y0, int y1) {
    int first = image.width;
    int last = -1;
    for (int x = 0; x < image.width; ++x) {
        if (image.dark_pixels(x, y0, x + 1, y1) == 0) continue;
        first = std::min(first, x);
        last = x;
    }
    return {first, last};
}

TEST(ReceiptPng, IsAPngAsWideAsThePrintHead) {
    const testing::GreyImage image = render_or_fail(testing::sample_receipt());
    EXPECT_EQ(image.width, kReceiptWidthDots);
    EXPECT_GT(image.height, 200);
}

TEST(ReceiptPng, IsBlackTextOnWhitePaper) {
    const testing::GreyImage image = render_or_fail(lines(3));
    ASSERT_EQ(image.width, kReceiptWidthDots);
    EXPECT_GT(image.dark_pixels(0, 0, image.width, image.height / 2), 200) << "text in the upper half";
    EXPECT_EQ(image.dark_pixels(0, image.height - 30, image.width, image.height), 0)
        << "blank paper before the cut";
    EXPECT_EQ(image.at(0, 0), 255);
}

TEST(ReceiptPng, GrowsWithEveryLine) {
    const int one = render_or_fail(lines(1)).height;
    const int five = render_or_fail(lines(5)).height;
    const int ten = render_or_fail(lines(10)).height;
    EXPECT_GT(five, one);
    EXPECT_GT(ten, five);
    EXPECT_NEAR(ten - five, (five - one) * 5 / 4, 3) << "each line adds the same height";
}

TEST(ReceiptPng, LongLinesWrapInsteadOfRunningOffThePaper) {
    Receipt receipt;
    receipt.lines.push_back({std::string(200, 'W'), ReceiptStyle::Normal});
    const testing::GreyImage wrapped = render_or_fail(receipt);
    const int single = render_or_fail(lines(1)).height;
    EXPECT_GT(wrapped.height, single + 40);
    const auto [first, last] = dark_columns(wrapped, 0, wrapped.height);
    EXPECT_LT(last, kReceiptWidthDots - 4);
}

TEST(ReceiptPng, LargeLinesAreTallerAndBoldLinesDarker) {
    EXPECT_GT(render_or_fail(lines(1, ReceiptStyle::Large)).height, render_or_fail(lines(1)).height + 10);
    const testing::GreyImage normal = render_or_fail(lines(1, ReceiptStyle::Normal));
    const testing::GreyImage bold = render_or_fail(lines(1, ReceiptStyle::Bold));
    ASSERT_EQ(normal.height, bold.height);
    EXPECT_GT(bold.dark_pixels(0, 0, bold.width, bold.height),
              normal.dark_pixels(0, 0, normal.width, normal.height) * 11 / 10);
}

TEST(ReceiptPng, CentredLinesSitInTheMiddleAndNormalLinesOnTheLeft) {
    const testing::GreyImage left =
        render_or_fail(Receipt{.lines = {{"Receipt", ReceiptStyle::Normal}}, .qr_text = {}});
    const testing::GreyImage centred =
        render_or_fail(Receipt{.lines = {{"Receipt", ReceiptStyle::Centred}}, .qr_text = {}});
    const auto [left_first, left_last] = dark_columns(left, 0, left.height);
    const auto [centre_first, centre_last] = dark_columns(centred, 0, centred.height);
    EXPECT_LT(left_first, 30);
    EXPECT_NEAR((centre_first + centre_last) / 2, kReceiptWidthDots / 2, 6);
    EXPECT_NEAR(centre_last - centre_first, left_last - left_first, 2) << "same text, same width";
}

TEST(ReceiptPng, QrCodeAtTheBottomIsTheOneForItsText) {
    const Receipt receipt = testing::sample_receipt();
    Receipt without_qr = receipt;
    without_qr.qr_text.clear();
    const testing::GreyImage image = render_or_fail(receipt);
    const testing::GreyImage text_only = render_or_fail(without_qr);
    ASSERT_GT(image.height, text_only.height + 100);

    const testing::QrModules expected = testing::expected_qr(receipt.qr_text);
    // Below where the text ends, only the QR code is dark.
    const auto read = testing::read_qr(image, static_cast<int>(expected.size()), 0, text_only.height - 40,
                                       image.width, image.height);
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(*read, expected);
}

TEST(ReceiptPng, QrTextTooLargeIsAnError) {
    Receipt receipt = lines(1);
    receipt.qr_text.assign(4000, 'a');
    const auto png = render_receipt_png(receipt);
    ASSERT_FALSE(png.has_value());
    EXPECT_THAT(png.error(), HasSubstr("too large"));
}

TEST(ReceiptPng, EmptyReceiptIsStillAnImage) {
    const testing::GreyImage image = render_or_fail(Receipt{});
    EXPECT_EQ(image.width, kReceiptWidthDots);
    EXPECT_GT(image.height, 0);
    EXPECT_EQ(image.dark_pixels(0, 0, image.width, image.height), 0);
}

}  // namespace
}  // namespace hk::printer
