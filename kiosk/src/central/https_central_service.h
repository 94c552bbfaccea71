// The kiosk's client of the provincial central service over HTTPS with mutual TLS (protocol:
// central/openapi.yaml). Calls block; they run on the central worker thread but are safe from any thread.
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "central/central_client_options.h"
#include "central/retries.h"
#include "kiosk/central_service.h"

namespace hk::kiosk::central {

class HttpsCentralService final : public CentralService {
  public:
    explicit HttpsCentralService(CentralClientOptions options);

    std::expected<EligibilityAnswer, CentralError> check_eligibility(const VerifiedIdentity& subject,
                                                                     const std::string& service_id) override;
    std::expected<IssuedCertificate, CentralError> issue_certificate(
        const CertificateRequest& request) override;
    // Files the application with request.attachments; refused ("pages missing") unless there is one
    // attachment per scanned page (attached_pages), so an application never goes out without the citizen's
    // documents.
    std::expected<ApplicationReceipt, CentralError> file_application(
        const ApplicationRequest& request) override;
    std::expected<ApplicationStatus, CentralError> application_status(
        const std::string& tracking_number) override;
    std::expected<std::vector<HandlingPoint>, CentralError> handling_points() override;

  private:
    // One call: attempts (with retries when `idempotent`) until a final answer, which must be 2xx.
    std::expected<HttpAnswer, CentralError> exchange(std::string_view operation, const HttpRequest& request,
                                                     bool idempotent);

    CentralClientOptions options_;
    TransportSettings transport_;
    RetryPolicy policy_;
    Backoff backoff_;
};

// Whether a key can travel as the protocol's Idempotency-Key: 1-200 printable ASCII characters.
[[nodiscard]] bool is_valid_idempotency_key(std::string_view key);

}  // namespace hk::kiosk::central
