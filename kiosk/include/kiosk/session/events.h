// Everything that can happen to the session: the clock, the citizen's input, devices and the central service.
// Results of commands carry the command's request id so that a late answer to an abandoned step is
// recognised.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "drivers/chip_reader.h"
#include "drivers/device.h"
#include "drivers/resident_id_reader.h"
#include "kiosk/central_service.h"
#include "kiosk/session/state.h"

namespace hk::kiosk {

struct ClockTick {
    Millis now;
};
// The citizen tapped a button (or pressed its key). The action is the button's id, e.g. "service:<id>".
struct UserAction {
    std::string action;
};
struct ResidentIdCardRead {
    std::uint64_t request = 0;
    drivers::ResidentIdCard card;
};
struct MrzRead {
    std::uint64_t request = 0;
    std::vector<std::string> lines;
};
struct ChipRead {
    std::uint64_t request = 0;
    drivers::ChipDocument document;
    // DG2's face decoded for the screen (none when the chip has none or it would not decode).
    std::shared_ptr<const ui::Photo> face = nullptr;
};
struct PageScanned {
    std::uint64_t request = 0;
    int page_id = 0;                                 // 0 when the page was refused
    std::optional<std::string> hint = std::nullopt;  // why it was refused, as a hint text id ("scan_blurred")
};
// A frame from the overhead document camera while a page is being laid under it: the live preview on the scan
// screen and what the citizen should do about it. Many a second; the page itself comes as PageScanned.
struct ScanPreview {
    std::uint64_t request = 0;
    std::shared_ptr<const ui::Photo> preview;  // the frame scaled down, the page's outline drawn
    std::vector<std::string> hints;  // hint text ids, most important first; empty: the frame is good
};
// What the page reader read off a page already kept (PageScanned came first). A separate event rather than
// more fields in PageScanned: reading (clean-up, OCR, fields) takes seconds, and meanwhile the scanner is
// free and the citizen scans the next document; the page is kept whether or not it can be read.
struct PageRead {
    int page_id = 0;
    std::optional<ReadDocument> document = std::nullopt;  // none: not recognised, unreadable, or no reader
};
struct DeviceFailed {
    std::uint64_t request = 0;
    drivers::DeviceFault fault;
};
struct PrintFinished {
    std::uint64_t request = 0;
    drivers::DeviceKind printer = drivers::DeviceKind::A4Printer;
    int paper_mm = 0;  // receipt paper used, for the roll counter (0 for the A4 printer)
};
struct DeviceHealthChanged {
    drivers::DeviceKind device = drivers::DeviceKind::A4Printer;
    bool ready = true;
};
struct EligibilityChecked {
    std::uint64_t request = 0;
    EligibilityAnswer answer;
};
struct CertificateIssued {
    std::uint64_t request = 0;
    IssuedCertificate certificate;
};
struct ApplicationFiled {
    std::uint64_t request = 0;
    ApplicationReceipt receipt;
};
struct StatusAnswered {
    std::uint64_t request = 0;
    ApplicationStatus status;
};
struct HandlingPointsAnswered {
    std::uint64_t request = 0;
    std::vector<HandlingPoint> points;
};
// The journal's answer to FindKeptCertificate: the certificate kept for this holder, if there is one.
struct KeptCertificateFound {
    std::uint64_t request = 0;
    std::optional<IssuedCertificate> certificate;
};
struct CentralFailed {
    std::uint64_t request = 0;
    CentralError error;
};
// Technician or fleet asks for maintenance: taken when no citizen is served.
struct MaintenanceRequested {
    bool on = true;
};

// The opening hours of the pushed site configuration: the kiosk serves only while open; a citizen in a
// session at closing time finishes first. `reopens`: "YYYY-MM-DD HH:MM" in local time, when closed ("" if
// never).
struct OpeningHoursChanged {
    bool open = true;
    std::string reopens = {};
};

// A configured technician card came into the chip reader's field (answers WatchForTechnicianCard; the kiosk
// reports no other card).
struct TechnicianCardSeen {
    std::uint64_t request = 0;
    std::string card_id;
};
// The answer to CheckTechnicianPin.
struct TechnicianPinChecked {
    std::uint64_t request = 0;
    PinVerdict verdict = PinVerdict::Wrong;
    int attempts_left = 0;
    int retry_after_s = 0;
};
// A service-mode function finished; `text` is its result as a technician reads it.
struct ServiceFunctionDone {
    std::uint64_t request = 0;
    bool well = true;
    std::string text;
};

using Event =
    std::variant<ClockTick, UserAction, ResidentIdCardRead, MrzRead, ChipRead, PageScanned, DeviceFailed,
                 PrintFinished, DeviceHealthChanged, EligibilityChecked, CertificateIssued, ApplicationFiled,
                 StatusAnswered, HandlingPointsAnswered, KeptCertificateFound, CentralFailed,
                 MaintenanceRequested, TechnicianCardSeen, TechnicianPinChecked, ServiceFunctionDone,
                 OpeningHoursChanged, PageRead, ScanPreview>;

// The event's kind, e.g. "ResidentIdCardRead", and a one-line description safe for logs: no personal data.
std::string_view event_name(const Event& event);
std::string describe_for_log(const Event& event);
// A technician card as logs name it: its UID's last 4 hex digits ("card …B2C3"), never the whole UID.
std::string technician_card_ref(std::string_view card_id);

}  // namespace hk::kiosk
