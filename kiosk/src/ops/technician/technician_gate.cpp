#include "technician_gate.h"

#include <algorithm>
#include <utility>

namespace hk::ops {
namespace {

using std::chrono::seconds;
using std::chrono::steady_clock;

seconds seconds_until(steady_clock::time_point then, steady_clock::time_point now) {
    return std::chrono::ceil<seconds>(then - now);
}

GatePolicy sane(GatePolicy policy) {
    policy.max_attempts = std::max(policy.max_attempts, 1);
    policy.lockout = std::max(policy.lockout, seconds{0});
    policy.first_delay = std::max(policy.first_delay, seconds{0});
    return policy;
}

}  // namespace

std::string_view to_string(PinOutcome outcome) {
    switch (outcome) {
        case PinOutcome::Accepted:
            return "accepted";
        case PinOutcome::Wrong:
            return "wrong";
        case PinOutcome::RateLimited:
            return "rate_limited";
        case PinOutcome::LockedOut:
            return "locked_out";
        case PinOutcome::UnknownCard:
            return "unknown_card";
    }
    return "unknown";
}

TechnicianGate::TechnicianGate(std::vector<TechnicianCredential> credentials, GatePolicy policy)
    : credentials_(std::move(credentials)), policy_(sane(policy)) {
    std::erase_if(credentials_,
                  [](const TechnicianCredential& credential) { return credential.card_id.empty(); });
}

bool TechnicianGate::is_technician_card(std::string_view card_id) const {
    return !card_id.empty() &&
           std::ranges::any_of(credentials_, [card_id](const TechnicianCredential& credential) {
               return credential.card_id == card_id;
           });
}

bool TechnicianGate::pin_is_right(std::string_view card_id, std::string_view pin) const {
    return std::ranges::any_of(credentials_, [card_id, pin](const TechnicianCredential& credential) {
        return credential.card_id == card_id && pin_matches(pin, credential.pin_hash);
    });
}

seconds TechnicianGate::delay_after(int wrong_in_a_row) const {
    // Doubled step by step and capped, so a large max_attempts cannot overflow the shift.
    seconds delay = policy_.first_delay;
    for (int i = 1; i < wrong_in_a_row && delay < policy_.lockout; ++i) delay *= 2;
    return std::min(delay, policy_.lockout);
}

PinResult TechnicianGate::try_pin(std::string_view card_id, std::string_view pin,
                                  steady_clock::time_point now) {
    if (!is_technician_card(card_id)) return {PinOutcome::UnknownCard, 0, seconds{0}};
    auto found = cards_.find(card_id);
    if (found == cards_.end()) found = cards_.emplace(std::string(card_id), CardState{}).first;
    CardState& card = found->second;

    if (card.locked_until) {
        if (now < *card.locked_until)
            return {PinOutcome::LockedOut, 0, seconds_until(*card.locked_until, now)};
        card = CardState{};  // the lockout has run out: a fresh set of tries
    }
    const int attempts_left = policy_.max_attempts - card.wrong_in_a_row;
    if (card.next_try && now < *card.next_try)
        return {PinOutcome::RateLimited, attempts_left, seconds_until(*card.next_try, now)};

    if (pin_is_right(card_id, pin)) {
        card = CardState{};
        return {PinOutcome::Accepted, policy_.max_attempts, seconds{0}};
    }
    ++card.wrong_in_a_row;
    if (card.wrong_in_a_row >= policy_.max_attempts) {
        card.next_try.reset();
        card.locked_until = now + policy_.lockout;
        return {PinOutcome::LockedOut, 0, policy_.lockout};
    }
    const seconds delay = delay_after(card.wrong_in_a_row);
    card.next_try = now + delay;
    return {PinOutcome::Wrong, policy_.max_attempts - card.wrong_in_a_row, delay};
}

}  // namespace hk::ops
