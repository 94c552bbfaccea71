// Fault injection for simulated devices. Tests, scripts and the demo's keys call it from any thread; the device's
// worker consults it at the start of each operation. A fault is either one-shot (the next operation fails with it)
// or a lasting condition (unplugged), and any operation can be slowed down to model a sluggish device.
#pragma once

#include <chrono>
#include <deque>
#include <mutex>
#include <optional>

#include "drivers/device.h"

namespace hk::drivers::sim {

class FaultInjector {
public:
    // The next operation fails with `kind` (queued: two calls fail the next two operations).
    void fail_next(FaultKind kind);
    // While unplugged every operation and status query fails with FaultKind::Unplugged.
    void set_unplugged(bool unplugged);
    // Every operation takes at least this long before it does anything.
    void set_delay(std::chrono::milliseconds delay);
    void clear();

    [[nodiscard]] bool unplugged() const;
    [[nodiscard]] std::chrono::milliseconds delay() const;
    // The fault this operation must fail with, if any: unplugged first, else the oldest one-shot fault.
    std::optional<FaultKind> take_fault();
    // Like take_fault, but only consumes a one-shot fault of the given kind (for faults that strike mid-way).
    bool take_fault_of(FaultKind kind);

private:
    mutable std::mutex mutex_;
    std::deque<FaultKind> pending_;
    bool unplugged_ = false;
    std::chrono::milliseconds delay_{0};
};

}  // namespace hk::drivers::sim
