// `kioskctl chip read --reader R (--mrz LINE | --can N) [--trust DIR] [--json]`: reads an e-passport or
// travel permit chip through a real reader, the way the kiosk does, and prints what was read, which checks
// passed, and what the read cost (APDUs, bytes). For technicians checking a reader, and for scripts.
#pragma once

#include <chrono>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>

#include "drivers/chip_reader.h"
#include "drivers/icao9303/contactless_port.h"

namespace hk::kiosk::ctl {

struct ChipReadOptions {
    std::string reader;  // pcsc:<name> or nfc:<connstring>
    std::string mrz;     // the MRZ line with the document number (TD3/TD2 line 2, or TD1 line 1 + line 2)
    std::string can;     // card access number, for PACE
    std::optional<std::filesystem::path> trust_store;
    std::chrono::milliseconds wait{10'000};
    bool json = false;
    bool skip_face = false;
};

// 0: read (whatever the checks say; they are printed); 1: no card, refused or failed read; 2: bad options.
int run_chip_read(const ChipReadOptions& options, std::ostream& out, std::ostream& err);
// The same against a given port (tests pass one whose peer they started).
int run_chip_read(const ChipReadOptions& options, drivers::icao9303::ContactlessPort& port, std::ostream& out,
                  std::ostream& err);

// The access key from the MRZ text a technician types: TD3 or TD2 line 2 (44 / 36 characters), or TD1 lines 1
// and 2 run together (60 characters). nullopt when a check digit does not hold.
std::optional<drivers::ChipAccessKey> access_key_from_mrz(std::string_view text);

}  // namespace hk::kiosk::ctl
