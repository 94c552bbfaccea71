#include "health_monitor.h"

#include <condition_variable>
#include <mutex>

namespace hk::kiosk {

HealthMonitor::HealthMonitor(DeviceSet devices, EventQueue& events, std::chrono::milliseconds period)
    : devices_(devices), events_(events), period_(period) {
    thread_ = std::jthread([this](std::stop_token stop) {
        std::mutex mutex;
        std::condition_variable_any sleeper;
        while (!stop.stop_requested()) {
            poll_once();
            std::unique_lock lock(mutex);
            sleeper.wait_for(lock, stop, period_, [] { return false; });
        }
    });
}

HealthMonitor::~HealthMonitor() {
    thread_.request_stop();
    if (thread_.joinable()) thread_.join();
}

void HealthMonitor::poll_once() {
    std::lock_guard lock(poll_mutex_);
    const auto devices = devices_.all();
    for (std::size_t i = 0; i < devices.size(); ++i) {
        const bool ready = devices[i]->status().ready;
        if (ready == ready_[i]) continue;
        ready_[i] = ready;
        events_.push(DeviceHealthChanged{devices[i]->kind(), ready});
    }
}

}  // namespace hk::kiosk
