// PN532 host-link frames (NXP UM0701 §6.2): what a PN532 on a UART and its host exchange. Used by the PN532
// emulator that stands in front of a simulated card so that the real libnfc can be tested on a pty.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <variant>

#include "drivers/iso7816/bytes.h"

namespace hk::drivers::transports::pn532 {

using iso7816::Bytes;
using iso7816::ByteView;

inline constexpr std::uint8_t kHostToPn532 = 0xD4;  // TFI of a command
inline constexpr std::uint8_t kPn532ToHost = 0xD5;  // TFI of an answer
// A normal frame's LEN byte covers TFI + data up to 255; an extended frame (LEN = FF FF) carries up to 264
// (TFI + command + status + the 262 data bytes of the largest InDataExchange answer, UM0701 §7.3.8).
inline constexpr std::size_t kNormalMaxPayload = 255;
inline constexpr std::size_t kExtendedMaxPayload = 265;

// 00 00 FF 00 FF 00
Bytes ack_frame();
// 00 00 FF 01 FF 7F 81 00: the PN532's "syntax error" answer to a command it does not know.
Bytes error_frame();
// A frame carrying `payload` (TFI and data): normal when it fits, else extended. Nullopt when too long even
// for an extended frame, or empty.
std::optional<Bytes> encode_frame(ByteView payload);

struct AckFrame {};
struct NackFrame {};
struct ErrorFrame {};  // application-level error frame
struct InformationFrame {
    Bytes payload;  // TFI followed by data
};
using Frame = std::variant<AckFrame, NackFrame, ErrorFrame, InformationFrame>;

// Splits a byte stream into frames. Bytes before a start code (00 FF) are skipped: libnfc prefixes a
// wake-up (55 55 00 00 ...) to the first frame after power-down, and preambles may be missing. A frame
// whose length or data checksum is wrong is dropped, as a PN532 drops it, and scanning resumes after its
// start code.
class FrameScanner {
  public:
    void feed(ByteView bytes);
    // The next complete frame, or nullopt until more bytes arrive.
    std::optional<Frame> next();
    // Frames dropped for a bad checksum since creation (for tests).
    [[nodiscard]] std::size_t dropped() const { return dropped_; }

  private:
    Bytes buffer_;
    std::size_t dropped_ = 0;
};

}  // namespace hk::drivers::transports::pn532
