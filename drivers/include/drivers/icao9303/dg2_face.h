// DG2: the encoded face (9303-10 §4.7.2). Tag 75 > biometric information group template 7F61 > one 7F60
// per image > biometric header template A1 and biometric data block 5F2E (or 7F2E), which holds an ISO/IEC
// 19794-5:2005 facial record: general header ('FAC\0', version, lengths), facial information, feature
// points, image information (image data type 0 JPEG, 1 JPEG 2000) and the image. Every length in the record
// is checked against the bytes really there; a record that lies is an error, never a read past the end.
#pragma once

#include <cstdint>
#include <expected>
#include <vector>

#include "drivers/icao9303/lds_error.h"
#include "drivers/iso7816/bytes.h"

namespace hk::drivers::icao9303 {

enum class FaceImageFormat : std::uint8_t { Jpeg, Jpeg2000 };

struct FaceImage {
    FaceImageFormat format = FaceImageFormat::Jpeg;  // as declared by the record's image information
    std::uint16_t declared_width = 0;
    std::uint16_t declared_height = 0;
    iso7816::Bytes data;  // the JPEG / JPEG 2000 file as stored

    void wipe() noexcept;
};

// Pixels as OpenCV decodes them: 8-bit, `channels` per pixel (3 = BGR, 1 = grey), rows packed.
struct DecodedFace {
    int width = 0;
    int height = 0;
    int channels = 0;
    iso7816::Bytes pixels;

    void wipe() noexcept;
};

// Every face image in DG2, in order (almost always one).
std::expected<std::vector<FaceImage>, LdsError> parse_dg2(iso7816::ByteView file);
// The 19794-5 record alone (the biometric data block's value).
std::expected<std::vector<FaceImage>, LdsError> parse_facial_record(iso7816::ByteView record);

// Decodes through OpenCV (libjpeg / OpenJPEG). BadImage when the bytes are neither JPEG nor JPEG 2000 or do
// not decode.
std::expected<DecodedFace, LdsError> decode_face(const FaceImage& image);

// A DG2 with one image, for the test factory and simulators.
iso7816::Bytes encode_dg2(const FaceImage& image);

}  // namespace hk::drivers::icao9303
