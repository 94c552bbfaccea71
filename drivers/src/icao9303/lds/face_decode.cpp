// decode_face: DG2 images to pixels through OpenCV's imgcodecs (libjpeg for JPEG, OpenJPEG for JPEG 2000).
// OpenCV is kept out of the public headers; only this file sees it.
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <cstring>
#include <optional>

#include "drivers/icao9303/dg2_face.h"

namespace hk::drivers::icao9303 {

using iso7816::ByteView;

namespace {

// A face on a document is a few hundred pixels a side; anything far larger is a decompression bomb.
constexpr std::uint32_t kMaxSide = 8192;

struct Size {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
};

std::uint32_t be(ByteView bytes, std::size_t at, std::size_t count) {
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < count; ++i) value = (value << 8) | bytes[at + i];
    return value;
}

bool starts_with(ByteView data, std::initializer_list<std::uint8_t> magic) {
    return data.size() >= magic.size() && std::equal(magic.begin(), magic.end(), data.begin());
}

// The frame size from a JPEG's SOFn marker segment (ITU-T T.81 §B.2.2).
std::optional<Size> jpeg_size(ByteView data) {
    std::size_t at = 2;
    while (at + 9 <= data.size()) {
        if (data[at] != 0xFF) return std::nullopt;
        const std::uint8_t marker = data[at + 1];
        if (marker == 0xFF) {  // fill byte
            ++at;
            continue;
        }
        const bool sof =
            marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (sof) return Size{be(data, at + 7, 2), be(data, at + 5, 2)};
        at += 2 + be(data, at + 2, 2);
    }
    return std::nullopt;
}

// JPEG 2000: the SIZ marker of a codestream (ITU-T T.800 §A.5.1), found directly or inside a JP2 file's
// contiguous codestream box.
std::optional<Size> jpeg2000_size(ByteView data) {
    for (std::size_t at = 0; at + 14 <= data.size(); ++at) {
        if (data[at] == 0xFF && data[at + 1] == 0x4F && data[at + 2] == 0xFF && data[at + 3] == 0x51)
            return Size{be(data, at + 8, 4),
                        be(data, at + 12, 4)};  // Xsiz, Ysiz (offsets ignored: bound only)
    }
    return std::nullopt;
}

}  // namespace

std::expected<DecodedFace, LdsError> decode_face(const FaceImage& image) {
    const ByteView data = image.data;
    std::optional<Size> size;
    if (starts_with(data, {0xFF, 0xD8, 0xFF})) {
        size = jpeg_size(data);
    } else if (starts_with(data, {0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20}) ||
               starts_with(data, {0xFF, 0x4F, 0xFF, 0x51})) {
        size = jpeg2000_size(data);
    } else {
        return std::unexpected(LdsError::BadImage);
    }
    if (!size || size->width == 0 || size->height == 0 || size->width > kMaxSide || size->height > kMaxSide)
        return std::unexpected(LdsError::BadImage);
    if (data.size() > static_cast<std::size_t>(INT32_MAX)) return std::unexpected(LdsError::BadImage);

    cv::Mat decoded;
    try {
        // imdecode only reads from the buffer; the const_cast is OpenCV's Mat constructor wanting void*.
        const cv::Mat encoded(1, static_cast<int>(data.size()), CV_8UC1,
                              const_cast<std::uint8_t*>(data.data()));
        decoded = cv::imdecode(encoded, cv::IMREAD_ANYCOLOR);
    } catch (const cv::Exception&) {
        return std::unexpected(LdsError::BadImage);
    }
    if (decoded.empty() || decoded.depth() != CV_8U) return std::unexpected(LdsError::BadImage);
    if (!decoded.isContinuous()) decoded = decoded.clone();

    DecodedFace face;
    face.width = decoded.cols;
    face.height = decoded.rows;
    face.channels = decoded.channels();
    const std::size_t bytes = decoded.total() * decoded.elemSize();
    face.pixels.assign(decoded.data, decoded.data + bytes);
    std::memset(decoded.data, 0, bytes);  // the decoder's copy of the face goes too
    return face;
}

}  // namespace hk::drivers::icao9303
