// Retry decisions and backoff with scripted attempt outcomes: no network, no real sleeping.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <deque>

#include "central/curl_exchange.h"
#include "central/retries.h"
#include "central/retry_after.h"

namespace hk::kiosk::central::test {
namespace {

using std::chrono::milliseconds;

AttemptOutcome status(long code, std::optional<std::chrono::seconds> retry_after = std::nullopt) {
    HttpAnswer answer;
    answer.status = code;
    answer.retry_after = retry_after;
    return AttemptOutcome{std::move(answer), 0};
}

AttemptOutcome transport(CentralErrorKind kind, bool worth_retrying) {
    return AttemptOutcome{std::unexpected(TransportFailure{CentralError{kind, "scripted"}, worth_retrying}),
                          0};
}

struct Script {
    std::deque<std::function<AttemptOutcome()>> outcomes;
    std::vector<milliseconds> sleeps;
    int attempts = 0;

    std::expected<HttpAnswer, CentralError> run(bool idempotent, RetryPolicy policy = {}) {
        Backoff backoff(policy, 1);
        return run_attempts(
            policy, backoff, [this](milliseconds pause) { sleeps.push_back(pause); }, idempotent,
            [this](int n) {
                ++attempts;
                EXPECT_EQ(n, attempts);
                auto next = outcomes.front();
                if (outcomes.size() > 1) outcomes.pop_front();
                return next();
            });
    }
};

TEST(CentralRetries, NonIdempotentCallsGetExactlyOneAttempt) {
    Script script{{[] { return status(503); }}, {}, 0};
    auto answer = script.run(false);
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 503);
    EXPECT_EQ(script.attempts, 1);
    EXPECT_TRUE(script.sleeps.empty());
}

TEST(CentralRetries, FailuresNotWorthRetryingStopAtOnce) {
    Script script{{[] { return transport(CentralErrorKind::Unreachable, false); }}, {}, 0};
    auto answer = script.run(true);
    ASSERT_FALSE(answer);
    EXPECT_EQ(script.attempts, 1);
}

TEST(CentralRetries, ClientErrorsOtherThan429AreFinal) {
    for (long code : {400L, 401L, 404L, 409L, 422L}) {
        Script script{{[code] { return status(code); }}, {}, 0};
        auto answer = script.run(true);
        ASSERT_TRUE(answer);
        EXPECT_EQ(script.attempts, 1) << code;
    }
}

TEST(CentralRetries, TimeoutsAndServerErrorsAreRetriedUpToTheLimit) {
    Script script{{[] { return transport(CentralErrorKind::Timeout, true); }, [] { return status(502); },
                   [] { return status(200); }},
                  {},
                  0};
    auto answer = script.run(true, RetryPolicy{4, milliseconds(100), milliseconds(1000), milliseconds(5000)});
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 200);
    EXPECT_EQ(script.attempts, 3);
    EXPECT_EQ(script.sleeps.size(), 2U);
}

TEST(CentralRetries, RetryAfterIsHonouredUpToItsCap) {
    Script script{
        {[] { return status(429, std::chrono::seconds(3600)); }, [] { return status(200); }}, {}, 0};
    auto answer = script.run(true, RetryPolicy{3, milliseconds(100), milliseconds(1000), milliseconds(5000)});
    ASSERT_TRUE(answer);
    EXPECT_EQ(script.sleeps, std::vector<milliseconds>{milliseconds(5000)});
}

TEST(CentralRetries, BackoffIsFullJitterUnderAGrowingCeiling) {
    const RetryPolicy policy{10, milliseconds(100), milliseconds(1000), milliseconds(0)};
    Backoff backoff(policy, 7);
    std::vector<long long> ceilings{100, 200, 400, 800, 1000, 1000};
    for (int round = 0; round < 200; ++round) {
        for (std::size_t i = 0; i < ceilings.size(); ++i) {
            const milliseconds pause = backoff.pause_after(static_cast<int>(i) + 1);
            EXPECT_GE(pause.count(), 0);
            EXPECT_LE(pause.count(), ceilings[i]);
        }
    }
    // The same seed gives the same pauses (tests and replays are deterministic).
    Backoff again_a(policy, 99);
    Backoff again_b(policy, 99);
    for (int i = 1; i < 20; ++i) EXPECT_EQ(again_a.pause_after(i), again_b.pause_after(i));
}

TEST(CentralRetries, RetryAfterAcceptsDeltaSecondsOnly) {
    EXPECT_EQ(parse_retry_after("2"), std::chrono::seconds(2));
    EXPECT_EQ(parse_retry_after(" 120 "), std::chrono::seconds(120));
    EXPECT_EQ(parse_retry_after("Fri, 31 Dec 1999 23:59:59 GMT"), std::nullopt);
    EXPECT_EQ(parse_retry_after("-1"), std::nullopt);
    EXPECT_EQ(parse_retry_after("1.5"), std::nullopt);
    EXPECT_EQ(parse_retry_after("99999999999999999999"), std::nullopt);
    EXPECT_EQ(parse_retry_after(""), std::nullopt);
}

}  // namespace
}  // namespace hk::kiosk::central::test
