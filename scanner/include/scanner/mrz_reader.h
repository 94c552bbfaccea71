// Reads the MRZ of the document lying on the scanner: capture plus recognition behind one device-level call, so the
// session asks for "the MRZ" and does not care whether a flatbed, a camera or a simulation produced it.
#pragma once

#include <expected>
#include <string>
#include <vector>

#include "drivers/device.h"

namespace hk::scanner {

class MrzReader : public drivers::Device {
public:
    [[nodiscard]] drivers::DeviceKind kind() const override { return drivers::DeviceKind::DocumentScanner; }

    // The raw MRZ lines as recognised (not yet checked: parse_mrz does that). NoDocument when nothing lies there;
    // Unreadable when no MRZ band was found.
    virtual std::expected<std::vector<std::string>, drivers::DeviceFault> read_mrz_lines() = 0;
};

}  // namespace hk::scanner
