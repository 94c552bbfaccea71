// A few DER (ITU-T X.690) helpers on top of the project's BER-TLV parser, for the ASN.1 structures of the
// LDS (DG14 SecurityInfos, the LDSSecurityObject, the CSCA master list) and for writing them in the test
// document factory. Reading never goes past the given buffer: every helper returns nullopt on bad input.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/iso7816/ber_tlv.h"

namespace hk::drivers::icao9303::der {

using iso7816::Bytes;
using iso7816::ByteView;
using iso7816::Tlv;

inline constexpr std::uint32_t kInteger = 0x02;
inline constexpr std::uint32_t kBitString = 0x03;
inline constexpr std::uint32_t kOctetString = 0x04;
inline constexpr std::uint32_t kNull = 0x05;
inline constexpr std::uint32_t kOid = 0x06;
inline constexpr std::uint32_t kUtf8String = 0x0C;
inline constexpr std::uint32_t kPrintableString = 0x13;
inline constexpr std::uint32_t kSequence = 0x30;
inline constexpr std::uint32_t kSet = 0x31;

// The one TLV that `input` must consist of exactly, with `tag`.
std::optional<Tlv> expect_whole(ByteView input, std::uint32_t tag);
// The children of a constructed value, in order; nullopt when any is malformed or bytes are left over.
std::optional<std::vector<Tlv>> children(ByteView constructed_value);

// OBJECT IDENTIFIER contents -> "2.23.136.1.1.1"; nullopt for an empty, unterminated or oversized arc.
std::optional<std::string> decode_oid(ByteView contents);
// INTEGER contents that fit in a non-negative int (versions, DG numbers, parameter ids).
std::optional<int> decode_small_int(ByteView contents);

Bytes oid(std::string_view dotted);  // whole TLV; dotted must be well-formed (factory use only)
Bytes integer(int value);            // non-negative, whole TLV
Bytes octet_string(ByteView value);
Bytes sequence(const std::vector<Bytes>& parts);
// SET OF: DER sorts the encoded elements (X.690 §11.6).
Bytes set_of(std::vector<Bytes> parts);

}  // namespace hk::drivers::icao9303::der
