// A contactless reader as the chip reader sees it, whatever drives it: pcscd, libnfc, or a simulated card in
// the same process. The chip reader's worker waits for a card, connects, and reads through the channel it
// gets.
#pragma once

#include <chrono>
#include <expected>
#include <memory>
#include <string>

#include "drivers/iso7816/card_channel.h"

namespace hk::drivers::icao9303 {

class ContactlessPort {
  public:
    virtual ~ContactlessPort() = default;
    // True once a card is in the field; false when none came within `timeout`.
    virtual std::expected<bool, iso7816::ChannelError> wait_for_card(std::chrono::milliseconds timeout) = 0;
    virtual std::expected<std::unique_ptr<iso7816::CardChannel>, iso7816::ChannelError> connect() = 0;
    // "pcsc:Virtual PCD 00 00", "nfc:pn532_uart:/dev/ttyUSB0", "simulated": for status lines and logs.
    [[nodiscard]] virtual std::string describe() const = 0;
};

// The port a config string names: "pcsc:<reader name or part of it>" or "nfc:<libnfc connstring>" (an empty
// connstring takes the first device). Errors name what is wrong with the string.
std::expected<std::unique_ptr<ContactlessPort>, std::string> open_contactless_port(std::string_view config);

}  // namespace hk::drivers::icao9303
