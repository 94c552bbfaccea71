// The fuzz entry for the ICAO LDS parsers and passive authentication (drivers/include/drivers/icao9303):
// what the kiosk does with the bytes a chip (or a chip emulator in an attacker's hand) returns. Shared by
// the libFuzzer target (clang) and a GoogleTest (every compiler).
#pragma once

#include <map>
#include <string>

#include "drivers/icao9303/csca_store.h"
#include "drivers/iso7816/bytes.h"

namespace hk::drivers::icao9303::fuzz {

// Feeds `input` to the EF.SOD / CMS reader and passive authentication (against `trust` and `data_groups`),
// and to the DG1, DG2 (with image decoding), DG14, EF.CardAccess and DG15 parsers. Returns what broke a
// promise, or "" when all held: no crash or exception; results consistent (the overall outcome follows the
// steps; Passed means every data group hash really matches the SOD's; parsed DG2 images lie inside the
// input; decoded faces have the pixels their size says).
std::string check_icao_lds(iso7816::ByteView input, const CscaStore& trust,
                           const std::map<int, iso7816::Bytes>& data_groups);

}  // namespace hk::drivers::icao9303::fuzz
