// The systemd side of the kiosk's health: READY=1 once the first screen shows, then WATCHDOG=1 from the main
// loop for as long as the loop turns and no device worker is wedged. kiosk.service sets WatchdogSec; when the
// feeding stops (a frozen UI thread, or a device job stuck past the stall limit) systemd kills and restarts
// the kiosk, and the journal's recovery finishes what was in flight. Outside systemd every call does nothing.
#pragma once

#include <chrono>
#include <string>

namespace hk::kiosk {

class SystemdWatchdog {
  public:
    using Clock = std::chrono::steady_clock;
    explicit SystemdWatchdog(Clock::duration stall_limit);

    void ready();     // the kiosk shows its first screen
    void stopping();  // a clean stop is under way
    // Called on every turn of the main loop with how long the busiest worker's current job has run. Returns
    // false (and stops feeding) once that exceeds the stall limit.
    bool feed(Clock::time_point now, const std::string& busiest_worker, Clock::duration busy_for);

    [[nodiscard]] bool supervised() const { return interval_.count() > 0; }

  private:
    Clock::duration stall_limit_;
    std::chrono::microseconds interval_{0};  // systemd's WatchdogSec; 0: not supervised
    Clock::time_point last_fed_{};
    bool stalled_ = false;
};

}  // namespace hk::kiosk
