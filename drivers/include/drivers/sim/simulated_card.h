// The card side of a contactless chip, for tests, the demo and the benchmark: something that answers command
// APDUs. The ICAO simulator implements it; bridges put one behind real pcscd (vpcd) or real libnfc (a PN532
// emulator), and InProcessCardChannel lets the reader code talk to it directly.
#pragma once

#include "drivers/iso7816/bytes.h"
#include "drivers/iso7816/card_channel.h"

namespace hk::drivers::sim {

class SimulatedCard {
  public:
    virtual ~SimulatedCard() = default;
    // Answer to reset. Contactless cards behind PC/SC show a PC/SC part 3 ATR: 3B 8n 80 01 <historical> TCK.
    [[nodiscard]] virtual iso7816::Bytes atr() const = 0;
    // Card power cycle or a new selection in the field: forget sessions and selected files.
    virtual void reset() = 0;
    // One command APDU in, one response APDU (data || SW1 SW2) out. Malformed commands get an error status.
    virtual iso7816::Bytes process(iso7816::ByteView command) = 0;
    // False once the card has left the field (a test pulled it away): bridges then report "card removed".
    [[nodiscard]] virtual bool present() const { return true; }
    // A test puts the card in the field or takes it away (any thread). Cards that cannot leave ignore it.
    virtual void set_present(bool /*present*/) {}
    // The UID the reader learnt in anticollision, which the reader (not the card) reports to GET DATA
    // (drivers/iso7816/get_uid.h). Empty: the reader has none to give.
    [[nodiscard]] virtual iso7816::Bytes uid() const { return {}; }
};

// A channel straight to a simulated card in the same process (unit tests, the benchmark, `--simulate`). It
// plays the reader too: GET DATA for the UID is answered from the card's uid(), as a PC/SC reader would.
class InProcessCardChannel : public iso7816::CardChannel {
  public:
    explicit InProcessCardChannel(SimulatedCard& card) : card_(card) {}
    std::expected<iso7816::Bytes, iso7816::ChannelError> transmit_raw(iso7816::ByteView command) override;

  private:
    SimulatedCard& card_;
};

}  // namespace hk::drivers::sim
