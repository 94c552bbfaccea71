#include "simulated_central.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <thread>

#include "certificate_content.h"

namespace hk::kiosk::sim {

SimulatedCentral::SimulatedCentral(const World& world, std::string issued_on)
    : world_(world), issued_on_(std::move(issued_on)) {}

void SimulatedCentral::fail_next(CentralErrorKind kind) {
    std::lock_guard lock(mutex_);
    failures_.push_back(kind);
}

void SimulatedCentral::set_delay(std::chrono::milliseconds delay) {
    std::lock_guard lock(mutex_);
    delay_ = delay;
}

int SimulatedCentral::certificates_issued() const {
    std::lock_guard lock(mutex_);
    return static_cast<int>(issued_by_key_.size());
}

int SimulatedCentral::applications_filed() const {
    std::lock_guard lock(mutex_);
    return static_cast<int>(filed_by_key_.size());
}

std::optional<CentralError> SimulatedCentral::injected() {
    std::chrono::milliseconds delay;
    std::optional<CentralError> error;
    {
        std::lock_guard lock(mutex_);
        delay = delay_;
        if (!failures_.empty()) {
            error = CentralError{failures_.front(), "injected by the simulation"};
            failures_.pop_front();
        }
    }
    if (delay.count() > 0) std::this_thread::sleep_for(delay);
    return error;
}

const WorldPerson* SimulatedCentral::find(const VerifiedIdentity& identity) const {
    if (const WorldPerson* person = world_.find_by_id_number(identity.id_number.reveal())) return person;
    return world_.find_by_passport(identity.document_number.reveal());
}

std::expected<EligibilityAnswer, CentralError> SimulatedCentral::check_eligibility(
    const VerifiedIdentity& subject, const std::string& service_id) {
    if (auto error = injected()) return std::unexpected(*error);
    (void)service_id;
    const WorldPerson* person = find(subject);
    if (person == nullptr) return EligibilityAnswer{Verdict::NoRecord, std::nullopt, {}};
    std::optional<Station> station;
    if (auto it = world_.stations.find(person->station); it != world_.stations.end()) station = it->second;
    if (person->paper_records) return EligibilityAnswer{Verdict::PaperRecordsOnly, station, {}};
    return EligibilityAnswer{Verdict::Eligible, station, {}};
}

IssuedCertificate SimulatedCentral::make_certificate(const WorldPerson& person,
                                                     const CertificateRequest& request) {
    IssuedCertificate certificate;
    char serial[40];
    std::snprintf(serial, sizeof serial, "HK%s%06d", issued_on_.substr(0, 4).c_str(), ++serial_counter_);
    certificate.serial = serial;
    certificate.service_id = request.service_id;
    certificate.issued_on = issued_on_;
    compose_certificate(world_, person, request.service_id, certificate);
    return certificate;
}

std::expected<IssuedCertificate, CentralError> SimulatedCentral::issue_certificate(
    const CertificateRequest& request) {
    if (auto error = injected()) return std::unexpected(*error);
    std::lock_guard lock(mutex_);
    if (auto it = issued_by_key_.find(request.idempotency_key); it != issued_by_key_.end()) return it->second;
    const WorldPerson* person = find(request.subject);
    if (person == nullptr || person->paper_records) {
        return std::unexpected(
            CentralError{CentralErrorKind::Rejected, "no electronic record for the subject"});
    }
    IssuedCertificate certificate = make_certificate(*person, request);
    issued_by_key_.emplace(request.idempotency_key, certificate);
    return certificate;
}

std::expected<ApplicationReceipt, CentralError> SimulatedCentral::file_application(
    const ApplicationRequest& request) {
    if (auto error = injected()) return std::unexpected(*error);
    std::lock_guard lock(mutex_);
    if (auto it = filed_by_key_.find(request.idempotency_key); it != filed_by_key_.end()) return it->second;
    const WorldPerson* person = find(request.subject);
    if (person == nullptr)
        return std::unexpected(CentralError{CentralErrorKind::Rejected, "unknown subject"});
    char tracking[16];
    std::snprintf(tracking, sizeof tracking, "%.4s%.2s%06zu", issued_on_.c_str(), issued_on_.c_str() + 5,
                  500 + filed_.size());
    ApplicationReceipt receipt{tracking, 10};
    filed_.push_back({tracking, person->id_number, request.service_id, "received", issued_on_});
    filed_by_key_.emplace(request.idempotency_key, receipt);
    return receipt;
}

std::expected<ApplicationStatus, CentralError> SimulatedCentral::application_status(
    const std::string& tracking_number) {
    if (auto error = injected()) return std::unexpected(*error);
    std::lock_guard lock(mutex_);
    const std::array<const std::vector<WorldApplication>*, 2> lists{&world_.applications, &filed_};
    for (const auto* list : lists) {
        for (const WorldApplication& application : *list) {
            if (application.tracking_number == tracking_number) {
                return ApplicationStatus{application.tracking_number, application.state,
                                         application.updated_on};
            }
        }
    }
    return std::unexpected(CentralError{CentralErrorKind::NotFound, "no such tracking number"});
}

std::expected<std::vector<HandlingPoint>, CentralError> SimulatedCentral::handling_points() {
    if (auto error = injected()) return std::unexpected(*error);
    std::vector<HandlingPoint> points = world_.handling_points;
    // Least busy first, then nearest: what a citizen choosing where to go wants to see on top.
    std::sort(points.begin(), points.end(), [](const HandlingPoint& a, const HandlingPoint& b) {
        return a.queue_length != b.queue_length ? a.queue_length < b.queue_length
                                                : a.distance_km < b.distance_km;
    });
    return points;
}

}  // namespace hk::kiosk::sim
