// Files of the ICAO Doc 9303 logical data structure (9303-10 §3.6 and §4.6): file identifiers, short EF
// identifiers (for READ BINARY with an SFI) and the tags that open each file.
#pragma once

#include <cstdint>
#include <optional>

namespace hk::drivers::icao9303 {

namespace fid {
inline constexpr std::uint16_t kCardAccess = 0x011C;  // in the master file (9303-10 §3.11.3)
inline constexpr std::uint16_t kAtrInfo = 0x2F01;     // EF.ATR/INFO, master file (9303-10 §3.11.1)
inline constexpr std::uint16_t kCom = 0x011E;         // in the eMRTD application from here on
inline constexpr std::uint16_t kSod = 0x011D;
inline constexpr std::uint16_t kDg1 = 0x0101;
inline constexpr std::uint16_t kDg2 = 0x0102;
inline constexpr std::uint16_t kDg11 = 0x010B;
inline constexpr std::uint16_t kDg12 = 0x010C;
inline constexpr std::uint16_t kDg14 = 0x010E;
inline constexpr std::uint16_t kDg15 = 0x010F;
}  // namespace fid

namespace lds_tag {
inline constexpr std::uint8_t kCom = 0x60;
inline constexpr std::uint8_t kSod = 0x77;
inline constexpr std::uint8_t kDg1 = 0x61;
inline constexpr std::uint8_t kDg2 = 0x75;
inline constexpr std::uint8_t kDg11 = 0x6B;
inline constexpr std::uint8_t kDg12 = 0x6C;
inline constexpr std::uint8_t kDg14 = 0x6E;
inline constexpr std::uint8_t kDg15 = 0x6F;
}  // namespace lds_tag

// DG1..DG16 <-> 0101..0110; nullopt outside.
std::optional<std::uint16_t> data_group_fid(int data_group);
std::optional<int> data_group_from_fid(std::uint16_t fid);
// The tag that opens DGn (61, 75, 63, 76, 65 ... 70; 9303-10 table 35) and back.
std::optional<std::uint8_t> data_group_tag(int data_group);
std::optional<int> data_group_from_tag(std::uint8_t tag);
// Short EF identifier: DGn -> n, EF.COM 1E, EF.SOD 1D, EF.CardAccess 1C, EF.ATR/INFO 01; nullopt otherwise.
std::optional<std::uint8_t> short_file_id(std::uint16_t fid);

}  // namespace hk::drivers::icao9303
