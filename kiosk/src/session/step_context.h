// Internal to the session engine: the working copy of the state during one step, the commands it emits, and
// the moves shared by the flows (enter a screen, start a request, fail, end the session).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/session/engine.h"

namespace hk::kiosk::detail {

class StepContext {
  public:
    StepContext(const SessionEngine& session_engine, State initial)
        : engine(session_engine), state(std::move(initial)) {}

    const SessionEngine& engine;
    State state;
    std::vector<Command> commands;

    [[nodiscard]] const EngineConfig& config() const { return engine.config(); }
    [[nodiscard]] Session& session() { return *state.session; }
    // The service the citizen chose. Only choose_service() sets it, from the catalogue, so it is always
    // found; were it not, an inert inquiry stands in rather than a crash.
    [[nodiscard]] const Service& service() const;

    template <typename C>
    void emit(C command) {
        commands.emplace_back(std::move(command));
    }
    // A new request id; the current screen now waits for its answer (and for no other).
    std::uint64_t start_request();

    // Moves to `screen` and issues what that screen starts with (a read, a query, a print...).
    void enter(Screen screen);
    void fail(ErrorKind kind, std::string fault_code, std::optional<Screen> retry_screen);
    // Every session ends here: reads stopped, personal data wiped, back to attract (or out of service).
    void end_session();
    void start_session();
    // Stops what the current screen waits for (a read, a watch) before moving elsewhere.
    void leave_current_screen();

  private:
    void issue_entry_commands();
};

// Flow handlers; each returns false when the event means nothing on the current screen.
bool on_user_action(StepContext& ctx, const std::string& action);
// Language, text size, contrast, speech and volume; true when `action` was one of them and applied.
bool on_presentation_action(StepContext& ctx, std::string_view action);
bool on_identity_event(StepContext& ctx, const Event& event);
bool on_service_event(StepContext& ctx, const Event& event);
void on_clock(StepContext& ctx, Millis now);

// Keypad digits ("digit:N", at most `max_length`) and "erase" on an entry; false for any other action, or
// one that changes nothing.
bool edit_entry(std::string& entry, std::string_view action, std::size_t max_length);

// Service mode (service_mode.cpp).
// Screens where nobody is served, so the chip reader watches for technician cards.
bool is_watching(Screen screen);
bool on_service_action(StepContext& ctx, std::string_view action);
// TechnicianCardSeen, TechnicianPinChecked, ServiceFunctionDone, and a failed watch; false for others.
bool on_service_mode_event(StepContext& ctx, const Event& event);
void on_service_clock(StepContext& ctx);
// Emits WatchForTechnicianCard when the kiosk is idle, technician cards are configured and none is
// pending.
void watch_for_technicians(StepContext& ctx);

// Screens where the citizen is expected to act, so the idle timeout applies.
bool is_interactive(Screen screen);
// Screens that wait on a device read, which must be cancelled when left.
bool is_reading(Screen screen);

}  // namespace hk::kiosk::detail
