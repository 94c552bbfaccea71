#include "drivers/icao9303/dg2_face.h"

#include "drivers/icao9303/lds_files.h"
#include "drivers/iso7816/ber_tlv.h"
#include "drivers/personal_string.h"

namespace hk::drivers::icao9303 {

using iso7816::Bytes;
using iso7816::ByteView;

namespace {

constexpr std::size_t kGeneralHeader = 14;  // 'FAC\0', version, record length (4), number of images (2)
constexpr std::size_t kFacialInformation = 20;
constexpr std::size_t kFeaturePoint = 8;
constexpr std::size_t kImageInformation = 12;

std::uint32_t be(ByteView bytes, std::size_t at, std::size_t count) {
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < count; ++i) value = (value << 8) | bytes[at + i];
    return value;
}

void put_be(Bytes& out, std::uint32_t value, std::size_t count) {
    for (std::size_t i = count; i-- > 0;) out.push_back(static_cast<std::uint8_t>((value >> (8 * i)) & 0xFF));
}

}  // namespace

void FaceImage::wipe() noexcept {
    wipe_bytes(data.data(), data.size());
    data.clear();
}

void DecodedFace::wipe() noexcept {
    wipe_bytes(pixels.data(), pixels.size());
    pixels.clear();
}

std::expected<std::vector<FaceImage>, LdsError> parse_facial_record(ByteView record) {
    if (record.size() < kGeneralHeader) return std::unexpected(LdsError::BadImage);
    if (record[0] != 'F' || record[1] != 'A' || record[2] != 'C' || record[3] != 0)
        return std::unexpected(LdsError::BadImage);
    const std::size_t record_length = be(record, 8, 4);
    const std::size_t count = be(record, 12, 2);
    // The declared length must be there; trailing bytes after it are ignored (some issuers pad the block).
    if (record_length > record.size() || record_length < kGeneralHeader || count == 0)
        return std::unexpected(LdsError::BadImage);
    record = record.first(record_length);

    std::vector<FaceImage> images;
    std::size_t at = kGeneralHeader;
    for (std::size_t i = 0; i < count; ++i) {
        if (record.size() - at < kFacialInformation) return std::unexpected(LdsError::BadImage);
        const std::size_t block = be(record, at, 4);
        const std::size_t feature_points = be(record, at + 4, 2);
        const std::size_t fixed = kFacialInformation + feature_points * kFeaturePoint + kImageInformation;
        if (block < fixed || block > record.size() - at) return std::unexpected(LdsError::BadImage);
        const std::size_t info = at + kFacialInformation + feature_points * kFeaturePoint;
        FaceImage image;
        switch (record[info + 1]) {
            case 0:
                image.format = FaceImageFormat::Jpeg;
                break;
            case 1:
                image.format = FaceImageFormat::Jpeg2000;
                break;
            default:
                return std::unexpected(LdsError::Unsupported);
        }
        image.declared_width = static_cast<std::uint16_t>(be(record, info + 2, 2));
        image.declared_height = static_cast<std::uint16_t>(be(record, info + 4, 2));
        const ByteView data = record.subspan(info + kImageInformation, block - fixed);
        if (data.empty()) return std::unexpected(LdsError::BadImage);
        image.data.assign(data.begin(), data.end());
        images.push_back(std::move(image));
        at += block;
    }
    return images;
}

std::expected<std::vector<FaceImage>, LdsError> parse_dg2(ByteView file) {
    const auto outer = iso7816::parse_tlv(file);
    if (!outer || outer->whole.size() != file.size()) return std::unexpected(LdsError::Malformed);
    if (outer->tag != lds_tag::kDg2) return std::unexpected(LdsError::WrongTag);
    const auto group = iso7816::find_child(outer->value, 0x7F61);
    if (!group) return std::unexpected(LdsError::Malformed);
    const auto members = iso7816::parse_tlv_sequence(group->value);
    if (!members) return std::unexpected(LdsError::Malformed);
    std::vector<FaceImage> images;
    for (const iso7816::Tlv& member : *members) {
        if (member.tag != 0x7F60) continue;  // 02: the number of instances; checked by what follows
        auto block = iso7816::find_child(member.value, 0x5F2E);
        if (!block) block = iso7816::find_child(member.value, 0x7F2E);
        if (!block) return std::unexpected(LdsError::Malformed);
        auto record = parse_facial_record(block->value);
        if (!record) return std::unexpected(record.error());
        for (FaceImage& image : *record) images.push_back(std::move(image));
    }
    if (images.empty()) return std::unexpected(LdsError::Malformed);
    return images;
}

Bytes encode_dg2(const FaceImage& image) {
    Bytes record{'F', 'A', 'C', 0, '0', '1', '0', 0};
    const std::size_t block = kFacialInformation + kImageInformation + image.data.size();
    put_be(record, static_cast<std::uint32_t>(kGeneralHeader + block), 4);
    put_be(record, 1, 2);
    put_be(record, static_cast<std::uint32_t>(block), 4);
    put_be(record, 0, 2);  // no feature points
    // gender, eye colour, hair colour unspecified; property mask, expression, pose angles and uncertainty 0.
    record.insert(record.end(), 14, 0x00);
    record.push_back(0x01);  // full frontal
    record.push_back(image.format == FaceImageFormat::Jpeg ? 0x00 : 0x01);
    put_be(record, image.declared_width, 2);
    put_be(record, image.declared_height, 2);
    record.push_back(0x01);  // 24-bit RGB
    record.push_back(0x02);  // source: digital still camera
    put_be(record, 0, 2);    // device type
    put_be(record, 0, 2);    // quality unspecified
    record.insert(record.end(), image.data.begin(), image.data.end());

    // Biometric header template (ISO/IEC 7816-11): ICAO header version 0101, type 02 (face), format owner
    // 0101 (ISO/IEC JTC1 SC37), format type 0008 (19794-5).
    Bytes header;
    for (const Bytes& part :
         {iso7816::encode_tlv(0x80, Bytes{0x01, 0x01}), iso7816::encode_tlv(0x81, Bytes{0x02}),
          iso7816::encode_tlv(0x87, Bytes{0x01, 0x01}), iso7816::encode_tlv(0x88, Bytes{0x00, 0x08})})
        header.insert(header.end(), part.begin(), part.end());
    Bytes instance = iso7816::encode_tlv(0xA1, header);
    const Bytes data_block = iso7816::encode_tlv(0x5F2E, record);
    instance.insert(instance.end(), data_block.begin(), data_block.end());

    Bytes group = iso7816::encode_tlv(0x02, Bytes{0x01});
    const Bytes member = iso7816::encode_tlv(0x7F60, instance);
    group.insert(group.end(), member.begin(), member.end());
    return iso7816::encode_tlv(lds_tag::kDg2, iso7816::encode_tlv(0x7F61, group));
}

}  // namespace hk::drivers::icao9303
