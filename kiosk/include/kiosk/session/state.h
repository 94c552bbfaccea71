// The session engine's state: which screen the citizen is on and what the session has gathered so far.
// Everything personal lives in `Session`, which is dropped (and its buffers zeroed) when the session ends.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/chip_reader.h"
#include "drivers/device.h"
#include "drivers/personal_string.h"
#include "kiosk/catalogue.h"
#include "kiosk/central_service.h"
#include "kiosk/language.h"
#include "ui/view_model.h"

namespace hk::kiosk {

using Millis = std::chrono::milliseconds;

enum class Screen : std::uint8_t {
    OutOfService,
    Attract,
    Language,
    Catalogue,
    NotificationForm,  // one-time notification: what to bring for the chosen service
    ForWhom,           // for myself, or for someone else (both identified)
    IdentifyMethod,    // resident ID card or passport / travel permit
    IdentifyCard,      // waiting for the resident ID card on the reader
    PassportMrz,       // waiting for the passport photo page on the scanner
    PassportChip,      // waiting for the passport on the chip reader
    CheckingEligibility,
    ScanDocuments,
    Review,
    Issuing,
    Printing,
    Done,
    Referral,       // the kiosk cannot do it: where to go instead
    TrackingEntry,  // inquiry: type the tracking number
    Querying,
    InquiryResult,
    TimeoutWarning,
    Error,
    // Service mode, for a technician (no citizen session): opened by a technician card on the chip reader.
    ServicePin,      // the card's PIN
    ServiceMenu,     // the same functions as kioskctl
    ServiceWorking,  // one of them is running
    ServiceResult,   // what it found
};
inline constexpr int kScreenCount = static_cast<int>(Screen::ServiceResult) + 1;
std::string_view to_string(Screen screen);
// The technician's screens (service mode): no citizen session on them.
bool is_service_screen(Screen screen);

// Who is being identified: the person at the kiosk, or the person they act for.
enum class Role : std::uint8_t { Applicant, Principal };

// What went wrong, in terms the citizen's next step depends on.
enum class ErrorKind : std::uint8_t {
    DeviceFailed,           // a device failed; retry or use the other document
    ReadFailedRepeatedly,   // the document could not be read after several tries
    SamePersonTwice,        // acting for someone else, but the same person was identified twice
    CentralFailed,          // the central service failed; retrying is safe (idempotent)
    CentralRejected,        // the central service refused; retrying will not help
    CertificateNotPrinted,  // issued, kept for reprint, but the printer failed
    StepTimedOut,           // a device or the service took too long
    DocumentNotGenuine,     // the chip failed passive, active or chip authentication
    NothingKeptForReprint,  // asked for a reprint, but this kiosk keeps no certificate for this person
};

struct ErrorInfo {
    ErrorKind kind = ErrorKind::DeviceFailed;
    std::string fault_code;              // technician's code, e.g. "A4P-06"
    std::optional<Screen> retry_screen;  // where "try again" goes; none when retrying cannot help
};

struct InquiryResult {
    std::optional<ApplicationStatus> status;
    std::vector<HandlingPoint> points;
    bool not_found = false;
};

// One field the page reader read off a supporting document. The value is personal data.
struct ReadField {
    std::string id;  // the template's field id, e.g. "id_number"
    // The label as printed on the document ("公民身份号码"), so the citizen finds the value on the paper.
    std::string label;
    drivers::PersonalString value;
    bool valid = false;          // passed the reader's checks (GB 11643 check character, a real date, ...)
    double confidence = 0.0;     // 0..1
    bool reader_doubts = false;  // the reader itself asks for a look (an OCR repair, a disagreement)
    bool confirmed = false;      // the citizen said it is right (only asked for doubtful fields)

    // Doubtful: the citizen must look at it before the application goes out.
    [[nodiscard]] bool doubtful(double confidence_below) const {
        return !valid || reader_doubts || confidence < confidence_below;
    }
};

// What the page reader recognised on one scanned page.
struct ReadDocument {
    std::string type;               // the document template's type id, e.g. "household_register_page"
    LocalisedText name;             // that document's name in every language
    std::vector<ReadField> fields;  // in the template's order; fields not found on the page are left out

    void wipe() noexcept;
};

struct ScannedPageRef {
    int page_id = 0;         // handle into the kiosk's page store (the pixels never enter the engine)
    int document_index = 0;  // which of the service's documents_to_scan this page is
    Millis scanned_at{0};    // when the page was kept: its reading is given up after a step's time
    bool read = false;       // the page reader has answered (with or without a document), or was given up
    std::optional<ReadDocument> document = std::nullopt;  // none: not recognised, or no reader
};

// Everything one citizen's visit gathers. Personal data: wiped at the end of the session.
struct Session {
    Language language = Language::Chinese;
    ui::Presentation
        presentation;  // text size, contrast, speech and volume: the citizen's, reset with the session
    std::string service_id;
    std::size_t catalogue_page = 0;  // the page of a long catalogue last shown, kept when coming back to it
    // The kind whose services the grouped catalogue shows (none: its first screen), kept when coming back.
    std::optional<ServiceKind> catalogue_kind;
    bool for_someone_else = false;
    Role identifying = Role::Applicant;
    std::optional<VerifiedIdentity> applicant;
    std::optional<VerifiedIdentity> principal;
    // Their faces from a passport chip, shown on the review screen; the pixels are zeroed when the last
    // holder (this session, or the view on screen) lets go.
    std::shared_ptr<const ui::Photo> applicant_face;
    std::shared_ptr<const ui::Photo> principal_face;
    int read_attempts = 0;            // failed reads of the current document, for "try again" vs "give up"
    std::optional<std::string> hint;  // a transient prompt ("hold the card still"), a text id
    std::optional<drivers::ChipAccessKey> chip_key;  // from the MRZ, to open the chip
    bool scanning = false;                           // a page scan is under way
    // While the document camera looks for the page: its latest frame and what to do about it (hint text ids).
    std::shared_ptr<const ui::Photo> scan_preview;
    std::vector<std::string> scan_hints;
    std::vector<ScannedPageRef> pages;  // in document order
    bool read_values_shown = false;     // the review screen shows what was read unmasked (the citizen asked)
    std::optional<EligibilityAnswer> eligibility;
    std::optional<IssuedCertificate> certificate;
    std::optional<ApplicationReceipt> application;
    std::string tracking_entry;  // digits typed on the keypad
    std::optional<InquiryResult> inquiry;
    bool certificate_printed = false;
    bool receipt_printed = false;
    bool receipt_failed = false;
    bool form_printed = false;
    std::uint64_t form_request = 0;  // request id of a notification form or referral slip being printed
    std::optional<ErrorInfo> error;
    std::string transaction_key;  // idempotency key of the issuing / filing step, kept across retries

    // The first of the service's `wanted` documents that has no page yet (`wanted` when all have one).
    [[nodiscard]] std::size_t next_document(std::size_t wanted) const;
    // Some scanned page is still being read: what it says may need the citizen's confirmation.
    [[nodiscard]] bool pages_being_read() const;
    // Some field read off a page is doubtful and the citizen has not confirmed it yet.
    [[nodiscard]] bool unconfirmed_doubt(double confidence_below) const;
    [[nodiscard]] const VerifiedIdentity* subject() const {
        return principal ? &*principal : (applicant ? &*applicant : nullptr);
    }
    void wipe() noexcept;
};

// How the kiosk answered a technician's PIN (from ops::TechnicianGate, which the kiosk owns).
enum class PinVerdict : std::uint8_t { Accepted, Wrong, RateLimited, LockedOut };

// A technician at the screen, from their card until they leave: never alongside a citizen's session, and
// holding no citizen data. The PIN being typed is zeroed when it is sent for checking and when the visit
// ends.
struct ServiceVisit {
    Language language = Language::Chinese;
    std::string card_id;  // the card's UID as the reader reported it
    bool signed_in = false;
    std::string pin_entry;
    std::optional<PinVerdict> last_verdict;  // of the last PIN tried, for the message on the PIN screen
    int attempts_left = 0;
    int retry_after_s = 0;
    std::string function;  // the function running or last run, e.g. "selftest"
    std::string result;    // its result as the technician reads it (lines)
    bool result_well = true;

    void wipe() noexcept;
};

struct DeviceHealth {
    std::array<bool, 6> ready{true, true, true, true, true, true};  // indexed by drivers::DeviceKind

    [[nodiscard]] bool is_ready(drivers::DeviceKind kind) const {
        return ready.at(static_cast<std::size_t>(kind));
    }
    // The kiosk is of use only with the A4 printer and at least one way to identify a citizen.
    [[nodiscard]] bool can_serve() const;
};

struct State {
    Screen screen = Screen::Attract;
    Millis now{0};                      // time of the last clock tick
    Millis screen_since{0};             // when the current screen was entered
    Millis last_input{0};               // last citizen input, for the idle timeout
    std::optional<Screen> warned_from;  // screen to return to from the timeout warning
    std::uint64_t next_request = 1;     // commands carry a request id; results echo it
    std::uint64_t pending_request = 0;  // the one result the current screen waits for (0: none)
    std::uint64_t session_serial = 0;   // counts sessions; part of idempotency keys
    std::string kiosk_id = "kiosk-dev";
    std::string boot_id;  // random per start, so idempotency keys never repeat across restarts
    DeviceHealth devices;
    bool maintenance_requested = false;
    bool closed_for_hours = false;              // outside the configured opening hours
    std::string reopens;                        // then: "YYYY-MM-DD HH:MM", local time
    std::optional<Session> session;             // present from the language choice until the wipe
    std::optional<ServiceVisit> service_visit;  // present on the service screens only
    Millis watch_resume_at{0};  // after a failed watch for technician cards, when to watch again

    // Out of service on purpose, not for a fault: a technician or an update asked, or the kiosk is closed.
    [[nodiscard]] bool withdrawn_from_service() const { return maintenance_requested || closed_for_hours; }
};

// Checks the rules that hold in every reachable state; returns what is broken (empty when all hold).
std::vector<std::string> check_invariants(const State& state);

}  // namespace hk::kiosk
