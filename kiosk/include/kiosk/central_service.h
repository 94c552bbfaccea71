// The kiosk's view of the provincial central service: who the citizen is in the records, what they may get
// here, and the issuing and filing themselves. The real client (HTTPS, mutual TLS) and the in-process
// simulation both implement CentralService; calls block and run on the central worker thread, never on the UI
// thread.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "drivers/personal_string.h"

namespace hk::kiosk {

using drivers::PersonalString;

enum class IdentitySource : std::uint8_t { ResidentIdCard, PassportChip };

// A person as established by the kiosk from a document it has read (and, for chips, authenticated).
struct VerifiedIdentity {
    IdentitySource source = IdentitySource::ResidentIdCard;
    PersonalString name;
    PersonalString
        id_number;  // resident ID number; for passports the one in the chip's personal number, if any
    PersonalString document_number;  // passport / permit number; empty for ID cards
    PersonalString birth_date;       // YYYYMMDD for ID cards, YYMMDD from a chip
    PersonalString nationality;      // "CHN" for resident ID cards

    void wipe() noexcept;
    friend bool operator==(const VerifiedIdentity&, const VerifiedIdentity&) = default;
};

// The same person, by resident ID number, or by document number and nationality (a passport without one).
bool same_person(const VerifiedIdentity& a, const VerifiedIdentity& b);

// A registration police station or other handling point (public data, not personal).
struct Station {
    std::string name;
    std::string address;
    std::string hours;
    std::string phone;
};

enum class Verdict : std::uint8_t {
    Eligible,          // records are electronic: the kiosk can do it
    PaperRecordsOnly,  // records exist only on paper: go to the station that holds them
    NoRecord,          // no household registration found for this person
    NotEligible,       // records exist but this service does not apply (reason given)
};

struct EligibilityAnswer {
    Verdict verdict = Verdict::NoRecord;
    std::optional<Station> station;  // where to go when the kiosk cannot help
    std::string reason;              // for NotEligible, a short code such as "not_household_member"
};

struct CertificateRequest {
    std::string service_id;
    VerifiedIdentity subject;               // whom the certificate is about
    std::optional<VerifiedIdentity> agent;  // who is acting for them, when not themselves
    std::string idempotency_key;            // the same key on a retry returns the same certificate
};

struct CertificateField {
    std::string label;
    PersonalString value;
};

struct IssuedCertificate {
    std::string serial;
    std::string service_id;
    std::string issued_on;  // YYYY-MM-DD
    std::string issuer;
    std::string title_zh;
    std::string title_en;
    PersonalString holder_name;
    std::vector<CertificateField> fields;
    std::string statement;
    std::string proof_payload;  // signed payload for the QR code; empty until the service signs
    std::string verification_code;

    void wipe() noexcept;
};

// A field the kiosk read on a scanned page, as the citizen left it on the review screen: the clerk at the
// central office sees what was read and what the citizen vouched for, and types nothing in.
struct AttachmentField {
    std::string id;  // the document template's field id, e.g. "id_number"
    drivers::PersonalString value;
    bool valid = false;       // passed the reader's checks (check character, a real date, ...)
    bool confirmed = false;   // the citizen looked at it on the review screen and said it is right
    double confidence = 0.0;  // the reader's, 0..1
};

// A scanned page sent with an application (personal data: wiped with the request).
struct Attachment {
    int document_index = 0;  // which of the service's documents_to_scan it is
    std::string mime = "image/png";
    std::vector<std::uint8_t> data;
    std::string ocr_text;
    std::string document_type;            // the template the page was read as; empty: not recognised
    std::vector<AttachmentField> fields;  // what was read on it (none when not recognised)
};

struct ApplicationRequest {
    std::string service_id;
    VerifiedIdentity subject;
    std::optional<VerifiedIdentity> agent;
    int attached_pages = 0;               // how many pages the citizen scanned
    std::vector<Attachment> attachments;  // those pages, encoded; filled in by the kiosk just before filing
    std::string idempotency_key;
};

struct ApplicationReceipt {
    std::string tracking_number;
    int expected_working_days = 0;
};

struct ApplicationStatus {
    std::string tracking_number;
    std::string state;  // "received", "under_review", "approved", "rejected", "ready_for_collection"
    std::string updated_on;
};

struct HandlingPoint {
    std::string name;
    std::string address;
    double distance_km = 0;
    int queue_length = 0;
};

enum class CentralErrorKind : std::uint8_t {
    Unreachable = 1,  // no connection (network down, DNS, TLS handshake refused)
    Timeout = 2,      // connected but no answer in time
    ServerError = 3,  // 5xx
    Rejected = 4,     // 4xx: the request itself was refused
    BadAnswer = 5,    // malformed, truncated or oversized answer
    NotFound = 6,     // the thing asked about does not exist (e.g. unknown tracking number)
};

struct CentralError {
    CentralErrorKind kind = CentralErrorKind::Unreachable;
    std::string detail;  // technicians only; no personal data

    // Whether trying again (with the same idempotency key) can help.
    [[nodiscard]] bool retryable() const {
        return kind == CentralErrorKind::Unreachable || kind == CentralErrorKind::Timeout ||
               kind == CentralErrorKind::ServerError;
    }
};
// "CEN-01" ... the technician's code for a central-service failure.
std::string fault_code(const CentralError& error);

class CentralService {
  public:
    virtual ~CentralService() = default;
    virtual std::expected<EligibilityAnswer, CentralError> check_eligibility(
        const VerifiedIdentity& subject, const std::string& service_id) = 0;
    virtual std::expected<IssuedCertificate, CentralError> issue_certificate(
        const CertificateRequest& request) = 0;
    virtual std::expected<ApplicationReceipt, CentralError> file_application(
        const ApplicationRequest& request) = 0;
    virtual std::expected<ApplicationStatus, CentralError> application_status(
        const std::string& tracking_number) = 0;
    virtual std::expected<std::vector<HandlingPoint>, CentralError> handling_points() = 0;
};

}  // namespace hk::kiosk
