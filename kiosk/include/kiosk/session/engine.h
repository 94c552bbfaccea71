// The session engine: a pure function from (state, event) to (state, commands). No I/O and no clock reads, so
// every flow, timeout and fault path is unit-tested and can be replayed from a transcript.
#pragma once

#include <vector>

#include "kiosk/catalogue.h"
#include "kiosk/session/commands.h"
#include "kiosk/session/events.h"
#include "kiosk/session/state.h"

namespace hk::kiosk {

struct EngineConfig {
    Millis idle_timeout{60'000};    // no input on an interactive screen: warn
    Millis warning_period{20'000};  // then end the session
    Millis done_timeout{20'000};    // the done screen returns to attract by itself
    Millis step_timeout{45'000};    // longest wait for the central service or a printer
    int max_read_attempts = 3;      // failed reads of one document before giving up
    Language default_language = Language::Chinese;
    std::size_t tracking_number_length = 12;
    // A field read off a scanned document with less confidence than this (0..1) is doubtful: the citizen
    // confirms it on the review screen before the application goes out (so do fields that fail validation).
    double doubtful_confidence_below = 0.70;
    // Service mode: watch the chip reader for technician cards while nobody is served (only when some are
    // configured), and leave service mode by itself after this long without a tap.
    bool technician_cards = false;
    Millis service_idle_timeout{180'000};
    Millis service_step_timeout{150'000};  // longest a service function may run before it counts as failed
    Millis watch_retry{10'000};            // after the reader failed a watch, wait this long before the next
    std::size_t max_pin_length = 12;
    std::size_t min_pin_length = 4;
};

struct Transition {
    State state;
    std::vector<Command> commands;
};

class SessionEngine {
  public:
    SessionEngine(const Catalogue& catalogue, EngineConfig config) : catalogue_(catalogue), config_(config) {}

    [[nodiscard]] Transition step(State state, const Event& event) const;

    [[nodiscard]] const Catalogue& catalogue() const { return catalogue_; }
    [[nodiscard]] const EngineConfig& config() const { return config_; }

    // Whether an option is offered on the current screen given device health (the view greys out the rest).
    [[nodiscard]] bool service_offered(const State& state, const Service& service) const;

  private:
    const Catalogue& catalogue_;
    EngineConfig config_;
};

}  // namespace hk::kiosk
