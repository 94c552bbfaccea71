// BER-TLV (ISO/IEC 7816-4 §5.2, ISO/IEC 8825-1) as the LDS, the SOD and secure messaging use it. The parser
// never reads past the buffer it is given: every malformed tag, length or truncated value is an error, never
// a crash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <vector>

#include "drivers/iso7816/bytes.h"

namespace hk::drivers::iso7816 {

enum class TlvError : std::uint8_t {
    Truncated,  // tag, length or value runs past the end of the input
    BadTag,     // tag longer than 4 bytes or not minimal
    BadLength,  // indefinite length (0x80), or a length field over 4 bytes
};

struct Tlv {
    std::uint32_t tag = 0;  // as written: 0x5F1F, 0x61, 0x7F61 ...
    ByteView value;         // views into the parsed buffer: valid while it lives
    ByteView whole;         // tag, length and value

    [[nodiscard]] bool constructed() const;
};

// One TLV at the start of `input`; `whole.size()` tells how much it used.
std::expected<Tlv, TlvError> parse_tlv(ByteView input);
// Every TLV of `input` in order; the input must be used exactly (trailing bytes are Truncated).
// Padding 0x00 / 0xFF bytes between objects are not allowed here: LDS files have none.
std::expected<std::vector<Tlv>, TlvError> parse_tlv_sequence(ByteView input);
// The first child with `tag` inside a constructed value (one level), or nullopt.
std::optional<Tlv> find_child(ByteView constructed_value, std::uint32_t tag);

// Length of a complete TLV from its first bytes (tag and length only), to read a file's header before the
// rest: nullopt while `prefix` is too short to tell, an error when the header is malformed.
std::expected<std::optional<std::size_t>, TlvError> tlv_total_length(ByteView prefix);

Bytes encode_length(std::size_t length);
Bytes encode_tlv(std::uint32_t tag, ByteView value);

}  // namespace hk::drivers::iso7816
