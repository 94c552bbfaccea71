#include <array>
#include <string>

#include "kiosk/session/commands.h"
#include "kiosk/session/events.h"

namespace hk::kiosk {

std::string_view event_name(const Event& event) {
    static constexpr std::array<std::string_view, std::variant_size_v<Event>> kNames = {
        "ClockTick",
        "UserAction",
        "ResidentIdCardRead",
        "MrzRead",
        "ChipRead",
        "PageScanned",
        "DeviceFailed",
        "PrintFinished",
        "DeviceHealthChanged",
        "EligibilityChecked",
        "CertificateIssued",
        "ApplicationFiled",
        "StatusAnswered",
        "HandlingPointsAnswered",
        "KeptCertificateFound",
        "CentralFailed",
        "MaintenanceRequested",
        "TechnicianCardSeen",
        "TechnicianPinChecked",
        "ServiceFunctionDone",
        "OpeningHoursChanged",
        "PageRead",
        "ScanPreview"};
    return kNames.at(event.index());
}

std::string_view command_name(const Command& command) {
    static constexpr std::array<std::string_view, std::variant_size_v<Command>> kNames = {
        "ReadResidentIdCard",
        "ReadMrz",
        "ReadChip",
        "ScanPage",
        "CancelReads",
        "CheckEligibility",
        "IssueCertificate",
        "FileApplication",
        "QueryApplicationStatus",
        "QueryHandlingPoints",
        "FindKeptCertificate",
        "PrintCertificate",
        "PrintReceipt",
        "KeepForReprint",
        "RecordUnclaimedApplication",
        "BeginSession",
        "WipePersonalData",
        "WatchForTechnicianCard",
        "CheckTechnicianPin",
        "RunServiceFunction",
        "ServiceModeClosed"};
    return kNames.at(command.index());
}

namespace {

std::string_view verdict_name(Verdict verdict) {
    switch (verdict) {
        case Verdict::Eligible:
            return "eligible";
        case Verdict::PaperRecordsOnly:
            return "paper_records_only";
        case Verdict::NoRecord:
            return "no_record";
        case Verdict::NotEligible:
            return "not_eligible";
    }
    return "?";
}

// Keypad digits may be a tracking number: log that a digit was typed, not which.
std::string safe_action(const std::string& action) {
    if (action.starts_with("digit:")) return "digit:*";
    return action;
}

std::string_view pin_verdict_name(PinVerdict verdict) {
    switch (verdict) {
        case PinVerdict::Accepted:
            return "accepted";
        case PinVerdict::Wrong:
            return "wrong";
        case PinVerdict::RateLimited:
            return "rate_limited";
        case PinVerdict::LockedOut:
            return "locked_out";
    }
    return "?";
}

}  // namespace

std::string technician_card_ref(std::string_view card_id) {
    // Enough for a technician to tell their cards apart in a log; not enough to clone one from it.
    return "card …" + std::string(card_id.substr(card_id.size() > 4 ? card_id.size() - 4 : 0));
}

// Only ids, codes and verdicts: names, numbers, MRZ lines and card contents never reach a log line.
std::string describe_for_log(const Event& event) {
    std::string text(event_name(event));
    auto add = [&text](std::string_view key, const std::string& value) {
        text += ' ';
        text += key;
        text += '=';
        text += value;
    };
    std::visit(
        [&](const auto& e) {
            using E = std::decay_t<decltype(e)>;
            if constexpr (requires { e.request; }) add("request", std::to_string(e.request));
            if constexpr (std::is_same_v<E, ClockTick>) add("now_ms", std::to_string(e.now.count()));
            if constexpr (std::is_same_v<E, UserAction>) add("action", safe_action(e.action));
            if constexpr (std::is_same_v<E, MrzRead>) add("lines", std::to_string(e.lines.size()));
            if constexpr (std::is_same_v<E, PageScanned>) {
                add("page", std::to_string(e.page_id));
                if (e.hint) add("hint", *e.hint);
            }
            if constexpr (std::is_same_v<E, ScanPreview>) {
                std::string hints;
                for (const std::string& hint : e.hints) hints += (hints.empty() ? "" : ",") + hint;
                add("hints", hints.empty() ? std::string("none") : hints);
            }
            if constexpr (std::is_same_v<E, PageRead>) {
                // The document's type and how many fields: never their values.
                add("page", std::to_string(e.page_id));
                add("document", e.document ? e.document->type : std::string("none"));
                if (e.document) add("fields", std::to_string(e.document->fields.size()));
            }
            if constexpr (std::is_same_v<E, DeviceFailed>) add("fault", drivers::fault_code(e.fault));
            if constexpr (std::is_same_v<E, PrintFinished>)
                add("printer", std::string(drivers::to_string(e.printer)));
            if constexpr (std::is_same_v<E, DeviceHealthChanged>) {
                add("device", std::string(drivers::to_string(e.device)));
                add("ready", e.ready ? "yes" : "no");
            }
            if constexpr (std::is_same_v<E, EligibilityChecked>)
                add("verdict", std::string(verdict_name(e.answer.verdict)));
            if constexpr (std::is_same_v<E, CertificateIssued>) add("serial", e.certificate.serial);
            if constexpr (std::is_same_v<E, ApplicationFiled>) add("tracking", e.receipt.tracking_number);
            if constexpr (std::is_same_v<E, StatusAnswered>) add("state", e.status.state);
            if constexpr (std::is_same_v<E, HandlingPointsAnswered>)
                add("points", std::to_string(e.points.size()));
            if constexpr (std::is_same_v<E, CentralFailed>) add("fault", fault_code(e.error));
            if constexpr (std::is_same_v<E, KeptCertificateFound>) add("found", e.certificate ? "yes" : "no");
            if constexpr (std::is_same_v<E, MaintenanceRequested>) add("on", e.on ? "yes" : "no");
            if constexpr (std::is_same_v<E, TechnicianCardSeen>) add("card", technician_card_ref(e.card_id));
            if constexpr (std::is_same_v<E, TechnicianPinChecked>)
                add("verdict", std::string(pin_verdict_name(e.verdict)));
            if constexpr (std::is_same_v<E, ServiceFunctionDone>) add("well", e.well ? "yes" : "no");
            if constexpr (std::is_same_v<E, OpeningHoursChanged>) add("open", e.open ? "yes" : "no");
        },
        event);
    return text;
}

}  // namespace hk::kiosk
