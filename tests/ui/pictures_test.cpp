// Pictures on the screen: a QR code a phone can read (decoded back from the rendered screen with zxing-cpp),
// a face photo drawn in its box, and the room both take in the layout.
#define ZX_USE_UTF8 1  // text() as UTF-8 std::string
#include <ZXing/ReadBarcode.h>

#include <memory>
#include <string>

#include "front_end_fixture.h"
#include "layout.h"
#include "pictures.h"
#include "theme.h"

namespace hk::ui {
namespace {

ViewModel done_with_qr(std::string qr) {
    ViewModel v;
    v.screen = "done";
    v.title = "Your application has been filed";
    v.lines = {"Tracking number: " + qr, "Expected in 5 working days"};
    v.buttons = {{"finish", "Finish", true, true}};
    v.qr = std::move(qr);
    return v;
}

std::shared_ptr<const Photo> striped_photo(int w, int h) {
    std::vector<std::uint8_t> rgb(static_cast<std::size_t>(w) * h * 3);
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            std::uint8_t* p = &rgb[(static_cast<std::size_t>(y) * w + x) * 3];
            p[0] = y < h / 2 ? 200 : 20;  // red top half
            p[1] = 40;
            p[2] = y < h / 2 ? 20 : 200;  // blue bottom half
        }
    }
    return std::make_shared<const Photo>(w, h, std::move(rgb));
}

std::vector<std::string> decoded_qr_codes(const Image& image) {
    std::vector<std::uint8_t> grey(image.pixels.size());
    for (std::size_t i = 0; i < image.pixels.size(); ++i) {
        const std::uint32_t p = image.pixels[i];
        grey[i] = static_cast<std::uint8_t>(((p >> 16 & 0xFF) + (p >> 8 & 0xFF) + (p & 0xFF)) / 3);
    }
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    const ZXing::ImageView view(grey.data(), image.w, image.h, ZXing::ImageFormat::Lum);
    std::vector<std::string> texts;
    for (const ZXing::Result& result : ZXing::ReadBarcodes(view, hints)) texts.push_back(result.text());
    return texts;
}

TEST(Pictures, QrModulesAreASquareWithItsThreeFinderPatterns) {
    const auto modules = qr_modules("202611000500");
    ASSERT_GE(modules.size(), 21U);
    for (const auto& row : modules) ASSERT_EQ(row.size(), modules.size());
    const std::size_t n = modules.size();
    // Each finder pattern's corner module is dark, the module inside its white ring light.
    for (const auto& [x, y] : {std::pair{0UL, 0UL}, std::pair{n - 7, 0UL}, std::pair{0UL, n - 7}}) {
        EXPECT_TRUE(modules[y][x]);
        EXPECT_FALSE(modules[y + 1][x + 1]);
        EXPECT_TRUE(modules[y + 3][x + 3]);
    }
    EXPECT_TRUE(qr_modules("").empty());
}

TEST(Pictures, TheLayoutGivesAPictureASquareOfItsOwnAboveTheButtons) {
    for (const Size screen : {Size{1080, 1920}, Size{1920, 1080}}) {
        const ScreenLayout l = lay_out(done_with_qr("202611000500"), screen);
        ASSERT_TRUE(l.picture) << screen.w;
        EXPECT_EQ(l.picture->w, l.picture->h);
        EXPECT_GE(l.picture->w, screen.h / 6);
        EXPECT_TRUE(l.picture->inside(screen));
        for (const ButtonBox& b : l.buttons) EXPECT_FALSE(b.rect.overlaps(*l.picture));
        for (const LineBox& line : l.lines) EXPECT_FALSE(line.text.rect.overlaps(*l.picture));
        EXPECT_EQ(l.hidden_lines, 0U);
        EXPECT_EQ(l.hidden_buttons, 0U);
    }
    ViewModel none = done_with_qr("");
    EXPECT_FALSE(lay_out(none, {1080, 1920}).picture);
    none.photo = std::make_shared<const Photo>(4, 4, std::vector<std::uint8_t>(5));  // pixels do not match
    EXPECT_FALSE(lay_out(none, {1080, 1920}).picture) << "an invalid photo takes no room";
}

TEST_F(UiFrontEnd, TheQrCodeOnTheScreenReadsBackAsTheTrackingNumber) {
    front_->render(done_with_qr("202611000500"));
    const Image image = screenshot("qr");
    EXPECT_EQ(decoded_qr_codes(image), std::vector<std::string>{"202611000500"});
}

TEST_F(UiFrontEnd, TheFacePhotoIsDrawnInItsBoxTopHalfRedBottomHalfBlue) {
    ViewModel view = done_with_qr("");
    view.photo = striped_photo(60, 80);
    front_->render(view);
    const Image image = screenshot("photo");
    const Rect box = *lay_out(view, {1080, 1920}).picture;
    // Scaled to the box's height (taller than wide), centred.
    const Colour top = image.at(box.x + box.w / 2, box.y + box.h / 4);
    const Colour bottom = image.at(box.x + box.w / 2, box.y + box.h * 3 / 4);
    EXPECT_GT(top.r, 150);
    EXPECT_LT(top.b, 80);
    EXPECT_GT(bottom.b, 150);
    EXPECT_LT(bottom.r, 80);
    EXPECT_EQ(image.at(box.x + 1, box.y + box.h / 2), palette_for(view.tone).background)
        << "narrower than the box";
}

TEST(Pictures, APhotoLivesAsLongAsItsLastHolderAndNoLonger) {
    auto photo = striped_photo(8, 8);
    const std::uint8_t* pixels = photo->rgb.data();
    std::weak_ptr<const Photo> watch = photo;
    ViewModel view;
    view.photo = photo;
    photo.reset();
    EXPECT_FALSE(watch.expired()) << "the view still holds it";
    EXPECT_EQ(pixels[0], 200);
    view.photo.reset();
    EXPECT_TRUE(watch.expired());
}

}  // namespace
}  // namespace hk::ui
