#include "recovery.h"

#include "journal/records.h"
#include "ops/events/log_event.h"
#include "printed_matter.h"
#include "printer/certificate_document.h"

namespace hk::kiosk {
namespace {

// Prints a certificate the journal holds; true when the printer took it.
bool print_from_journal(Journal& journal, const JournalEntry& entry, const DeviceSet& devices) {
    auto certificate = records::certificate(entry.result);
    if (!certificate) return false;
    auto pdf = printer::render_certificate_pdf(certificate_document(*certificate));
    certificate->wipe();
    if (!pdf) return false;
    journal.print_submitted(entry.key);
    const bool ok = devices.a4_printer.print({certificate_job_name(entry.reference), *pdf, 1}).has_value();
    drivers::wipe_bytes(pdf->data(), pdf->size());
    if (ok) journal.printed(entry.key);
    return ok;
}

}  // namespace

std::string certificate_job_name(const std::string& serial) {
    return "certificate-" + serial;
}

bool ask_again(Journal& journal, JournalEntry& entry, CentralService& central) {
    if (entry.kind == TransactionKind::Certificate) {
        auto request = records::certificate_request(entry.request);
        if (!request) return false;
        auto issued = central.issue_certificate(*request);
        if (!issued) {
            if (!issued.error().retryable()) journal.abandoned(entry.key);
            return false;
        }
        entry.reference = issued->serial;
        entry.result = records::to_json(*issued);
        journal.issued(entry.key, entry.reference, entry.result);
    } else {
        auto request = records::application_request(entry.request);
        if (!request) return false;
        auto filed = central.file_application(*request);
        if (!filed) {
            if (!filed.error().retryable()) journal.abandoned(entry.key);
            return false;
        }
        entry.reference = filed->tracking_number;
        journal.issued(entry.key, entry.reference, records::to_json(*filed));
    }
    entry.step = TransactionStep::Issued;
    return true;
}

std::string RecoveryReport::summary() const {
    return "recovery: " + std::to_string(interrupted_sessions) + " interrupted session(s) wiped, " +
           std::to_string(asked_again) + " request(s) asked again, " + std::to_string(printed) +
           " printed, " + std::to_string(already_printed) + " already printed, " + std::to_string(completed) +
           " completed, " + std::to_string(left_unfinished) + " left for later";
}

RecoveryReport recover(Journal& journal, const DeviceSet& devices) {
    using ops::EventId;  // the recovery events of kiosk/events.toml
    ops::log_event(EventId::JournalRecoveryStarted, "recovery: finishing what the last run left unfinished");
    RecoveryReport report;
    report.interrupted_sessions = journal.close_interrupted_sessions();
    if (report.interrupted_sessions > 0)
        ops::log_event(EventId::RecoverySessionsWiped, "recovery: {} interrupted session(s) closed and wiped",
                       report.interrupted_sessions);
    for (JournalEntry entry : journal.unfinished()) {
        // Named by service and idempotency key (or reference) only: the request itself is personal.
        if (entry.step == TransactionStep::Requested) {
            ++report.asked_again;
            ops::log_event(EventId::RecoveryRequestAskedAgain, "recovery: {} request {} asked again",
                           entry.service_id, entry.key);
            if (!ask_again(journal, entry, devices.central)) {
                if (journal.find(entry.key)->step == TransactionStep::Requested) {
                    ++report.left_unfinished;
                    ops::log_event(EventId::RecoveryLeftUnfinished,
                                   "recovery: {} request {} left for the next start", entry.service_id,
                                   entry.key);
                } else {
                    ops::log_event(EventId::RecoveryRequestAbandoned,
                                   "recovery: {} request {} refused by the central service, abandoned",
                                   entry.service_id, entry.key);
                }
                continue;
            }
        }
        if (entry.kind == TransactionKind::Application) {
            journal.done(
                entry.key);  // filed once, under its key; the tracking number is in the central service
            ++report.completed;
            ops::log_event(EventId::RecoveryTransactionClosed, "recovery: {} application {} filed",
                           entry.service_id, entry.reference);
            continue;
        }
        if (entry.step == TransactionStep::PrintSubmitted) {
            if (devices.a4_printer.has_printed(certificate_job_name(entry.reference)).value_or(false)) {
                ++report.already_printed;
                ops::log_event(EventId::RecoveryAlreadyPrinted,
                               "recovery: certificate {} was already printed", entry.reference);
                entry.step = TransactionStep::Printed;
            } else {
                entry.step = TransactionStep::Issued;  // the printer has no record of it: print it
            }
        }
        if (entry.step == TransactionStep::Issued) {
            if (!print_from_journal(journal, entry, devices)) {
                journal.held(entry.key);  // kept for reprint rather than lost
                ++report.completed;
                ops::log_event(EventId::RecoveryCertificateHeld,
                               "recovery: certificate {} not printed, kept for reprint", entry.reference);
                continue;
            }
            ++report.printed;
            ops::log_event(EventId::RecoveryCertificatePrinted, "recovery: certificate {} printed",
                           entry.reference);
        }
        journal.done(entry.key);
        ++report.completed;
        ops::log_event(EventId::RecoveryTransactionClosed, "recovery: {} certificate {} closed",
                       entry.service_id, entry.reference);
    }
    ops::log_event(EventId::JournalRecovery,
                   report.left_unfinished == 0 ? ops::Disposition::Success : ops::Disposition::Failure, "{}",
                   report.summary());
    return report;
}

}  // namespace hk::kiosk
