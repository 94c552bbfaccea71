// The receipt model's extras on the rendered receipt (render_receipt_png, what the simulator and the demo
// show): the logo centred at the top, the CODE128 barcode as bars between the lines and the QR code.
#include <gtest/gtest.h>

#include "printer/receipt.h"
#include "printer_test_support.h"

namespace hk::printer {
namespace {

testing::GreyImage render(const Receipt& receipt) {
    auto png = render_receipt_png(receipt);
    if (!png) {
        ADD_FAILURE() << png.error();
        return {};
    }
    return testing::decode_png(*png).value_or(testing::GreyImage{});
}

TEST(ReceiptExtrasPng, LogoIsInkedCentredAtTheTop) {
    const ReceiptLogo logo{.width = 64, .height = 32, .dots = std::vector<std::uint8_t>(64 * 32, 1)};
    const testing::GreyImage image = render(Receipt{.lines = {{"x"}}, .logo = logo});
    ASSERT_EQ(image.width, kReceiptWidthDots);
    // Centred: columns 256..319, from the top margin (16) down 32 rows.
    EXPECT_EQ(image.dark_pixels(256, 16, 320, 48), 64 * 32);
    EXPECT_EQ(image.dark_pixels(0, 16, 250, 48), 0);
}

TEST(ReceiptExtrasPng, BarcodeAddsBarsAndIsRefusedWithNonAscii) {
    const testing::GreyImage plain = render(Receipt{.lines = {{"x"}}});
    const testing::GreyImage with_barcode = render(Receipt{.lines = {{"x"}}, .barcode = "A2026-004711"});
    EXPECT_GT(with_barcode.height, plain.height + 80);
    // The bars: a row through them alternates ink and paper, starting with the 2-module start bar.
    const int row = plain.height - 48 + 16 + 40;  // below the lines, in the middle of the 80-dot bars
    int edges = 0;
    for (int x = 1; x < with_barcode.width; ++x) {
        edges += (with_barcode.at(x, row) < 128) != (with_barcode.at(x - 1, row) < 128) ? 1 : 0;
    }
    // Start B + 12 characters + check + stop: 15 symbols, 3 bars each (4 in the stop): 46 bars, 92 edges.
    EXPECT_EQ(edges, 92);
    EXPECT_FALSE(render_receipt_png(Receipt{.barcode = "户籍"}));
}

}  // namespace
}  // namespace hk::printer
