// A kiosk that cannot start says so on its screen. Instead of exiting at once (and systemd starting it again
// two seconds later, for ever, with a dark screen and a journal line each time), it shows the out-of-service
// screen in the three languages with the fault's event and reason for the technician, holds it for a while,
// then exits with 2 so systemd starts it again: a cable plugged back in or a site configuration written in
// the meantime is then picked up. It never tells systemd it is ready, so a slot whose kiosk cannot start is
// not marked good (hukiosk-mark-good) and a broken update still falls back.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "ops/events/event_catalogue.h"
#include "ui/front_end.h"
#include "ui/view_model.h"

namespace hk::kiosk {

struct StartupFaultOptions {
    ui::FrontEndOptions screen;
    std::chrono::milliseconds hold{std::chrono::seconds(30)};
    std::optional<std::filesystem::path> screenshot;  // saved here once drawn (the run's --out)
    const std::atomic<bool>* stop = nullptr;          // set by SIGTERM: stop holding at once
};

// What the out-of-service screen says when the kiosk could not start: a line per language for the citizen,
// then a line "E1002 startup_failed: <reason>" for the technician (reasons name parts and files, never a
// person).
ui::ViewModel startup_fault_view(ops::EventId event, const std::string& reason);

class StartupFault {
  public:
    explicit StartupFault(StartupFaultOptions options);
    // The kiosk's own screen, once open: the fault is shown there rather than on a second one.
    void screen_opened(ui::FrontEnd& screen) { screen_ = &screen; }
    // Logs `event` with `reason`, shows it for the hold time (not when the screen itself is what failed) and
    // returns the exit code for the process (2).
    int fail(ops::EventId event, const std::string& reason);
    // The same for a failure of the screen: nothing to show it on.
    int fail_without_screen(ops::EventId event, const std::string& reason);

  private:
    void hold(ui::FrontEnd& screen, const ui::ViewModel& view);

    StartupFaultOptions options_;
    ui::FrontEnd* screen_ = nullptr;
};

}  // namespace hk::kiosk
