// `kioskctl idcard read --reader ga467:/dev/ttyUSB0 [--wait S] [--json]`: reads a China resident ID card
// through a GA 467 SAM reader, the way the kiosk does, and prints the card's text fields, the photo's size
// and the checks the kiosk makes (ID number checksum, birth date, validity). For technicians checking a
// reader.
#pragma once

#include <chrono>
#include <iosfwd>
#include <string>

#include "drivers/resident_id_reader.h"

namespace hk::kiosk::ctl {

struct IdCardReadOptions {
    std::string reader;  // ga467:/dev/ttyUSB0[@baud], ga467:usb[:VVVV:PPPP]
    std::chrono::milliseconds wait{10'000};
    bool json = false;
};

// 0: read; 1: no card, or the read failed; 2: bad options.
int run_idcard_read(const IdCardReadOptions& options, std::ostream& out, std::ostream& err);
int run_idcard_read(const IdCardReadOptions& options, drivers::ResidentIdReader& reader, std::ostream& out,
                    std::ostream& err);

}  // namespace hk::kiosk::ctl
