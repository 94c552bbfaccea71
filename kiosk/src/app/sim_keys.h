// Keys that play the citizen (or the fault) in the windowed simulation, since there is no card to tap on a
// desktop.
#pragma once

#include <string>
#include <string_view>

#include "sim/simulation.h"

namespace hk::kiosk {

inline constexpr std::string_view kSimulationKeyHelp =
    "F1 present the next person's ID card · F2 present the next passport · F3 lay a document on the scanner "
    "· "
    "F4 take everything away · F5 jam the A4 printer once · F6 unplug/replug the A4 printer · "
    "F7 fail the next central call";

class SimulationKeys {
  public:
    explicit SimulationKeys(sim::Simulation& simulation) : simulation_(simulation) {}
    // Returns what the key did, for the transcript; empty when the key means nothing.
    std::string press(std::string_view key);

  private:
    sim::Simulation& simulation_;
    std::size_t next_card_ = 0;
    std::size_t next_passport_ = 0;
    bool a4_unplugged_ = false;
};

}  // namespace hk::kiosk
