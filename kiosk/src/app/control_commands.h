// What the kiosk answers on its control socket: one function per kioskctl subcommand. Reads come from the
// main loop's snapshot, the health monitor and the operations stores; anything that drives a device runs on
// that device's worker (after whatever a citizen queued there) and is refused while a citizen is served.
// Every command is logged as an event and recorded in the audit log with the caller's account.
#pragma once

#include <chrono>

#include "command_executor.h"
#include "config.h"
#include "device_set.h"
#include "event_queue.h"
#include "health_monitor.h"
#include "kiosk_snapshot.h"
#include "operations.h"
#include "ops/control/control_protocol.h"

namespace hk::kiosk {

class UpdateService;

struct ControlContext {
    const KioskConfig& config;
    Operations& ops;
    const SnapshotBoard& board;
    EventQueue& events;
    CommandExecutor& executor;
    DeviceSet devices;
    const HealthMonitor& health;
    std::chrono::steady_clock::time_point started;
    std::chrono::milliseconds device_timeout{90'000};  // longest a self-test or test print may take
    UpdateService* updates = nullptr;                  // none without a rollout server
};

ops::ControlReply handle_control(ControlContext& context, const ops::ControlRequest& request);

}  // namespace hk::kiosk
