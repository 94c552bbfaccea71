// DG2: the 19794-5 facial record around JPEG and JPEG 2000 faces, decoded to real dimensions.
#include <gtest/gtest.h>

#include <algorithm>

#include "drivers/icao9303/dg2_face.h"
#include "drivers/icao9303/test_document.h"

namespace hk::drivers::icao9303 {
namespace {

FaceImage face(FaceImageFormat format, std::size_t bytes, int width, int height) {
    FaceImage image;
    image.format = format;
    image.declared_width = static_cast<std::uint16_t>(width);
    image.declared_height = static_cast<std::uint16_t>(height);
    image.data = testdoc::make_face_image(format, bytes, width, height);
    return image;
}

TEST(Dg2Face, JpegRoundTripsAndDecodesToItsRealSize) {
    const FaceImage original = face(FaceImageFormat::Jpeg, 20 * 1024, 480, 640);
    EXPECT_EQ(original.data.size(), 20U * 1024U) << "JPEG faces are padded to the exact size asked";
    const auto images = parse_dg2(encode_dg2(original));
    ASSERT_TRUE(images);
    ASSERT_EQ(images->size(), 1U);
    EXPECT_EQ((*images)[0].format, FaceImageFormat::Jpeg);
    EXPECT_EQ((*images)[0].declared_width, 480);
    EXPECT_EQ((*images)[0].data, original.data);
    const auto decoded = decode_face((*images)[0]);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->width, 480);
    EXPECT_EQ(decoded->height, 640);
    EXPECT_EQ(decoded->pixels.size(), static_cast<std::size_t>(480 * 640 * decoded->channels));
}

TEST(Dg2Face, Jpeg2000DecodesThroughOpenJpeg) {
    const FaceImage original = face(FaceImageFormat::Jpeg2000, 15 * 1024, 240, 320);
    ASSERT_FALSE(original.data.empty());
    EXPECT_LE(original.data.size(), 15U * 1024U);
    const auto images = parse_dg2(encode_dg2(original));
    ASSERT_TRUE(images);
    EXPECT_EQ((*images)[0].format, FaceImageFormat::Jpeg2000);
    const auto decoded = decode_face((*images)[0]);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->width, 240);
    EXPECT_EQ(decoded->height, 320);
}

TEST(Dg2Face, LyingRecordLengthsAreRejected) {
    const FaceImage original = face(FaceImageFormat::Jpeg, 4000, 120, 160);
    iso7816::Bytes file = encode_dg2(original);
    // The record's length field sits after 'FAC\0' '010\0'; claim far more than is there.
    const iso7816::Bytes magic{'F', 'A', 'C', 0};
    const auto at = std::search(file.begin(), file.end(), magic.begin(), magic.end());
    ASSERT_NE(at, file.end());
    const auto offset = static_cast<std::size_t>(at - file.begin());
    iso7816::Bytes lying = file;
    lying[offset + 8] = 0x7F;
    EXPECT_EQ(parse_dg2(lying).error(), LdsError::BadImage);
    // The facial record block length larger than the record.
    lying = file;
    lying[offset + 14] = 0x7F;
    EXPECT_EQ(parse_dg2(lying).error(), LdsError::BadImage);
    // A huge number of feature points.
    lying = file;
    lying[offset + 18] = 0xFF;
    lying[offset + 19] = 0xFF;
    EXPECT_EQ(parse_dg2(lying).error(), LdsError::BadImage);
}

TEST(Dg2Face, TruncatedFileOrImageIsAnErrorNotACrash) {
    const FaceImage original = face(FaceImageFormat::Jpeg, 4000, 120, 160);
    const iso7816::Bytes file = encode_dg2(original);
    for (std::size_t cut = 0; cut < file.size(); cut += 97)
        EXPECT_FALSE(parse_dg2(iso7816::ByteView(file).first(cut))) << cut;
    FaceImage truncated = original;
    truncated.data.resize(600);
    const auto decoded = decode_face(truncated);  // libjpeg may fill the rest grey; it must not crash
    if (decoded) {
        EXPECT_EQ(decoded->width, 120);
    }
    FaceImage garbage = original;
    garbage.data.assign(500, 0xAB);
    EXPECT_EQ(decode_face(garbage).error(), LdsError::BadImage);
}

TEST(Dg2Face, HugeDeclaredDimensionsAreRefusedBeforeDecoding) {
    FaceImage image = face(FaceImageFormat::Jpeg, 4000, 120, 160);
    // SOF0 height/width -> 60000 x 60000: a decompression bomb.
    for (std::size_t i = 2; i + 8 < image.data.size(); ++i) {
        if (image.data[i] == 0xFF && image.data[i + 1] == 0xC0) {
            image.data[i + 5] = 0xEA;
            image.data[i + 6] = 0x60;
            image.data[i + 7] = 0xEA;
            image.data[i + 8] = 0x60;
            break;
        }
    }
    EXPECT_EQ(decode_face(image).error(), LdsError::BadImage);
}

}  // namespace
}  // namespace hk::drivers::icao9303
