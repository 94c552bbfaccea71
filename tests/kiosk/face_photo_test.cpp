// The passport chip's face on the review screen: decoded once from DG2 (JPEG and JPEG 2000), carried by the
// chip read into the session, shown for whoever the application is about, and gone with the session.
#include <gtest/gtest.h>

#include "app/face_photo.h"
#include "drivers/icao9303/test_document.h"
#include "engine_driver.h"
#include "kiosk/view.h"

namespace hk::kiosk::testing {
namespace {

using drivers::icao9303::FaceImageFormat;

drivers::ChipDocument chip_with_face(FaceImageFormat format) {
    drivers::ChipDocument chip = sim::passport_chip(Driver::person(3));
    chip.face_image = drivers::icao9303::testdoc::make_face_image(format, 12'000, 240, 320);
    return chip;
}

TEST(FacePhoto, JpegAndJpeg2000FacesDecodeToRgbOfTheirSize) {
    for (const FaceImageFormat format : {FaceImageFormat::Jpeg, FaceImageFormat::Jpeg2000}) {
        const drivers::ChipDocument chip = chip_with_face(format);
        ASSERT_FALSE(chip.face_image.empty());
        const auto photo = face_photo(chip);
        ASSERT_NE(photo, nullptr);
        EXPECT_EQ(photo->width, 240);
        EXPECT_EQ(photo->height, 320);
        EXPECT_TRUE(photo->valid());
    }
}

TEST(FacePhoto, NoFaceOrBytesThatAreNoImageGiveNoPhotoNotAFailedRead) {
    drivers::ChipDocument chip = sim::passport_chip(Driver::person(3));
    chip.face_image.clear();
    EXPECT_EQ(face_photo(chip), nullptr);
    chip.face_image = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00};  // a JPEG that stops
    EXPECT_EQ(face_photo(chip), nullptr);
    chip.face_image = std::vector<std::uint8_t>(5000, 0x5A);
    EXPECT_EQ(face_photo(chip), nullptr);
}

TEST(FacePhoto, TheReviewScreenShowsTheSubjectsFaceAndTheSessionsEndLetsItGo) {
    Driver d;
    d.to_identify_method();
    d.tap("method:passport");
    d.apply(MrzRead{d.pending(), sim::passport_mrz(Driver::person(3))});
    ASSERT_EQ(d.screen(), Screen::PassportChip);
    const drivers::ChipDocument chip = chip_with_face(FaceImageFormat::Jpeg);
    auto photo = face_photo(chip);
    ASSERT_NE(photo, nullptr);
    const std::weak_ptr<const ui::Photo> watch = photo;
    d.apply(ChipRead{d.pending(), chip, std::move(photo)});
    ASSERT_EQ(d.screen(), Screen::CheckingEligibility);
    d.answer_eligibility(Verdict::Eligible);
    ASSERT_EQ(d.screen(), Screen::Review);
    {
        const ui::ViewModel review = build_view(d.state, d.engine);
        ASSERT_NE(review.photo, nullptr);
        EXPECT_EQ(review.photo.get(), watch.lock().get());
    }
    d.tap("cancel");
    EXPECT_TRUE(watch.expired()) << "no face outlives the session";
}

TEST(FacePhoto, TheDoneScreenOfAnApplicationCarriesItsTrackingNumberAsAQrCode) {
    Driver d;
    d.to_issuing("household_book");
    d.apply(ApplicationFiled{d.pending(), ApplicationReceipt{"202611000500", 5}});
    d.apply(PrintFinished{d.pending(), drivers::DeviceKind::ReceiptPrinter});
    ASSERT_EQ(d.screen(), Screen::Done);
    EXPECT_EQ(build_view(d.state, d.engine).qr, "202611000500");
    Driver certificate;
    certificate.to_done();
    EXPECT_TRUE(build_view(certificate.state, certificate.engine).qr.empty())
        << "the certificate has its own";
}

}  // namespace
}  // namespace hk::kiosk::testing
