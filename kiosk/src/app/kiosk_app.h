// The appliance's main loop: the one UI thread. It turns input into events, feeds every event through the
// session engine, hands the resulting commands to the executor, and draws the view of the new state.
#pragma once

#include <filesystem>
#include <optional>

#include "config.h"

namespace hk::kiosk {

struct RunOptions {
    KioskConfig config;
    bool simulate = false;
    bool headless = false;
    std::optional<std::filesystem::path> script;
    std::optional<std::filesystem::path>
        out_dir;  // screenshots, transcript, and the simulated printers' output
};

// Returns the process exit code: 0 on a clean stop or a finished script, 1 on a failed script, 2 on a
// start-up error.
int run_kiosk(const RunOptions& options);

}  // namespace hk::kiosk
