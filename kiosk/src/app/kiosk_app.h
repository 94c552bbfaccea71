// The appliance's main loop: the one UI thread. It turns input into events, feeds every event through the
// session engine, hands the resulting commands to the executor, and draws the view of the new state.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "config.h"
#include "ops/events/event_ids.h"

namespace hk::kiosk {

struct RunOptions {
    KioskConfig config;
    bool simulate = false;
    bool headless = false;
    std::optional<std::filesystem::path> script;
    std::optional<std::filesystem::path>
        out_dir;  // screenshots, transcript, and the simulated printers' output
    // When the kiosk cannot start: how long it shows the out-of-service screen before exiting
    // (startup_fault.h).
    std::chrono::milliseconds fault_hold{std::chrono::seconds(30)};
};

// Returns the process exit code: 0 on a clean stop or a finished script, 1 on a failed script, 2 on a
// start-up error.
int run_kiosk(const RunOptions& options);

// For a failure before run_kiosk (a configuration that cannot be read): logs `event`, shows the
// out-of-service screen with the reason for options.fault_hold, and returns the exit code (2).
int refuse_to_start(const RunOptions& options, ops::EventId event, const std::string& reason);

}  // namespace hk::kiosk
