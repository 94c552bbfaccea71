// What the session engine asks the outside world to do. Adapters execute commands and answer with events.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "drivers/chip_reader.h"
#include "kiosk/central_service.h"
#include "kiosk/language.h"

namespace hk::kiosk {

struct ReadResidentIdCard {
    std::uint64_t request = 0;
};
struct ReadMrz {
    std::uint64_t request = 0;
};
struct ReadChip {
    std::uint64_t request = 0;
    drivers::ChipAccessKey key;
};
struct ScanPage {
    std::uint64_t request = 0;
};
// Stop waiting for cards and documents (the citizen moved on or left).
struct CancelReads {};

struct CheckEligibility {
    std::uint64_t request = 0;
    VerifiedIdentity subject;
    std::string service_id;
};
struct IssueCertificate {
    std::uint64_t request = 0;
    CertificateRequest certificate;
};
// A page of an application as the engine hands it over: the kiosk's handle to its pixels, which of the
// service's documents it is, and what the page reader found on it (with the citizen's confirmations).
struct FiledPage {
    int page_id = 0;
    int document_index = 0;
    std::string document_type;  // empty: the reader did not recognise the page
    std::vector<AttachmentField> fields;
};
struct FileApplication {
    std::uint64_t request = 0;
    ApplicationRequest application;
    std::vector<FiledPage> pages;  // in the order the service lists its documents
};
struct QueryApplicationStatus {
    std::uint64_t request = 0;
    std::string tracking_number;
};
struct QueryHandlingPoints {
    std::uint64_t request = 0;
};

// Look in this kiosk's journal for a certificate issued to `holder` that could not be printed (kept for
// reprint).
struct FindKeptCertificate {
    std::uint64_t request = 0;
    VerifiedIdentity holder;
};

struct PrintCertificate {
    std::uint64_t request = 0;
    IssuedCertificate certificate;
};

enum class ReceiptKind : std::uint8_t { Certificate, Application, Referral, NotificationForm };
struct PrintReceipt {
    std::uint64_t request = 0;
    ReceiptKind kind = ReceiptKind::Certificate;
    Language language = Language::Chinese;
    std::string service_id;
    std::string reference;  // certificate serial or tracking number; empty for forms and referrals
    std::optional<Station> station;
    // The holder's ID (or document) number masked to its ends, so a lost receipt identifies nobody; empty for
    // forms and referrals, which are printed before anyone is identified.
    std::string holder_number_masked;
};

// A certificate was issued but could not be handed over: keep it for reprint (the journal makes this
// durable).
struct KeepForReprint {
    IssuedCertificate certificate;
};
// An application was filed after the citizen had gone: record it so staff can reach them.
struct RecordUnclaimedApplication {
    ApplicationReceipt receipt;
};
// A citizen's session begins (journaled, so that one cut short by a crash is known and logged as wiped).
struct BeginSession {
    std::uint64_t session_serial = 0;
};
// The session is over: drop scanned pages and any device buffers holding personal data.
struct WipePersonalData {
    std::uint64_t session_serial = 0;
};

// While nobody is served: watch the chip reader for a configured technician card (until CancelReads).
struct WatchForTechnicianCard {
    std::uint64_t request = 0;
};
// Check a technician's PIN for their card (slowly: PBKDF2, rate limits and lockout live in the kiosk).
struct CheckTechnicianPin {
    std::uint64_t request = 0;
    std::string card_id;
    drivers::PersonalString pin;  // zeroed when the command is dropped
};
// Run one service-mode function: the control command of the same name ("selftest", "test-print", ...).
struct RunServiceFunction {
    std::uint64_t request = 0;
    std::string function;
    std::string card_id;  // who asked, for the audit log
};
// The technician left service mode (or it timed out): log and audit it.
struct ServiceModeClosed {
    std::string card_id;
    bool signed_in = false;
    std::string reason;  // "left", "idle", "card_cancelled"
};

using Command =
    std::variant<ReadResidentIdCard, ReadMrz, ReadChip, ScanPage, CancelReads, CheckEligibility,
                 IssueCertificate, FileApplication, QueryApplicationStatus, QueryHandlingPoints,
                 FindKeptCertificate, PrintCertificate, PrintReceipt, KeepForReprint,
                 RecordUnclaimedApplication, BeginSession, WipePersonalData, WatchForTechnicianCard,
                 CheckTechnicianPin, RunServiceFunction, ServiceModeClosed>;

std::string_view command_name(const Command& command);

}  // namespace hk::kiosk
