// EF.COM (9303-10 §4.6.1): LDS version, Unicode version and the list of data-group tags present. The list
// is advisory (EF.SOD is what is signed), but readers use it to decide what to read.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <vector>

#include "drivers/icao9303/lds_error.h"
#include "drivers/iso7816/bytes.h"

namespace hk::drivers::icao9303 {

struct EfCom {
    std::string lds_version;               // "0107" for LDS 1.7 (5F01)
    std::string unicode_version;           // "040000" (5F36)
    std::vector<std::uint8_t> tags;        // 5C: 61 75 6B ...
    std::vector<int> data_groups() const;  // the tags as DG numbers, unknown tags skipped
};

std::expected<EfCom, LdsError> parse_ef_com(iso7816::ByteView file);
iso7816::Bytes encode_ef_com(const EfCom& com);

}  // namespace hk::drivers::icao9303
