// The one way the chip protocols talk to a card: PC/SC, libnfc, an in-process simulator, or secure messaging
// wrapped around any of them. A channel exchanges one APDU at a time; it is used from one thread.
#pragma once

#include <cstdint>
#include <expected>
#include <string>

#include "drivers/iso7816/apdu.h"
#include "drivers/iso7816/bytes.h"

namespace hk::drivers::iso7816 {

enum class ChannelErrorKind : std::uint8_t {
    CardRemoved,  // the card left the field (or was reset) during the exchange
    ReaderGone,   // the reader was unplugged or the service (pcscd) went away
    Timeout,      // no answer in time
    Transport,    // any other transport failure
    Malformed,    // the answer is not an APDU (fewer than 2 bytes, or bad secure messaging)
};

struct ChannelError {
    ChannelErrorKind kind = ChannelErrorKind::Transport;
    std::string detail;  // for technicians and logs: never card data
};

class CardChannel {
  public:
    virtual ~CardChannel() = default;

    // Sends raw command bytes and returns raw response bytes (data || SW1 SW2).
    virtual std::expected<Bytes, ChannelError> transmit_raw(ByteView command) = 0;

    // Whether the reader and card take extended-length APDUs, as far as the transport knows (a card's own
    // capability is learnt by the reader code from EF.ATR/INFO, the ATR historical bytes, or trial).
    [[nodiscard]] virtual bool supports_extended_length() const { return true; }

    // Encodes, sends and decodes; a response shorter than SW1 SW2 is Malformed.
    virtual std::expected<ResponseApdu, ChannelError> transmit(const CommandApdu& command);

    // Counts for technicians and the benchmark: APDUs and bytes both ways since creation.
    struct Counters {
        std::uint64_t apdus = 0;
        std::uint64_t bytes_sent = 0;
        std::uint64_t bytes_received = 0;
    };
    [[nodiscard]] const Counters& counters() const { return counters_; }

  protected:
    Counters counters_;
};

std::string_view to_string(ChannelErrorKind kind);

}  // namespace hk::drivers::iso7816
