// The reference central service's behaviour, one method per endpoint of openapi.yaml, free of HTTP: each
// takes the caller's kiosk id (from its client certificate), the headers it needs and the raw body, and gives
// back the status and body to send. server.cpp only moves bytes between httplib and these methods, so the
// behaviour is tested in-process, and hostile input reaches exactly the code it would reach over TLS.
#pragma once

#include <expected>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "answer.h"
#include "catalogue.h"
#include "idempotency.h"
#include "json_codec.h"
#include "requests.h"
#include "signer.h"
#include "store.h"

namespace hk::central {

// Time as the service sees it; fixed in tests and demos (--issued-on) so certificates are reproducible.
struct ServiceClock {
    std::function<std::string()> today;    // YYYY-MM-DD: issue dates, application updates
    std::function<std::string()> now_utc;  // RFC 3339, e.g. 2026-11-22T08:30:00Z: heartbeat answers
};

// Today in local time and now in UTC from the system clock; `fixed_date`, when not empty, replaces today.
ServiceClock system_clock(std::string fixed_date);

class CentralService {
  public:
    CentralService(Store& store, const Catalogue& catalogue, const ProofSigner& signer, ServiceClock clock);

    Answer lookup_citizen(std::string_view body);
    Answer catalogue();
    Answer check_eligibility(std::string_view body);
    Answer issue_certificate(std::string_view kiosk_id, const std::optional<std::string>& idempotency_key,
                             std::string_view body);
    Answer file_application(std::string_view kiosk_id, const std::optional<std::string>& idempotency_key,
                            std::string_view body);
    Answer application_status(std::string_view tracking_number);
    Answer handling_points();
    Answer heartbeat(std::string_view kiosk_id, std::string_view body);
    Answer signing_keys();

  private:
    // The person an identity designates: by ID number for cards; by passport number for chips (then by the ID
    // number if the chip carried one).
    std::optional<Person> find_person(const Transaction& tx, const Identity& identity);
    // Where to send someone the kiosk cannot serve: their registration station, else the nearest handling
    // point.
    std::optional<Station> referral_station(const Transaction& tx, const std::optional<Person>& person);
    Answer issue(const Transaction& tx, std::string_view kiosk_id, const CertificateRequest& request);
    Answer file(const Transaction& tx, std::string_view kiosk_id, const ApplicationRequest& request);
    // An idempotent POST: checks the key, parses, fingerprints and decodes the body outside the ledger's lock
    // (a 32 MiB application must not stall other kiosks), then runs `act` once per (kiosk, key) in the
    // transaction.
    template <typename Request>
    Answer idempotent(std::string_view kiosk_id, const std::optional<std::string>& idempotency_key,
                      std::string_view body,
                      std::expected<Request, ApiError> (*decode)(const nlohmann::json&),
                      Answer (CentralService::*act)(const Transaction&, std::string_view, const Request&));

    Store& store_;
    const Catalogue& catalogue_;
    const ProofSigner& signer_;
    ServiceClock clock_;
    IdempotencyLedger ledger_;
};

template <typename Request>
Answer CentralService::idempotent(std::string_view kiosk_id,
                                  const std::optional<std::string>& idempotency_key, std::string_view body,
                                  std::expected<Request, ApiError> (*decode)(const nlohmann::json&),
                                  Answer (CentralService::*act)(const Transaction&, std::string_view,
                                                                const Request&)) {
    auto key = checked_idempotency_key(idempotency_key);
    if (!key) return error_answer(key.error());
    const auto parsed = parse_json_object(body);
    const std::string fingerprint = request_fingerprint(body, parsed ? &*parsed : nullptr);
    const std::expected<Request, ApiError> request =
        parsed ? decode(*parsed) : std::expected<Request, ApiError>(std::unexpected(parsed.error()));
    return ledger_.run_once(kiosk_id, *key, fingerprint, [&](const Transaction& tx) {
        if (!request) return error_answer(request.error());
        return (this->*act)(tx, kiosk_id, *request);
    });
}

}  // namespace hk::central
