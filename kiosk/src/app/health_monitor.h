// Polls every device's status on its own thread and tells the session engine when a device becomes ready or
// stops being ready, so the kiosk greys out what it cannot do and goes out of service when it can do nothing
// useful. A device is declared faulted only after several failed polls in a row (one slow answer is not a
// fault), and one never yet seen ready not during a grace period after start while devices enumerate; a
// device is declared ready again at its first good poll (a re-plugged device comes back at once).
#pragma once

#include <array>
#include <chrono>
#include <functional>
#include <mutex>
#include <thread>

#include "device_set.h"
#include "event_queue.h"

namespace hk::kiosk {

struct HealthPolicy {
    std::chrono::milliseconds period{1000};
    std::chrono::milliseconds grace{0};  // after start: failures are not yet declared
    int failures_to_fault = 1;           // consecutive failed polls that make a device faulted
};

class HealthMonitor {
  public:
    using Clock = std::chrono::steady_clock;
    HealthMonitor(DeviceSet devices, EventQueue& events, HealthPolicy policy);
    ~HealthMonitor();
    HealthMonitor(const HealthMonitor&) = delete;
    HealthMonitor& operator=(const HealthMonitor&) = delete;

    // One round of status queries at time `now`; posts DeviceHealthChanged for each change declared. Called
    // by the thread, and by tests (which pass their own times).
    void poll_once(Clock::time_point now = Clock::now());

    // The last status seen of each device, in drivers::DeviceKind order, for technicians.
    [[nodiscard]] std::array<drivers::DeviceStatus, 6> last_statuses() const;

  private:
    DeviceSet devices_;
    EventQueue& events_;
    HealthPolicy policy_;
    Clock::time_point started_;
    mutable std::mutex poll_mutex_;
    std::array<bool, 6> ready_{true, true, true,
                               true, true, true};  // the engine starts out assuming all ready
    std::array<int, 6> failures_in_a_row_{};
    std::array<bool, 6> seen_ready_{};
    std::array<drivers::DeviceStatus, 6> last_{};
    std::jthread thread_;  // last: started once the members it uses exist
};

}  // namespace hk::kiosk
