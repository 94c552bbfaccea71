#include "watchdog.h"

#include <systemd/sd-daemon.h>

#include "ops/events/log_event.h"

namespace hk::kiosk {

using ops::EventId;
using ops::log_event;

SystemdWatchdog::SystemdWatchdog(Clock::duration stall_limit) : stall_limit_(stall_limit) {
    std::uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) > 0) interval_ = std::chrono::microseconds(usec);
}

void SystemdWatchdog::ready() {
    (void)sd_notify(0, "READY=1\nSTATUS=serving citizens");
}

void SystemdWatchdog::stopping() {
    (void)sd_notify(0, "STOPPING=1");
}

bool SystemdWatchdog::feed(Clock::time_point now, const std::string& busiest_worker,
                           Clock::duration busy_for) {
    if (busy_for > stall_limit_) {
        if (!stalled_) {
            log_event(EventId::WatchdogStalled,
                      "worker {} has been in one job for {} s: no longer feeding the watchdog, systemd will "
                      "restart "
                      "the kiosk",
                      busiest_worker, std::chrono::duration_cast<std::chrono::seconds>(busy_for).count());
        }
        stalled_ = true;
        return false;
    }
    stalled_ = false;
    // Twice per interval, as sd_watchdog_enabled(3) advises.
    if (supervised() && now - last_fed_ >= interval_ / 2) {
        (void)sd_notify(0, "WATCHDOG=1");
        last_fed_ = now;
    }
    return true;
}

}  // namespace hk::kiosk
