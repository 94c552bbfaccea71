// Why establishing access to an ICAO 9303 chip (BAC, PACE, chip authentication) failed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "drivers/iso7816/card_channel.h"

namespace hk::drivers::icao9303 {

struct AccessError {
    enum Kind : std::uint8_t {
        Refused,      // the chip rejected the password or key (6300 / 6982 / a wrong token): wrong MRZ or CAN
        Unsupported,  // a protocol, mapping or domain parameter set this reader does not implement
        Protocol,     // the chip answered outside the protocol (unexpected status, malformed data, bad MAC)
        Channel,      // the transport failed (card removed, reader gone, timeout); see `channel`
    };
    Kind kind = Protocol;
    std::uint16_t status = 0;         // the status word that decided it, 0 when none
    iso7816::ChannelError channel{};  // set when kind == Channel
    std::string detail;               // for technicians: never key material, nonces or MRZ data
};

std::string_view to_string(AccessError::Kind kind);
// "refused: EXTERNAL AUTHENTICATE 6300 authentication failed"; for logs.
std::string describe(const AccessError& error);

}  // namespace hk::drivers::icao9303
