// The card readers the config asks for: a real e-passport reader (PC/SC or libnfc) and a real GA 467 resident
// ID reader, or none (the simulated ones stand in).
#pragma once

#include <expected>
#include <memory>
#include <string>

#include "config.h"
#include "drivers/chip_reader.h"
#include "drivers/resident_id_reader.h"

namespace hk::kiosk {

struct CardReaderBackends {
    std::unique_ptr<drivers::ChipReader> chip;               // null: the simulation's chip reader
    std::unique_ptr<drivers::ResidentIdReader> resident_id;  // null: the simulation's card reader
};

// Fails only on a configuration that cannot work (a malformed connection string); a reader that is not
// plugged in is not an error here: it shows as a device fault once the kiosk runs, and recovers when plugged
// in.
std::expected<CardReaderBackends, std::string> open_card_reader_backends(const KioskConfig& config);

}  // namespace hk::kiosk
