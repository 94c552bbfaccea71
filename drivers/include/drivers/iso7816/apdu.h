// ISO/IEC 7816-4 command and response APDUs (§5.1), short and extended length.
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>

#include "drivers/iso7816/bytes.h"

namespace hk::drivers::iso7816 {

// Ne of 256 in a short APDU and 65536 in an extended one are both encoded as zero: callers give the real
// number.
inline constexpr std::size_t kShortMaxNe = 256;
inline constexpr std::size_t kExtendedMaxNe = 65536;
inline constexpr std::size_t kShortMaxNc = 255;
inline constexpr std::size_t kExtendedMaxNc = 65535;

struct CommandApdu {
    std::uint8_t cla = 0;
    std::uint8_t ins = 0;
    std::uint8_t p1 = 0;
    std::uint8_t p2 = 0;
    Bytes data;                     // Nc bytes of command data
    std::optional<std::size_t> ne;  // expected response length; nullopt: no Le field

    // Extended length is needed when Nc > 255 or Ne > 256.
    [[nodiscard]] bool needs_extended_length() const;
    // Encodes the four cases of §5.1 in short form, or in extended form when needed or `force_extended`.
    // Fails (nullopt) only when Nc or Ne do not fit even the extended form.
    [[nodiscard]] std::optional<Bytes> encode(bool force_extended = false) const;
};

enum class ApduError : std::uint8_t { TooShort, LengthMismatch, BadLengthField };

// Card side: the inverse of CommandApdu::encode, strict about every length byte.
std::expected<CommandApdu, ApduError> decode_command(ByteView bytes);

// Common status words (§5.6); named where the kiosk reacts to them.
namespace sw {
inline constexpr std::uint16_t kOk = 0x9000;
inline constexpr std::uint16_t kEndOfFileBeforeNe = 0x6282;  // fewer bytes than asked: end of file reached
inline constexpr std::uint16_t kWrongLength = 0x6700;
inline constexpr std::uint16_t kSmDataObjectsMissing = 0x6987;
inline constexpr std::uint16_t kSmDataObjectsIncorrect = 0x6988;
inline constexpr std::uint16_t kSecurityStatusNotSatisfied = 0x6982;
inline constexpr std::uint16_t kAuthenticationFailed = 0x6300;
inline constexpr std::uint16_t kConditionsNotSatisfied = 0x6985;
inline constexpr std::uint16_t kWrongData = 0x6A80;
inline constexpr std::uint16_t kFileNotFound = 0x6A82;
inline constexpr std::uint16_t kWrongP1P2 = 0x6B00;
inline constexpr std::uint16_t kInsNotSupported = 0x6D00;
inline constexpr std::uint16_t kClaNotSupported = 0x6E00;
inline constexpr std::uint16_t kNoPreciseDiagnosis = 0x6F00;
inline constexpr std::uint16_t kWrongLe = 0x6C00;   // 6Cxx: wrong Le, xx gives the right one
inline constexpr std::uint16_t kMoreData = 0x6100;  // 61xx: xx more bytes available (GET RESPONSE)
inline constexpr std::uint16_t kSmWrongLength =
    0x6883;  // last command of a chain expected (seen on read length)
}  // namespace sw

struct ResponseApdu {
    Bytes data;
    std::uint16_t sw = 0;

    [[nodiscard]] std::uint8_t sw1() const { return static_cast<std::uint8_t>(sw >> 8); }
    [[nodiscard]] std::uint8_t sw2() const { return static_cast<std::uint8_t>(sw & 0xFF); }
    [[nodiscard]] bool ok() const { return sw == sw::kOk; }
    [[nodiscard]] Bytes encode() const;  // data || SW1 SW2
};

// A response needs at least SW1 SW2.
std::expected<ResponseApdu, ApduError> decode_response(ByteView bytes);

// "9000 success", "6A82 file not found", ...; for logs and technicians.
std::string describe_status(std::uint16_t status_word);

}  // namespace hk::drivers::iso7816
