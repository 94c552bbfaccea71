// The technician gate: service mode opens with a configured technician card (its identity read over the chip
// reader) and that card's PIN. Wrong PINs slow down and then lock out guessing, per card.
//
// Pure logic: no clock reads (the caller passes `now`, from a steady clock), no I/O, no threads, so the
// kiosk's session engine can own one and replay it. Not thread-safe; the engine's thread owns it. The counts
// live in memory only: a restart forgets them, and a restart takes longer than the delays it would skip.
//
// The rules, per card:
// - after each wrong PIN the next try has to wait: first_delay, then twice as long after each further wrong
//   PIN (never longer than the lockout); a try during the wait is RateLimited and its PIN is not even
//   checked;
// - the max_attempts-th wrong PIN in a row locks the card out for `lockout` (that try answers LockedOut);
//   every try until then is LockedOut, right PIN or not;
// - when a lockout has run out the card has max_attempts tries again;
// - the right PIN resets the count.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pin_hash.h"

namespace hk::ops {

struct TechnicianCredential {
    std::string card_id;
    std::string pin_hash;  // from hash_pin()
};

struct GatePolicy {
    int max_attempts = 5;
    std::chrono::seconds lockout{15 * 60};
    std::chrono::seconds first_delay{1};
};

enum class PinOutcome { Accepted, Wrong, RateLimited, LockedOut, UnknownCard };
std::string_view to_string(PinOutcome outcome);  // "accepted", "wrong", ... for the audit log

struct PinResult {
    PinOutcome outcome;
    int attempts_left;                 // wrong PINs this card may still give before it is locked out
    std::chrono::seconds retry_after;  // how long until the next try is looked at (0: now)
};

class TechnicianGate {
  public:
    // Credentials with an empty card id are ignored. A policy with fewer than 1 attempt is treated as 1,
    // negative durations as 0.
    TechnicianGate(std::vector<TechnicianCredential> credentials, GatePolicy policy);

    [[nodiscard]] bool is_technician_card(std::string_view card_id) const;

    PinResult try_pin(std::string_view card_id, std::string_view pin,
                      std::chrono::steady_clock::time_point now);

  private:
    struct CardState {
        int wrong_in_a_row = 0;
        std::optional<std::chrono::steady_clock::time_point> next_try;      // rate limit after a wrong PIN
        std::optional<std::chrono::steady_clock::time_point> locked_until;  // lockout
    };

    [[nodiscard]] bool pin_is_right(std::string_view card_id, std::string_view pin) const;
    [[nodiscard]] std::chrono::seconds delay_after(int wrong_in_a_row) const;

    std::vector<TechnicianCredential> credentials_;
    GatePolicy policy_;
    std::map<std::string, CardState, std::less<>> cards_;  // known cards only, so it cannot grow unbounded
};

}  // namespace hk::ops
