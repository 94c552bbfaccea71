// The kiosk's side of service mode on the screen: recognises technician cards, checks their PINs through the
// technician gate (rate limit, lockout), and runs the service menu's functions as the control commands of the
// same names, so the screen does exactly what kioskctl does. Every login, function and exit is logged as an
// event and recorded in the audit log, naming the card by its last digits only.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "command_executor.h"
#include "control_commands.h"
#include "technician_gate.h"
#include "worker.h"

namespace hk::kiosk {

class ServiceDesk {
  public:
    // `bundle_dir`: where the support bundle goes when asked for on the screen. The answers go to
    // control.events.
    ServiceDesk(ControlContext& control, std::filesystem::path bundle_dir, ops::GatePolicy policy = {});

    // The executor's hooks. PIN checks and functions run on the desk's own worker (they wait on the device
    // workers); destroying the desk waits for the one running.
    ServiceModeHooks hooks();

    // Synchronous, for the worker and for tests.
    TechnicianPinChecked check_pin(const CheckTechnicianPin& command);
    ServiceFunctionDone run_function(const RunServiceFunction& command);
    void closed(const ServiceModeClosed& command);

  private:
    ControlContext& control_;
    std::filesystem::path bundle_dir_;
    std::vector<std::string> cards_;  // normalised, as the gate knows them
    ops::TechnicianGate gate_;        // used on worker_ only
    Worker worker_{"service"};        // last: joined before the members its jobs use are gone
};

// A card UID as configured or as read: upper-case hex, spaces and colons dropped ("04:a1:b2" → "04A1B2").
std::string normalised_card_id(std::string_view card_id);

}  // namespace hk::kiosk
