#include "service_desk.h"

#include <algorithm>
#include <cctype>

#include "ops/bundle/support_bundle.h"
#include "ops/control/reply_text.h"
#include "ops/events/log_event.h"

namespace hk::kiosk {

using nlohmann::json;
using ops::AuditRole;
using ops::EventId;
using ops::log_event;

namespace {

std::vector<ops::TechnicianCredential> credentials_of(const KioskConfig& config) {
    std::vector<ops::TechnicianCredential> credentials;
    for (const KioskConfig::Technician& technician : config.technicians) {
        credentials.push_back({normalised_card_id(technician.card), technician.pin_hash});
    }
    return credentials;
}

PinVerdict verdict_of(ops::PinOutcome outcome) {
    switch (outcome) {
        case ops::PinOutcome::Accepted:
            return PinVerdict::Accepted;
        case ops::PinOutcome::RateLimited:
            return PinVerdict::RateLimited;
        case ops::PinOutcome::LockedOut:
            return PinVerdict::LockedOut;
        case ops::PinOutcome::Wrong:
        case ops::PinOutcome::UnknownCard:
            break;
    }
    return PinVerdict::Wrong;
}

// The control command and arguments of a service-menu function (kiosk/session/service_functions.h).
ops::ControlRequest request_for(std::string_view function) {
    ops::ControlRequest request;
    request.command = std::string(function);
    if (function == "maintenance-on" || function == "maintenance-off") {
        request.command = "maintenance";
        request.args = json{{"on", function == "maintenance-on"}};
    } else if (function == "readiness-report") {
        request.args = json{{"print", true}};
    } else if (function == "test-print") {
        request.args = json{{"printer", "both"}};
    } else if (function == "nfc-field-test") {
        request.args = json{{"seconds", 15}};
    }
    return request;
}

}  // namespace

std::string normalised_card_id(std::string_view card_id) {
    std::string id;
    for (const char c : card_id) {
        if (c == ' ' || c == ':' || c == '-') continue;
        id.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    return id;
}

ServiceDesk::ServiceDesk(ControlContext& control, std::filesystem::path bundle_dir, ops::GatePolicy policy)
    : control_(control), bundle_dir_(std::move(bundle_dir)), gate_(credentials_of(control.config), policy) {
    for (const KioskConfig::Technician& technician : control.config.technicians)
        cards_.push_back(normalised_card_id(technician.card));
}

ServiceModeHooks ServiceDesk::hooks() {
    // The chip worker may look at a card after the desk is gone (at shutdown): it gets its own copy of the
    // list.
    return {[cards = cards_](std::string_view card) {
                return std::find(cards.begin(), cards.end(), normalised_card_id(card)) != cards.end();
            },
            [this](CheckTechnicianPin c) {
                worker_.post(
                    [this, c = std::move(c)](const std::stop_token&) { control_.events.push(check_pin(c)); });
            },
            [this](RunServiceFunction c) {
                worker_.post([this, c = std::move(c)](const std::stop_token&) {
                    control_.events.push(run_function(c));
                });
            },
            [this](const ServiceModeClosed& c) { closed(c); }};
}

TechnicianPinChecked ServiceDesk::check_pin(const CheckTechnicianPin& command) {
    const std::string card = technician_card_ref(command.card_id);
    const ops::PinResult result = gate_.try_pin(normalised_card_id(command.card_id), command.pin.reveal(),
                                                std::chrono::steady_clock::now());
    const std::string outcome{ops::to_string(result.outcome)};
    switch (result.outcome) {
        case ops::PinOutcome::Accepted:
            log_event(EventId::TechnicianLoginAccepted, "{} signed in at the screen", card);
            break;
        case ops::PinOutcome::LockedOut:
            log_event(EventId::TechnicianLockedOut, "{} locked out for {} s", card,
                      result.retry_after.count());
            break;
        default:
            log_event(EventId::TechnicianLoginRefused, "{} at the screen: PIN {}, {} tries left", card,
                      outcome, result.attempts_left);
            break;
    }
    control_.ops.audit_event(AuditRole::Technician, "service_login", outcome, {}, card + " at the screen");
    return {command.request, verdict_of(result.outcome), result.attempts_left,
            static_cast<int>(result.retry_after.count())};
}

ServiceFunctionDone ServiceDesk::run_function(const RunServiceFunction& command) {
    ops::ControlRequest request = request_for(command.function);
    request.caller = technician_card_ref(command.card_id) + " at the screen";
    const ops::ControlReply reply = handle_control(control_, request);
    ServiceFunctionDone done{command.request, true, {}};
    if (!reply) {
        done.well = false;
        done.text = "refused (" + reply.error().code + "): " + reply.error().message + "\n";
    } else if (request.command == "support-bundle") {
        std::vector<ops::BundleEntry> entries;
        for (const json& entry : reply->value("entries", json::array())) {
            entries.push_back({entry.value("name", ""), entry.value("content", "")});
        }
        const auto written = ops::write_support_bundle(bundle_dir_, control_.config.kiosk_id, entries,
                                                       std::chrono::system_clock::now());
        done.well = written.has_value();
        done.text = written ? "support bundle written: " + written->string() + " (" +
                                  std::to_string(entries.size()) + " files)\n"
                            : "support bundle NOT written: " + written.error() + "\n";
    } else {
        const ops::ReplyText shown = ops::reply_text(request.command, *reply);
        done.well = shown.well;
        done.text = shown.text;
    }
    log_event(EventId::ServiceFunctionRun, done.well ? ops::Disposition::Success : ops::Disposition::Failure,
              "{} ran {} at the screen: {}", technician_card_ref(command.card_id), command.function,
              done.well ? "all well" : "something is wrong");
    return done;
}

void ServiceDesk::closed(const ServiceModeClosed& command) {
    const std::string card = technician_card_ref(command.card_id);
    log_event(EventId::ServiceModeLeft, "{} service mode ended ({}){}", card, command.reason,
              command.signed_in ? "" : " before the PIN was accepted");
    control_.ops.audit_event(AuditRole::Technician, "service_mode_left", command.reason, {},
                             card + " at the screen");
}

}  // namespace hk::kiosk
