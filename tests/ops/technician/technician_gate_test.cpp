// The technician gate as a specification: who gets in, how guessing is slowed and stopped, and how a card
// gets its tries back.
#include "technician_gate.h"

#include <gtest/gtest.h>

namespace hk::ops {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr std::string_view kCard = "tech-card-0042";
constexpr std::string_view kOtherCard = "tech-card-0077";
constexpr std::string_view kPin = "246810";
constexpr std::string_view kWrongPin = "000000";

// A moment some way into the steady clock, and moments after it.
std::chrono::steady_clock::time_point at(std::chrono::steady_clock::duration offset) {
    return std::chrono::steady_clock::time_point{} + std::chrono::hours(1000) + offset;
}

TechnicianGate make_gate(GatePolicy policy = {}) {
    // Low iteration counts keep the tests fast; the kiosk's configuration uses hash_pin's default.
    return TechnicianGate({{std::string(kCard), hash_pin(kPin, 1000)},
                           {std::string(kOtherCard), hash_pin("135790", 1000)},
                           {"", hash_pin(kPin, 1000)}},
                          policy);
}

TEST(TechnicianGate, KnowsItsTechnicianCards) {
    const auto gate = make_gate();
    EXPECT_TRUE(gate.is_technician_card(kCard));
    EXPECT_TRUE(gate.is_technician_card(kOtherCard));
    EXPECT_FALSE(gate.is_technician_card("citizen-card"));
    EXPECT_FALSE(gate.is_technician_card(""));  // the credential with no card id is ignored
}

TEST(TechnicianGate, AcceptsTheRightPin) {
    auto gate = make_gate();
    const auto result = gate.try_pin(kCard, kPin, at(seconds{0}));
    EXPECT_EQ(result.outcome, PinOutcome::Accepted);
    EXPECT_EQ(result.attempts_left, 5);
    EXPECT_EQ(result.retry_after, seconds{0});
}

TEST(TechnicianGate, RefusesAnUnknownCardWhateverThePin) {
    auto gate = make_gate();
    EXPECT_EQ(gate.try_pin("citizen-card", kPin, at(seconds{0})).outcome, PinOutcome::UnknownCard);
    EXPECT_EQ(gate.try_pin("", kPin, at(seconds{0})).outcome, PinOutcome::UnknownCard);
    EXPECT_EQ(gate.try_pin(kCard, "135790", at(seconds{0})).outcome,
              PinOutcome::Wrong);  // another card's PIN
}

TEST(TechnicianGate, MakesTheNextTryWaitAfterAWrongPin) {
    auto gate = make_gate();
    const auto wrong = gate.try_pin(kCard, kWrongPin, at(seconds{0}));
    EXPECT_EQ(wrong.outcome, PinOutcome::Wrong);
    EXPECT_EQ(wrong.attempts_left, 4);
    EXPECT_EQ(wrong.retry_after, seconds{1});

    // Too soon: not even the right PIN is looked at, and the try does not count.
    const auto too_soon = gate.try_pin(kCard, kPin, at(milliseconds{300}));
    EXPECT_EQ(too_soon.outcome, PinOutcome::RateLimited);
    EXPECT_EQ(too_soon.attempts_left, 4);
    EXPECT_EQ(too_soon.retry_after, seconds{1});  // rounded up

    EXPECT_EQ(gate.try_pin(kCard, kPin, at(seconds{1})).outcome, PinOutcome::Accepted);
}

TEST(TechnicianGate, DoublesTheWaitAfterEachWrongPin) {
    auto gate = make_gate();
    seconds now{0};
    for (const int expected : {1, 2, 4, 8}) {
        const auto result = gate.try_pin(kCard, kWrongPin, at(now));
        ASSERT_EQ(result.outcome, PinOutcome::Wrong);
        EXPECT_EQ(result.retry_after, seconds{expected});
        EXPECT_EQ(gate.try_pin(kCard, kWrongPin, at(now + result.retry_after - seconds{1})).outcome,
                  PinOutcome::RateLimited);
        now += result.retry_after;
    }
}

TEST(TechnicianGate, RateLimitedTriesDoNotUseUpAttempts) {
    auto gate = make_gate();
    ASSERT_EQ(gate.try_pin(kCard, kWrongPin, at(seconds{0})).attempts_left, 4);
    for (int i = 0; i < 20; ++i)
        ASSERT_EQ(gate.try_pin(kCard, kWrongPin, at(milliseconds{10 * i})).outcome, PinOutcome::RateLimited);
    EXPECT_EQ(gate.try_pin(kCard, kWrongPin, at(seconds{1})).attempts_left, 3);
}

TEST(TechnicianGate, LocksTheCardOutAfterFiveWrongPins) {
    auto gate = make_gate();
    seconds now{0};
    for (int i = 1; i <= 4; ++i) {
        const auto result = gate.try_pin(kCard, kWrongPin, at(now));
        ASSERT_EQ(result.outcome, PinOutcome::Wrong);
        EXPECT_EQ(result.attempts_left, 5 - i);
        now += result.retry_after;
    }
    const auto fifth = gate.try_pin(kCard, kWrongPin, at(now));
    EXPECT_EQ(fifth.outcome, PinOutcome::LockedOut);
    EXPECT_EQ(fifth.attempts_left, 0);
    EXPECT_EQ(fifth.retry_after, seconds{15 * 60});

    // Locked out: the right PIN does not open it either.
    const auto later = gate.try_pin(kCard, kPin, at(now + seconds{60}));
    EXPECT_EQ(later.outcome, PinOutcome::LockedOut);
    EXPECT_EQ(later.retry_after, seconds{14 * 60});
    EXPECT_EQ(gate.try_pin(kCard, kPin, at(now + seconds{15 * 60 - 1})).outcome, PinOutcome::LockedOut);

    // Another card is not affected.
    EXPECT_EQ(gate.try_pin(kOtherCard, "135790", at(now + seconds{60})).outcome, PinOutcome::Accepted);
}

TEST(TechnicianGate, GivesTheTriesBackWhenTheLockoutRunsOut) {
    auto gate = make_gate(GatePolicy{.max_attempts = 3, .lockout = seconds{600}, .first_delay = seconds{2}});
    seconds now{0};
    for (int i = 0; i < 3; ++i) now += gate.try_pin(kCard, kWrongPin, at(now)).retry_after;
    ASSERT_EQ(gate.try_pin(kCard, kPin, at(now - seconds{1})).outcome, PinOutcome::LockedOut);

    const auto after = gate.try_pin(kCard, kWrongPin, at(now));
    EXPECT_EQ(after.outcome, PinOutcome::Wrong);
    EXPECT_EQ(after.attempts_left, 2);  // a fresh set of three tries
    EXPECT_EQ(after.retry_after, seconds{2});
    EXPECT_EQ(gate.try_pin(kCard, kPin, at(now + seconds{2})).outcome, PinOutcome::Accepted);
}

TEST(TechnicianGate, TheRightPinResetsTheCount) {
    auto gate = make_gate();
    seconds now{0};
    for (int i = 0; i < 4; ++i) now += gate.try_pin(kCard, kWrongPin, at(now)).retry_after;
    const auto accepted = gate.try_pin(kCard, kPin, at(now));
    ASSERT_EQ(accepted.outcome, PinOutcome::Accepted);
    EXPECT_EQ(accepted.attempts_left, 5);

    const auto wrong = gate.try_pin(kCard, kWrongPin, at(now));
    EXPECT_EQ(wrong.outcome, PinOutcome::Wrong);
    EXPECT_EQ(wrong.attempts_left, 4);
    EXPECT_EQ(wrong.retry_after, seconds{1});
}

TEST(TechnicianGate, NeverWaitsLongerThanTheLockout) {
    auto gate = make_gate(GatePolicy{.max_attempts = 100, .lockout = seconds{60}, .first_delay = seconds{1}});
    seconds now{0};
    PinResult result{};
    for (int i = 0; i < 40; ++i) {
        result = gate.try_pin(kCard, kWrongPin, at(now));
        ASSERT_EQ(result.outcome, PinOutcome::Wrong);
        now += result.retry_after;
    }
    EXPECT_EQ(result.retry_after, seconds{60});
    EXPECT_EQ(result.attempts_left, 60);
}

TEST(TechnicianGate, AMalformedConfiguredHashNeverOpensAndNeverCrashes) {
    TechnicianGate gate({{"broken-card", "pbkdf2-sha256$1000$zz$"}}, GatePolicy{});
    EXPECT_TRUE(gate.is_technician_card("broken-card"));
    const auto result = gate.try_pin("broken-card", "", at(seconds{0}));
    EXPECT_EQ(result.outcome, PinOutcome::Wrong);
    EXPECT_EQ(result.attempts_left, 4);
}

TEST(TechnicianGate, NamesOutcomesForTheAuditLog) {
    EXPECT_EQ(to_string(PinOutcome::Accepted), "accepted");
    EXPECT_EQ(to_string(PinOutcome::RateLimited), "rate_limited");
    EXPECT_EQ(to_string(PinOutcome::LockedOut), "locked_out");
    EXPECT_EQ(to_string(PinOutcome::UnknownCard), "unknown_card");
    EXPECT_EQ(to_string(PinOutcome::Wrong), "wrong");
}

}  // namespace
}  // namespace hk::ops
