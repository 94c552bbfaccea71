#include "printer_state_reasons.h"

#include <algorithm>
#include <array>
#include <utility>

namespace hk::printer::cups::detail {

namespace {

using drivers::FaultKind;

struct PrefixFault {
    std::string_view prefix;
    FaultKind kind;
};

// Ordered by what a technician must fix first; worst_fault() picks the earliest entry that matches.
constexpr std::array kFaults = {
    // The device behind the queue is not there: cable, power, network.
    PrefixFault{"offline", FaultKind::Unplugged},
    PrefixFault{"connecting-to-device", FaultKind::Unplugged},
    PrefixFault{"shutdown", FaultKind::Unplugged},
    PrefixFault{"timed-out", FaultKind::Unplugged},
    PrefixFault{"cover-open", FaultKind::CoverOpen},
    PrefixFault{"door-open", FaultKind::CoverOpen},
    PrefixFault{"interlock-open", FaultKind::CoverOpen},
    PrefixFault{"media-jam", FaultKind::PaperJam},
    PrefixFault{"media-empty", FaultKind::PaperOut},
    PrefixFault{"media-needed", FaultKind::PaperOut},
    // No fault kind says "toner out"; it stops printing all the same.
    PrefixFault{"toner-empty", FaultKind::IoError},
    PrefixFault{"marker-supply-empty", FaultKind::IoError},
};

constexpr std::array<std::pair<std::string_view, Severity>, 3> kSuffixes = {{
    {"-report", Severity::Report},
    {"-warning", Severity::Warning},
    {"-error", Severity::Error},
}};

std::string_view state_name(PrinterState state) {
    switch (state) {
        case PrinterState::Idle:
            return "idle";
        case PrinterState::Processing:
            return "processing";
        case PrinterState::Stopped:
            return "stopped";
    }
    return "unknown";
}

// "none" and CUPS' own bookkeeping ("cups-waiting-for-job-completed") say nothing about the device.
bool worth_telling(std::string_view reason) {
    return reason != "none" && !reason.starts_with("cups-");
}

}  // namespace

std::string_view to_string(JobState state) {
    switch (state) {
        case JobState::Pending:
            return "pending";
        case JobState::Held:
            return "pending-held";
        case JobState::Processing:
            return "processing";
        case JobState::Stopped:
            return "processing-stopped";
        case JobState::Canceled:
            return "canceled";
        case JobState::Aborted:
            return "aborted";
        case JobState::Completed:
            return "completed";
    }
    return "unknown";
}

Severity severity_of(std::string_view reason) {
    for (const auto& [suffix, severity] : kSuffixes) {
        if (reason.ends_with(suffix)) return severity;
    }
    return Severity::Error;
}

std::string_view keyword_of(std::string_view reason) {
    for (const auto& [suffix, severity] : kSuffixes) {
        if (reason.ends_with(suffix)) return reason.substr(0, reason.size() - suffix.size());
    }
    return reason;
}

std::optional<FaultKind> fault_of(std::string_view reason) {
    const std::string_view keyword = keyword_of(reason);
    for (const PrefixFault& fault : kFaults) {
        if (keyword.starts_with(fault.prefix)) return fault.kind;
    }
    return std::nullopt;
}

std::optional<ReasonFault> worst_fault(const std::vector<std::string>& reasons, Severity min_severity) {
    std::optional<ReasonFault> worst;
    std::size_t worst_rank = kFaults.size();
    for (const std::string& reason : reasons) {
        if (severity_of(reason) < min_severity) continue;
        const std::string_view keyword = keyword_of(reason);
        for (std::size_t rank = 0; rank < worst_rank; ++rank) {
            if (keyword.starts_with(kFaults[rank].prefix)) {
                worst = ReasonFault{kFaults[rank].kind, reason};
                worst_rank = rank;
                break;
            }
        }
    }
    return worst;
}

std::string describe(const PrinterSnapshot& printer) {
    std::string text(state_name(printer.state));
    std::string reasons;
    for (const std::string& reason : printer.reasons) {
        if (!worth_telling(reason)) continue;
        reasons += (reasons.empty() ? "" : ",") + reason;
    }
    if (!reasons.empty()) text += "; reasons: " + reasons;
    if (!printer.accepting_jobs) text += "; rejecting jobs";
    for (const Marker& marker : printer.markers) {
        // Only known levels: "unknown" and "some remains" tell a technician nothing.
        if (marker.level < 0) continue;
        text += "; " + marker.name + (marker.type.empty() ? "" : " (" + marker.type + ")") + " " +
                std::to_string(marker.level) + "%";
    }
    if (!printer.message.empty()) text += "; '" + printer.message + "'";
    return text;
}

drivers::DeviceStatus to_device_status(const PrinterSnapshot& printer, std::string_view queue) {
    drivers::DeviceStatus status;
    status.detail = "queue " + std::string(queue) + ": " + describe(printer);
    if (const auto fault = worst_fault(printer.reasons)) {
        status.fault = fault->kind;
    } else if (printer.state == PrinterState::Stopped || !printer.accepting_jobs) {
        status.fault = FaultKind::IoError;
    }
    status.ready = !status.fault;
    // CUPS passes on no paper level (printer-input-tray stays with the device); an empty tray is the one
    // level the reasons tell for sure. marker-levels are toner and ink, not paper: they go to the detail
    // only.
    if (status.fault == FaultKind::PaperOut) status.media_level_percent = 0;
    return status;
}

}  // namespace hk::printer::cups::detail
