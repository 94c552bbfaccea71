#include "drivers/icao9303/lds_files.h"

#include <array>

#include "drivers/icao9303/lds_error.h"

namespace hk::drivers::icao9303 {
namespace {

// 9303-10 table 35: the tag of DG1..DG16.
constexpr std::array<std::uint8_t, 16> kDataGroupTags{0x61, 0x75, 0x63, 0x76, 0x65, 0x66, 0x67, 0x68,
                                                      0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F, 0x70};

}  // namespace

std::optional<std::uint16_t> data_group_fid(int data_group) {
    if (data_group < 1 || data_group > 16) return std::nullopt;
    return static_cast<std::uint16_t>(0x0100 + data_group);
}

std::optional<int> data_group_from_fid(std::uint16_t fid) {
    if (fid < 0x0101 || fid > 0x0110) return std::nullopt;
    return fid - 0x0100;
}

std::optional<std::uint8_t> data_group_tag(int data_group) {
    if (data_group < 1 || data_group > 16) return std::nullopt;
    return kDataGroupTags[static_cast<std::size_t>(data_group - 1)];
}

std::optional<int> data_group_from_tag(std::uint8_t tag) {
    for (std::size_t i = 0; i < kDataGroupTags.size(); ++i)
        if (kDataGroupTags[i] == tag) return static_cast<int>(i + 1);
    return std::nullopt;
}

std::optional<std::uint8_t> short_file_id(std::uint16_t fid) {
    if (const auto dg = data_group_from_fid(fid)) return static_cast<std::uint8_t>(*dg);
    switch (fid) {
        case fid::kCom:
            return 0x1E;
        case fid::kSod:
            return 0x1D;
        case fid::kCardAccess:
            return 0x1C;
        case fid::kAtrInfo:
            return 0x01;
        default:
            return std::nullopt;
    }
}

std::string_view to_string(LdsError error) {
    switch (error) {
        case LdsError::Malformed:
            return "malformed";
        case LdsError::WrongTag:
            return "wrong tag";
        case LdsError::Unsupported:
            return "unsupported";
        case LdsError::BadImage:
            return "bad image";
        case LdsError::Crypto:
            return "crypto";
    }
    return "unknown";
}

}  // namespace hk::drivers::icao9303
