// Watches what goes through the main loop — the session engine's commands and the events that answer them —
// and keeps the operational record of it: counters (sessions, certificates, failures per fault code, pages,
// chip reads), latency histograms (chip read, MRZ OCR, central calls, printing), device gauges, and the audit
// log (who, what, when, outcome, and only an opaque hash of the citizen's ID). Runs on the main thread; it
// never sees more personal data than the hash it computes and forgets.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <string>

#include "kiosk/session/commands.h"
#include "kiosk/session/events.h"
#include "kiosk/session/state.h"
#include "operations.h"

namespace hk::kiosk {

class OpsRecorder {
  public:
    using Clock = std::chrono::steady_clock;
    // `state_changed` is called when a device's health changes (the heartbeat reports it at once).
    OpsRecorder(Operations& operations, std::function<void()> state_changed);

    void on_command(const Command& command, Clock::time_point now);
    void on_event(const Event& event, const State& after, Clock::time_point now);

    // The audit log's hash for the session's subject (empty before anyone is identified).
    [[nodiscard]] std::string subject_of(const State& state) const;

  private:
    struct Timer {
        std::string_view histogram;
        ops::Labels labels;
        Clock::time_point started;
    };
    void start_timer(std::uint64_t request, std::string_view histogram, ops::Labels labels,
                     Clock::time_point now);
    void stop_timer(std::uint64_t request, Clock::time_point now);
    void count_failure(const std::string& code);

    Operations& ops_;
    std::function<void()> state_changed_;
    std::map<std::uint64_t, Timer> timers_;
    std::uint64_t chip_read_request_ = 0;
    std::uint64_t watch_request_ = 0;  // the chip reader's watch for technician cards
    std::string session_subject_;      // hash of the session's subject, for the audit record of its end
};

}  // namespace hk::kiosk
