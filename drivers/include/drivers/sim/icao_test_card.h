// A simulated chip holding a test document (icao9303/test_document.h): its files, the MRZ key, a CAN and the
// private keys for active and chip authentication, ready for a SimulatedContactlessPort, a vpcd bridge or a
// PN532 emulator.
#pragma once

#include <memory>
#include <string>

#include "drivers/icao9303/test_document.h"
#include "drivers/sim/icao_card_simulator.h"

namespace hk::drivers::sim {

IcaoCardContents card_contents(const icao9303::testdoc::TestDocument& document, std::string can = "123456");

std::shared_ptr<IcaoCardSimulator> make_test_card(const icao9303::testdoc::TestDocument& document,
                                                  IcaoCardQuirks quirks = {}, std::string can = "123456");

}  // namespace hk::drivers::sim
