#include "health_monitor.h"

#include <condition_variable>
#include <mutex>

#include "ops/events/log_event.h"

namespace hk::kiosk {

using ops::EventId;
using ops::log_event;

HealthMonitor::HealthMonitor(DeviceSet devices, EventQueue& events, HealthPolicy policy)
    : devices_(devices), events_(events), policy_(policy), started_(Clock::now()) {
    thread_ = std::jthread([this](std::stop_token stop) {
        std::mutex mutex;
        std::condition_variable_any sleeper;
        while (!stop.stop_requested()) {
            poll_once();
            std::unique_lock lock(mutex);
            sleeper.wait_for(lock, stop, policy_.period, [] { return false; });
        }
    });
}

HealthMonitor::~HealthMonitor() {
    thread_.request_stop();
    if (thread_.joinable()) thread_.join();
}

std::array<drivers::DeviceStatus, 6> HealthMonitor::last_statuses() const {
    std::lock_guard lock(poll_mutex_);
    return last_;
}

void HealthMonitor::poll_once(Clock::time_point now) {
    std::lock_guard lock(poll_mutex_);
    const bool settling = now - started_ < policy_.grace;
    const auto devices = devices_.all();
    for (std::size_t i = 0; i < devices.size(); ++i) {
        drivers::DeviceStatus status = devices[i]->status();
        const drivers::DeviceKind kind = devices[i]->kind();
        const bool ready = status.ready;
        last_[i] = std::move(status);
        failures_in_a_row_[i] = ready ? 0 : failures_in_a_row_[i] + 1;
        if (ready) seen_ready_[i] = true;
        if (ready == ready_[i]) continue;
        if (ready) {
            ready_[i] = true;
            log_event(EventId::DeviceRecovered, "{} ready again", drivers::to_string(kind));
            events_.push(DeviceHealthChanged{kind, true});
            continue;
        }
        // The grace period is for devices still enumerating at start; one seen working is judged at once.
        if ((settling && !seen_ready_[i]) || failures_in_a_row_[i] < policy_.failures_to_fault) continue;
        ready_[i] = false;
        const drivers::FaultKind fault = last_[i].fault.value_or(drivers::FaultKind::IoError);
        log_event(EventId::DeviceFaulted, "{} faulted: {} after {} failed checks ({})",
                  drivers::to_string(kind), drivers::fault_code(kind, fault), failures_in_a_row_[i],
                  last_[i].detail);
        events_.push(DeviceHealthChanged{kind, false});
    }
}

}  // namespace hk::kiosk
