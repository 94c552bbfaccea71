// What a SANE status means to the kiosk: which device fault, in words a technician can act on.
#pragma once

#include <sane/sane.h>

#include <string_view>

#include "drivers/device.h"

namespace hk::scanner::sane::detail {

drivers::FaultKind fault_kind_for(SANE_Status status);

// A scanner fault for `status` returned by `step` ("sane_start", "sane_read" ...) on `device`.
drivers::DeviceFault scan_fault(SANE_Status status, std::string_view device, std::string_view step);

}  // namespace hk::scanner::sane::detail
