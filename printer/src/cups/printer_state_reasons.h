// What a queue's IPP state means for the kiosk: printer-state-reasons keywords to fault kinds, and a snapshot
// of the printer to a DeviceStatus. Pure: no libcups here, so every mapping is unit-tested.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/device.h"

namespace hk::printer::cups::detail {

// IPP printer-state (RFC 8011 5.4.11).
enum class PrinterState { Idle = 3, Processing = 4, Stopped = 5 };

// IPP job-state (RFC 8011 5.3.7).
enum class JobState {
    Pending = 3,
    Held = 4,
    Processing = 5,
    Stopped = 6,
    Canceled = 7,
    Aborted = 8,
    Completed = 9
};
// IPP's keyword for it ("processing"), for details.
std::string_view to_string(JobState state);

// A supply the printer reports in marker-names / marker-types / marker-levels (toner, ink, ...), level in
// percent; negative levels are IPP's "unknown" (-1, -2) and "some remains" (-3).
struct Marker {
    std::string name;
    std::string type;
    int level = -1;
};

struct PrinterSnapshot {
    PrinterState state = PrinterState::Idle;
    std::vector<std::string> reasons;  // printer-state-reasons as sent, "none" included
    std::string message;               // printer-state-message
    bool accepting_jobs = true;
    std::vector<Marker> markers;
};

enum class Severity { Report, Warning, Error };

// RFC 8011 5.4.12: a reason without -report/-warning/-error suffix is an error.
Severity severity_of(std::string_view reason);
// The reason without its severity suffix: "media-empty-error" -> "media-empty".
std::string_view keyword_of(std::string_view reason);

// The fault a single reason stands for, matched on its keyword's prefix ("media-empty", "media-needed" and,
// say, "media-empty-tray-2" all mean paper out); nullopt for reasons that do not stop printing (toner-low,
// none, ...).
std::optional<drivers::FaultKind> fault_of(std::string_view reason);

struct ReasonFault {
    drivers::FaultKind kind;
    std::string reason;  // the reason as the printer sent it
};
// The most telling fault among `reasons` (unplugged before cover open before jam before paper out before
// other errors): that is the order a technician has to fix them in. `min_severity` leaves out milder reasons.
std::optional<ReasonFault> worst_fault(const std::vector<std::string>& reasons,
                                       Severity min_severity = Severity::Report);

// The kiosk's view of the queue. Low paper or toner (media-low, toner-low, marker-supply-low) leave it ready
// and show in the detail with the supply levels. A stopped queue with no reason we know is an IoError (a
// technician paused it, or CUPS stopped it after a backend failure); a queue rejecting jobs is not ready
// either.
drivers::DeviceStatus to_device_status(const PrinterSnapshot& printer, std::string_view queue);

// "idle; reasons: toner-low-report; Black toner 5%; 'Ready'": one line for details and logs.
std::string describe(const PrinterSnapshot& printer);

}  // namespace hk::printer::cups::detail
