// Scripted citizens: a plain-text script of taps, document presentations, faults and expectations that drives
// the kiosk exactly as a person at the screen would (a tap only works on a button the screen shows and
// enables). The headless demo and the end-to-end tests run on it. One step a line; '#' starts a comment:
//   expect SCREEN [SECONDS]      wait until that screen shows (default 10 s)
//   expect_text TEXT...          wait until the screen's title or a line contains TEXT (at most 10 s)
//   tap ACTION [SECONDS]         tap the button (or toolbar switch) with that action once shown and enabled
//                                (waiting at most 10 s, or SECONDS)
//   key NAME                     press a tactile keypad key (SDL key name: Down, Return, F11, Keypad 5)
//   present id_card|passport N   person N of the simulated world presents that document
//   present technician_card UID  a technician's access card (UID in hex) on the chip reader
//   place document LABEL...      lay a document on the scanner glass
//   remove                       take every card and document away
//   fail DEVICE FAULT            the device's next operation fails (e.g. fail a4_printer paper_out)
//   unplug DEVICE / replug DEVICE
//   slow DEVICE MILLISECONDS     every operation of the device takes this long first (0: normal again)
//   central_fail KIND            the next central call fails (unreachable, timeout, server_error, rejected)
//   wait MILLISECONDS            let that much time pass
//   screenshot NAME              save the screen as NAME.png in the output folder
#pragma once

#include <chrono>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "event_queue.h"
#include "sim/simulation.h"
#include "ui/view_model.h"

namespace hk::kiosk {

struct ScriptStep {
    int line = 0;
    std::string verb;
    std::vector<std::string> args;
};

std::expected<std::vector<ScriptStep>, std::string> parse_script(std::string_view text);

class ScriptRunner {
  public:
    enum class Status { Running, Finished, Failed };

    // `simulation` may be null (real devices): steps that need it then fail.
    ScriptRunner(std::vector<ScriptStep> steps, sim::Simulation* simulation, EventQueue& events);

    // Called on every turn of the main loop with what the screen shows now.
    Status advance(const ui::ViewModel& view, std::chrono::milliseconds now);
    [[nodiscard]] const std::string& failure() const { return failure_; }
    // A screenshot the script asked for, to be taken by the main loop (which owns the screen).
    std::optional<std::string> take_screenshot_request();
    // A key of the tactile keypad the script pressed (an SDL key name), for the main loop to hand to the
    // front end, which treats it exactly like the real keypad's.
    std::optional<std::string> take_key_request();

  private:
    enum class StepResult { Done, Waiting, Failed };
    StepResult run(const ScriptStep& step, const ui::ViewModel& view, std::chrono::milliseconds now);
    StepResult fail(const ScriptStep& step, const std::string& why);
    StepResult simulate(const ScriptStep& step);

    std::vector<ScriptStep> steps_;
    sim::Simulation* simulation_;
    EventQueue& events_;
    std::size_t next_ = 0;
    std::optional<std::chrono::milliseconds> step_started_;
    std::optional<std::string> screenshot_;
    std::optional<std::string> key_;
    std::string failure_;
};

}  // namespace hk::kiosk
