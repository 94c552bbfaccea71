// The data objects of a protected APDU (§9.8.6): DO85/DO87 cryptogram, DO97 Le, DO99 status, DO8E MAC.
// Parsing is strict, since every byte here comes from the other end before its MAC is checked.
#pragma once

#include <cstdint>
#include <optional>

#include "drivers/icao9303/crypto.h"

namespace hk::drivers::icao9303::detail {

struct SmObjects {
    std::optional<Bytes> cryptogram;      // without DO87's padding-content indicator
    bool odd_ins_form = false;            // DO85 (no indicator, odd INS) rather than DO87
    std::optional<Bytes> le;              // DO97's value: 1 or 2 bytes
    std::optional<std::uint16_t> status;  // DO99
    std::optional<Bytes> mac;             // DO8E
    Bytes mac_input;  // every object before DO8E as received: what the MAC covers after SSC (and header)
};

// nullopt when the objects are malformed: an unknown or repeated tag, DO8E not last or not 8 bytes, DO87
// without the 01 indicator or with a cryptogram that is not whole blocks of `block`, DO99 not 2 bytes,
// DO97 not 1 or 2 bytes, or TLV errors.
std::optional<SmObjects> parse_sm_objects(ByteView data, std::size_t block);

// 87 L 01 || cryptogram, or 85 L cryptogram for an odd INS.
Bytes encode_cryptogram_object(ByteView cryptogram, bool odd_ins_form);

}  // namespace hk::drivers::icao9303::detail
