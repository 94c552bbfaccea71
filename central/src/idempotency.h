// Exactly-once issuing and filing (openapi.yaml, "Idempotency"). The first answer to (kiosk id,
// Idempotency-Key) is stored with a fingerprint of the request; a retry with the same request gets that
// answer again, byte for byte and with the same status, and never runs the action twice; the same key with
// another request gets 409.
#pragma once

#include <expected>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "answer.h"
#include "store.h"

namespace hk::central {

// 1-200 printable ASCII characters; missing or anything else -> 400.
std::expected<std::string, ApiError> checked_idempotency_key(const std::optional<std::string>& header);

// What "the same request" means: for a body that parses, its canonical JSON (members sorted, no whitespace),
// so a retry that re-serialises the same request matches; otherwise the raw bytes.
std::string request_fingerprint(std::string_view raw_body, const nlohmann::json* parsed);

class IdempotencyLedger {
  public:
    explicit IdempotencyLedger(Store& store) : store_(store) {}

    // Runs `act` inside one transaction unless (kiosk_id, key) already has an answer. The answer and the
    // action's writes commit together. Answers that a retry might change are not kept: 5xx (the retry may
    // succeed), 409 and 429 (about this attempt, not the request).
    Answer run_once(std::string_view kiosk_id, std::string_view key, const std::string& fingerprint,
                    const std::function<Answer(const Transaction&)>& act);

  private:
    Store& store_;
};

}  // namespace hk::central
