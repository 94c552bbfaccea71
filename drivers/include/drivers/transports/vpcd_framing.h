// The vpcd wire format (vsmartcard's virtual PC/SC reader driver): every message is a 2-byte big-endian
// length and a payload. A 1-byte payload from vpcd is a control; anything longer is a command APDU. The card
// side answers "get ATR" with its ATR and a command APDU with its response APDU, in the same framing.
#pragma once

#include <cstdint>
#include <optional>
#include <variant>

#include "drivers/iso7816/bytes.h"

namespace hk::drivers::transports::vpcd {

using iso7816::Bytes;
using iso7816::ByteView;

enum class Control : std::uint8_t { PowerOff = 0, PowerOn = 1, Reset = 2, GetAtr = 4 };

struct ControlMessage {
    std::uint8_t code = 0;  // a Control, or an unknown code that is ignored
};
struct ApduMessage {
    Bytes command;
};
using Message = std::variant<ControlMessage, ApduMessage>;

// Length prefix + payload; nullopt when the payload is longer than 65535 bytes.
std::optional<Bytes> encode_message(ByteView payload);

// Splits the byte stream from vpcd into messages. A zero-length message carries nothing and is skipped.
class MessageReader {
  public:
    void feed(ByteView bytes);
    std::optional<Message> next();

  private:
    Bytes buffer_;
};

}  // namespace hk::drivers::transports::vpcd
