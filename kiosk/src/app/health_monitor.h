// Polls every device's status on its own thread and tells the session engine when a device becomes ready or
// stops being ready, so the kiosk greys out what it cannot do and goes out of service when it can do nothing
// useful.
#pragma once

#include <array>
#include <chrono>
#include <mutex>
#include <thread>

#include "device_set.h"
#include "event_queue.h"

namespace hk::kiosk {

class HealthMonitor {
  public:
    HealthMonitor(DeviceSet devices, EventQueue& events, std::chrono::milliseconds period);
    ~HealthMonitor();
    HealthMonitor(const HealthMonitor&) = delete;
    HealthMonitor& operator=(const HealthMonitor&) = delete;

    // One round of status queries; posts DeviceHealthChanged for each change. Called by the thread, and by
    // tests.
    void poll_once();

  private:
    DeviceSet devices_;
    EventQueue& events_;
    std::chrono::milliseconds period_;
    std::mutex poll_mutex_;
    std::array<bool, 6> ready_{true, true, true,
                               true, true, true};  // the engine starts out assuming all ready
    std::jthread thread_;
};

}  // namespace hk::kiosk
