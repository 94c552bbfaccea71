// The access-control side of the ICAO card simulator: BAC, PACE, secure messaging, active and chip
// authentication, built from the chip-side classes of drivers/src/icao9303/access and lds.
#pragma once

#include <cstdint>
#include <expected>
#include <memory>

#include "drivers/iso7816/apdu.h"
#include "drivers/sim/icao_card_simulator.h"

namespace hk::drivers::sim {

struct IcaoCardSimulator::Session {
    Session(const IcaoCardContents& contents, const IcaoCardQuirks& quirks);
    ~Session();

    [[nodiscard]] bool secured() const;
    void close();

    // Secure messaging, chip side: a protected command in, the plain command out (or the status to answer).
    std::expected<iso7816::CommandApdu, std::uint16_t> unwrap_command(iso7816::ByteView raw);
    iso7816::Bytes wrap_response(const iso7816::ResponseApdu& plain);

    // GET CHALLENGE, EXTERNAL / INTERNAL AUTHENTICATE, MSE, GENERAL AUTHENTICATE; anything else is 6D00.
    iso7816::ResponseApdu access_command(const iso7816::CommandApdu& command, bool secured,
                                         bool in_application);

    struct State;
    std::unique_ptr<State> state;
};

}  // namespace hk::drivers::sim
