// An in-process central service answering from the simulated world, with fault injection. It honours
// idempotency keys as the real one must: a retried request gets the original answer, never a second
// certificate.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>

#include "kiosk/central_service.h"
#include "world.h"

namespace hk::kiosk::sim {

class SimulatedCentral final : public CentralService {
  public:
    explicit SimulatedCentral(const World& world, std::string issued_on = "2026-11-22");

    // The next call fails with this error (queued), or every call takes this long first.
    void fail_next(CentralErrorKind kind);
    void set_delay(std::chrono::milliseconds delay);
    [[nodiscard]] int certificates_issued() const;
    [[nodiscard]] int applications_filed() const;

    std::expected<EligibilityAnswer, CentralError> check_eligibility(const VerifiedIdentity& subject,
                                                                     const std::string& service_id) override;
    std::expected<IssuedCertificate, CentralError> issue_certificate(
        const CertificateRequest& request) override;
    std::expected<ApplicationReceipt, CentralError> file_application(
        const ApplicationRequest& request) override;
    std::expected<ApplicationStatus, CentralError> application_status(
        const std::string& tracking_number) override;
    std::expected<std::vector<HandlingPoint>, CentralError> handling_points() override;

  private:
    std::optional<CentralError> injected();
    const WorldPerson* find(const VerifiedIdentity& identity) const;
    IssuedCertificate make_certificate(const WorldPerson& person, const CertificateRequest& request);

    const World& world_;
    std::string issued_on_;
    mutable std::mutex mutex_;
    std::deque<CentralErrorKind> failures_;
    std::chrono::milliseconds delay_{0};
    std::map<std::string, IssuedCertificate> issued_by_key_;
    std::map<std::string, ApplicationReceipt> filed_by_key_;
    std::vector<WorldApplication> filed_;
    int serial_counter_ = 0;
};

}  // namespace hk::kiosk::sim
