#include "ops_recorder.h"

#include "ops/metrics/metric_names.h"

namespace hk::kiosk {

namespace names = ops::metric_names;
using drivers::DeviceKind;
using ops::AuditRole;

namespace {

std::string_view central_endpoint(const Command& command) {
    if (std::holds_alternative<CheckEligibility>(command)) return "eligibility";
    if (std::holds_alternative<IssueCertificate>(command)) return "issue_certificate";
    if (std::holds_alternative<FileApplication>(command)) return "file_application";
    if (std::holds_alternative<QueryApplicationStatus>(command)) return "application_status";
    if (std::holds_alternative<QueryHandlingPoints>(command)) return "handling_points";
    return {};
}

std::uint64_t request_of(const Command& command) {
    return std::visit(
        [](const auto& c) -> std::uint64_t {
            if constexpr (requires { c.request; }) {
                return c.request;
            } else {
                return 0;
            }
        },
        command);
}

std::uint64_t request_of(const Event& event) {
    return std::visit(
        [](const auto& e) -> std::uint64_t {
            if constexpr (requires { e.request; }) {
                return e.request;
            } else {
                return 0;
            }
        },
        event);
}

}  // namespace

OpsRecorder::OpsRecorder(Operations& operations, std::function<void()> state_changed)
    : ops_(operations), state_changed_(std::move(state_changed)) {
    for (const DeviceKind kind : drivers::kAllDeviceKinds) {
        ops_.metrics.set_gauge(names::kDeviceReady, {{"device", std::string{drivers::to_string(kind)}}}, 1);
    }
    ops_.metrics.set_gauge(names::kInService, {}, 1);
    ops_.metrics.set_gauge(names::kSessionActive, {}, 0);
}

std::string OpsRecorder::subject_of(const State& state) const {
    if (!state.session) return {};
    const VerifiedIdentity* subject = state.session->subject();
    if (subject == nullptr) return {};
    // The resident ID number when there is one; else the travel document's issuing state and number.
    if (!subject->id_number.empty()) return ops_.subjects.hash(subject->id_number.reveal());
    if (subject->document_number.empty()) return {};
    std::string document{subject->nationality.reveal()};
    document += ':';
    document += subject->document_number.reveal();
    std::string hash = ops_.subjects.hash(document);
    drivers::wipe_bytes(document.data(), document.size());
    return hash;
}

void OpsRecorder::start_timer(std::uint64_t request, std::string_view histogram, ops::Labels labels,
                              Clock::time_point now) {
    if (request == 0) return;
    timers_[request] = Timer{histogram, std::move(labels), now};
}

void OpsRecorder::stop_timer(std::uint64_t request, Clock::time_point now) {
    const auto timer = timers_.find(request);
    if (timer == timers_.end()) return;
    const std::chrono::duration<double> took = now - timer->second.started;
    ops_.metrics.observe_seconds(timer->second.histogram, timer->second.labels, took.count());
    timers_.erase(timer);
}

void OpsRecorder::count_failure(const std::string& code) {
    ops_.counters.add(names::kFailuresTotal, {{"code", code}});
}

void OpsRecorder::on_command(const Command& command, Clock::time_point now) {
    const std::uint64_t request = request_of(command);
    if (const std::string_view endpoint = central_endpoint(command); !endpoint.empty()) {
        start_timer(request, names::kCentralCallSeconds, {{"endpoint", std::string{endpoint}}}, now);
        return;
    }
    std::visit(
        [&](const auto& c) {
            using C = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<C, WatchForTechnicianCard>) {
                watch_request_ = request;
            } else if constexpr (std::is_same_v<C, ReadChip>) {
                chip_read_request_ = request;
                start_timer(request, names::kChipReadSeconds, {}, now);
            } else if constexpr (std::is_same_v<C, ReadMrz>) {
                start_timer(request, names::kOcrSeconds, {}, now);
            } else if constexpr (std::is_same_v<C, PrintCertificate>) {
                start_timer(request, names::kPrintSeconds, {{"printer", "a4"}}, now);
            } else if constexpr (std::is_same_v<C, PrintReceipt>) {
                start_timer(request, names::kPrintSeconds, {{"printer", "receipt"}}, now);
            } else if constexpr (std::is_same_v<C, BeginSession>) {
                ops_.counters.add(names::kSessionsTotal);
                ops_.metrics.set_gauge(names::kSessionActive, {}, 1);
                ops_.audit_event(AuditRole::Citizen, "session_started", "ok", {},
                                 "session " + std::to_string(c.session_serial));
            } else if constexpr (std::is_same_v<C, WipePersonalData>) {
                ops_.metrics.set_gauge(names::kSessionActive, {}, 0);
                ops_.audit_event(AuditRole::Citizen, "session_ended", "wiped", session_subject_,
                                 "session " + std::to_string(c.session_serial));
                session_subject_.clear();
                timers_.clear();  // answers still to come belong to nobody
            } else if constexpr (std::is_same_v<C, KeepForReprint>) {
                ops_.audit_event(AuditRole::System, "certificate_kept_for_reprint", "held", session_subject_,
                                 "serial " + c.certificate.serial);
            }
        },
        command);
}

void OpsRecorder::on_event(const Event& event, const State& after, Clock::time_point now) {
    const std::uint64_t request = request_of(event);
    if (request != 0) stop_timer(request, now);
    std::visit(
        [&](const auto& e) {
            using E = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<E, ResidentIdCardRead> || std::is_same_v<E, ChipRead>) {
                if constexpr (std::is_same_v<E, ChipRead>) {
                    ops_.counters.add(names::kChipReadsTotal, {{"outcome", "read"}});
                }
                if (std::string subject = subject_of(after); !subject.empty()) session_subject_ = subject;
                ops_.audit_event(AuditRole::Citizen, "identity_read", "ok", session_subject_,
                                 std::is_same_v<E, ChipRead> ? "chip" : "resident_id_card");
            } else if constexpr (std::is_same_v<E, DeviceFailed>) {
                // A reader failing while only watched for technician cards failed nobody: the health
                // monitor reports the device; the failure counters count what befell a citizen or a
                // technician's command.
                if (e.request != 0 && e.request == watch_request_) return;
                count_failure(drivers::fault_code(e.fault));
                if (e.fault.device == DeviceKind::ChipReader && e.request == chip_read_request_) {
                    ops_.counters.add(names::kChipReadsTotal, {{"outcome", "failed"}});
                }
            } else if constexpr (std::is_same_v<E, CentralFailed>) {
                count_failure(fault_code(e.error));
            } else if constexpr (std::is_same_v<E, CertificateIssued>) {
                ops_.counters.add(names::kCertificatesTotal, {{"type", e.certificate.service_id}});
                ops_.audit_event(AuditRole::Citizen, "certificate_issued", "ok", session_subject_,
                                 "serial " + e.certificate.serial + ", service " + e.certificate.service_id);
            } else if constexpr (std::is_same_v<E, ApplicationFiled>) {
                const std::string service =
                    after.session ? after.session->service_id : std::string("unknown");
                ops_.counters.add(names::kApplicationsTotal, {{"service", service}});
                ops_.audit_event(AuditRole::Citizen, "application_filed", "ok", session_subject_,
                                 "tracking " + e.receipt.tracking_number + ", service " + service);
            } else if constexpr (std::is_same_v<E, PrintFinished>) {
                if (e.printer == DeviceKind::A4Printer) ops_.counters.add(names::kPagesPrintedTotal);
                if (e.printer == DeviceKind::ReceiptPrinter && e.paper_mm > 0) {
                    ops_.counters.add(names::kReceiptMmTotal, {}, e.paper_mm);
                }
            } else if constexpr (std::is_same_v<E, PageScanned>) {
                if (e.page_id != 0) ops_.counters.add(names::kPagesScannedTotal);
            } else if constexpr (std::is_same_v<E, DeviceHealthChanged>) {
                const std::string device{drivers::to_string(e.device)};
                ops_.metrics.set_gauge(names::kDeviceReady, {{"device", device}}, e.ready ? 1 : 0);
                ops_.audit_event(AuditRole::System, e.ready ? "device_ready" : "device_faulted",
                                 e.ready ? "ok" : "faulted", {}, device);
                if (state_changed_) state_changed_();
            }
        },
        event);
    ops_.metrics.set_gauge(names::kInService, {}, after.screen == Screen::OutOfService ? 0 : 1);
}

}  // namespace hk::kiosk
