// Bounded retries with exponential backoff and full jitter, for idempotent calls only. What is worth another
// attempt: no connection, a timeout, a lost connection, 5xx, and 429 (after the server's Retry-After,
// capped). Never 4xx otherwise, never a bad answer, never a certificate problem. Sleeping and randomness are
// injected so tests neither wait nor depend on chance.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <functional>
#include <mutex>
#include <random>

#include "central/central_client_options.h"
#include "central/curl_exchange.h"

namespace hk::kiosk::central {

struct RetryPolicy {
    int max_attempts = 3;
    std::chrono::milliseconds backoff_base{250};
    std::chrono::milliseconds backoff_cap{4000};
    std::chrono::milliseconds retry_after_cap{10000};
};

// Full jitter (AWS architecture blog, "Exponential Backoff And Jitter"): the pause before attempt n+1 is
// uniform in [0, min(cap, base * 2^(n-1))], so kiosks that lost the service together do not return together.
// Thread-safe: the random source is guarded.
class Backoff {
  public:
    Backoff(RetryPolicy policy, std::uint64_t seed) : policy_(policy), random_(seed) {}
    std::chrono::milliseconds pause_after(int failed_attempt);

  private:
    RetryPolicy policy_;
    std::mutex mutex_;
    std::mt19937_64 random_;
};

// Whether an HTTP status asks for another attempt.
[[nodiscard]] bool is_retryable_status(long status);

// Runs `attempt(n)` for n = 1, 2, ... until an answer that is final (2xx, or 4xx other than 429), a failure
// not worth retrying, or the last allowed attempt; sleeps between attempts. When `idempotent` is false there
// is exactly one attempt. The last answer is returned whatever its status; the caller maps statuses to
// errors.
std::expected<HttpAnswer, CentralError> run_attempts(const RetryPolicy& policy, Backoff& backoff,
                                                     const Sleeper& sleep, bool idempotent,
                                                     const std::function<AttemptOutcome(int)>& attempt);

}  // namespace hk::kiosk::central
