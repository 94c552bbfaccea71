#include "retries.h"

#include <algorithm>

namespace hk::kiosk::central {

std::chrono::milliseconds Backoff::pause_after(int failed_attempt) {
    using std::chrono::milliseconds;
    const int doublings = std::clamp(failed_attempt - 1, 0, 30);
    const long long base = std::max<long long>(policy_.backoff_base.count(), 0);
    const long long cap = std::max<long long>(policy_.backoff_cap.count(), 0);
    const long long ceiling = base > (cap >> doublings) ? cap : base << doublings;  // no overflow
    std::lock_guard lock(mutex_);
    std::uniform_int_distribution<long long> pick(0, ceiling);
    return milliseconds(pick(random_));
}

bool is_retryable_status(long status) {
    return status == 429 || (status >= 500 && status <= 599);
}

std::expected<HttpAnswer, CentralError> run_attempts(const RetryPolicy& policy, Backoff& backoff,
                                                     const Sleeper& sleep, bool idempotent,
                                                     const std::function<AttemptOutcome(int)>& attempt) {
    const int allowed = idempotent ? std::max(policy.max_attempts, 1) : 1;
    for (int n = 1;; ++n) {
        AttemptOutcome outcome = attempt(n);
        const bool last = n >= allowed;
        if (!outcome.answer) {
            if (last || !outcome.answer.error().worth_retrying)
                return std::unexpected(outcome.answer.error().error);
            sleep(backoff.pause_after(n));
            continue;
        }
        HttpAnswer& answer = *outcome.answer;
        if (last || !is_retryable_status(answer.status)) return std::move(answer);
        if (answer.status == 429 && answer.retry_after) {
            // The server said when; a kiosk with a citizen waiting does not wait longer than the cap.
            const auto asked = std::chrono::duration_cast<std::chrono::milliseconds>(*answer.retry_after);
            sleep(std::min(asked, policy.retry_after_cap));
        } else {
            sleep(backoff.pause_after(n));
        }
    }
}

}  // namespace hk::kiosk::central
