// Running one device's self-test the way every caller (service mode, kioskctl, the readiness report) does:
// timed, with its fault code worked out, ready to be kept in a SelfTestStore.
#pragma once

#include <chrono>

#include "drivers/device.h"
#include "selftest_store.h"

namespace hk::ops {

// Runs one device's self-test, timing it, and builds its record (fault_code from drivers::fault_code). The
// time it took is appended to the checks as {"duration_ms", "N"}: a device that grows slow is worth a
// technician's look. A result that failed without saying why gets FaultKind::IoError, so a failed record
// always has a code.
SelfTestRecord run_self_test(drivers::Device& device, std::chrono::system_clock::time_point now);

}  // namespace hk::ops
