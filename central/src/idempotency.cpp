#include "idempotency.h"

#include <algorithm>

#include "digest.h"

namespace hk::central {
namespace {

bool kept(int status) {
    return status < 500 && status != 409 && status != 429;
}

}  // namespace

std::expected<std::string, ApiError> checked_idempotency_key(const std::optional<std::string>& header) {
    if (!header) return std::unexpected(bad_request("Idempotency-Key header is required"));
    const std::string& key = *header;
    const bool printable = std::all_of(key.begin(), key.end(), [](char c) { return c >= 0x20 && c <= 0x7E; });
    if (key.empty() || key.size() > 200 || !printable) {
        return std::unexpected(bad_request("Idempotency-Key must be 1-200 printable ASCII characters"));
    }
    return key;
}

std::string request_fingerprint(std::string_view raw_body, const nlohmann::json* parsed) {
    if (parsed != nullptr)
        return sha256("json:" + parsed->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return sha256("raw:" + std::string(raw_body));
}

Answer IdempotencyLedger::run_once(std::string_view kiosk_id, std::string_view key,
                                   const std::string& fingerprint,
                                   const std::function<Answer(const Transaction&)>& act) {
    Transaction tx = store_.begin();
    Statement prior =
        tx.db().prepare("SELECT fingerprint, status, body FROM idempotency WHERE kiosk_id = ? AND key = ?");
    prior.bind(1, kiosk_id).bind(2, key);
    if (prior.step()) {
        if (prior.text(0) != fingerprint) {
            return error_answer(conflict("Idempotency-Key already used with a different request"));
        }
        return Answer{static_cast<int>(prior.integer(1)), prior.text(2)};
    }
    Answer answer = act(tx);
    if (kept(answer.status)) {
        tx.db()
            .prepare(
                "INSERT INTO idempotency (kiosk_id, key, fingerprint, status, body) VALUES (?, ?, ?, ?, ?)")
            .bind(1, kiosk_id)
            .bind(2, key)
            .bind_blob(3, fingerprint)
            .bind(4, std::int64_t{answer.status})
            .bind_blob(5, answer.body)
            .run();
        tx.commit();
    }
    // Not kept: the transaction rolls back with whatever the action wrote, so nothing is half-issued.
    return answer;
}

}  // namespace hk::central
