#include "control_commands.h"

#include <future>
#include <map>

#include "ops/audit/audit_verification.h"
#include "ops/events/log_event.h"
#include "ops/events/recent_log.h"
#include "ops/selftest/run_self_test.h"
#include "readiness.h"
#include "technician_checks.h"
#include "update_commands.h"

namespace hk::kiosk {

using drivers::DeviceKind;
using nlohmann::json;
using ops::AuditRole;
using ops::ControlError;
using ops::ControlReply;
using ops::ControlRequest;
using ops::EventId;
using ops::log_event;
using ops::refuse;

namespace {

std::string who(const ControlRequest& request) {
    if (!request.caller.empty()) return request.caller;
    return request.peer_uid >= 0 ? "uid " + std::to_string(request.peer_uid) : "unknown caller";
}

// Device work waits for a quiet kiosk: a technician never takes a device from under a citizen.
std::optional<ControlError> busy_with_citizen(const ControlContext& context) {
    const KioskSnapshot now = context.board.read();
    if (!now.session_active) return std::nullopt;
    return ControlError{std::string{ops::kErrorBusy},
                        "a citizen is being served (screen " + now.screen +
                            "); try again when the kiosk is idle, or run `kioskctl maintenance on` first"};
}

std::vector<DeviceKind> devices_named(const json& args, std::string& error) {
    if (!args.contains("device") || args.at("device").is_null()) {
        return {std::begin(drivers::kAllDeviceKinds), std::end(drivers::kAllDeviceKinds)};
    }
    const std::string name = args.at("device").is_string() ? args.at("device").get<std::string>() : "";
    if (const auto kind = drivers::device_kind_from_string(name)) return {*kind};
    error = "no device named '" + name +
            "'; devices: resident_id_reader, chip_reader, document_scanner, camera, "
            "a4_printer, receipt_printer";
    return {};
}

ControlReply status(ControlContext& context) {
    const KioskSnapshot now = context.board.read();
    const auto statuses = context.health.last_statuses();
    json devices = json::array();
    for (const DeviceKind kind : drivers::kAllDeviceKinds) {
        devices.push_back(device_status_json(kind, statuses[static_cast<std::size_t>(kind)],
                                             now.device_ready[static_cast<std::size_t>(kind)]));
    }
    const auto uptime =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - context.started);
    return json{{"kiosk_id", context.config.kiosk_id},
                {"version", kiosk_version()},
                {"screen", now.screen},
                {"in_service", now.in_service},
                {"session_active", now.session_active},
                {"maintenance", now.maintenance_requested},
                {"closed_until", now.closed_until.empty() ? json() : json(now.closed_until)},
                {"sessions_since_start", now.sessions_since_start},
                {"uptime_s", uptime.count()},
                {"audit_records", context.ops.audit.records()},
                {"devices", devices}};
}

ControlReply devices(ControlContext& context) {
    const KioskSnapshot now = context.board.read();
    const auto statuses = context.health.last_statuses();
    std::map<DeviceKind, ops::SelfTestRecord> latest;
    for (ops::SelfTestRecord& record : context.ops.self_tests.latest()) latest.emplace(record.device, record);
    json list = json::array();
    for (const DeviceKind kind : drivers::kAllDeviceKinds) {
        json entry = device_status_json(kind, statuses[static_cast<std::size_t>(kind)],
                                        now.device_ready[static_cast<std::size_t>(kind)]);
        const auto found = latest.find(kind);
        entry["last_self_test"] = found == latest.end() ? json() : self_test_json(found->second);
        list.push_back(std::move(entry));
    }
    return list;
}

ControlReply self_test(ControlContext& context, const ControlRequest& request) {
    std::string error;
    const std::vector<DeviceKind> kinds = devices_named(request.args, error);
    if (kinds.empty()) return refuse(ops::kErrorBadRequest, error);
    if (auto busy = busy_with_citizen(context)) return std::unexpected(*busy);
    json results = json::array();
    bool all_passed = true;
    for (const DeviceKind kind : kinds) {
        auto record = run_self_test_on_worker(context, kind);
        if (!record) return refuse(ops::kErrorBusy, record.error());
        all_passed = all_passed && record->result.passed;
        context.ops.audit_event(
            AuditRole::Technician, "self_test", record->result.passed ? "passed" : "failed", {},
            std::string{drivers::to_string(kind)} + " " + record->fault_code + " by " + who(request));
        results.push_back(self_test_json(*record));
    }
    return json{{"passed", all_passed}, {"results", results}};
}

ControlReply counters(ControlContext& context) {
    json list = json::array();
    for (const ops::CounterValue& counter : context.ops.counters.snapshot()) {
        json labels = json::object();
        for (const auto& [name, value] : counter.labels) labels[name] = value;
        list.push_back({{"name", counter.name}, {"labels", labels}, {"value", counter.value}});
    }
    return list;
}

ControlReply logs(const ControlRequest& request) {
    std::optional<std::chrono::system_clock::time_point> since;
    if (request.args.contains("since_ms")) {
        if (!request.args.at("since_ms").is_number_integer())
            return refuse(ops::kErrorBadRequest, "since_ms");
        since = std::chrono::system_clock::time_point(
            std::chrono::milliseconds(request.args.at("since_ms").get<std::int64_t>()));
    }
    const auto records = ops::recent_log_records(since);
    return ops::render_log_json(records);
}

ControlReply maintenance(ControlContext& context, const ControlRequest& request) {
    if (!request.args.contains("on") || !request.args.at("on").is_boolean()) {
        return refuse(ops::kErrorBadRequest, "maintenance needs on: true or false");
    }
    const bool on = request.args.at("on").get<bool>();
    context.events.push(MaintenanceRequested{on});
    const KioskSnapshot now = context.board.read();
    log_event(EventId::MaintenanceRequested, "maintenance {} asked by {}", on ? "on" : "off", who(request));
    context.ops.audit_event(AuditRole::Technician, on ? "maintenance_on" : "maintenance_off", "requested", {},
                            "by " + who(request));
    std::string note;
    if (on) {
        note = now.session_active ? "the kiosk finishes the current citizen first, then shows out of service"
                                  : "the kiosk shows out of service now";
    } else {
        note = "the kiosk returns to service when its devices allow";
    }
    return json{{"maintenance", on}, {"session_active", now.session_active}, {"note", note}};
}

ControlReply audit_verify(ControlContext& context, const ControlRequest& request) {
    const ops::AuditVerification verification = ops::verify_audit_log(context.ops.audit_file);
    if (verification.intact) {
        log_event(EventId::AuditVerified, "audit log intact: {} records", verification.records);
    } else {
        log_event(EventId::AuditTamperingDetected, "audit log NOT intact: {} problems, first: {}",
                  verification.problems.size(), verification.problems.front());
    }
    context.ops.audit_event(AuditRole::Technician, "audit_verified",
                            verification.intact ? "intact" : "broken", {}, "by " + who(request));
    return json{{"intact", verification.intact},
                {"records", verification.records},
                {"problems", verification.problems},
                {"file", context.ops.audit_file.string()}};
}

}  // namespace

ControlReply handle_control(ControlContext& context, const ControlRequest& request) {
    const std::string& command = request.command;
    // Reads are not worth an audit record; what changes or exercises the kiosk is.
    log_event(EventId::ControlCommand, "{} from {}", command, who(request));
    if (command == "status") return status(context);
    if (command == "devices") return devices(context);
    if (command == "selftest") return self_test(context, request);
    if (command == "counters") return counters(context);
    if (command == "logs") return logs(request);
    if (command == "maintenance") return maintenance(context, request);
    if (command == "audit-verify") return audit_verify(context, request);
    if (command == "update-status" || command == "update-check" || command == "update-history") {
        if (command == "update-check") {
            context.ops.audit_event(AuditRole::Technician, "update_check", "requested", {},
                                    "by " + who(request));
        }
        return update_command(context.updates, command);
    }
    if (command == "metrics") return json{{"text", context.ops.metrics.prometheus_text()}};
    if (command == "test-print" || command == "test-scan" || command == "nfc-field-test") {
        if (auto busy = busy_with_citizen(context)) return std::unexpected(*busy);
        context.ops.audit_event(AuditRole::Technician,
                                command == "test-print"  ? "test_print"
                                : command == "test-scan" ? "test_scan"
                                                         : "nfc_field_test",
                                "requested", {}, "by " + who(request));
        if (command == "test-print") return test_print(context, request.args);
        if (command == "test-scan") return test_scan(context);
        return nfc_field_test(context, request.args);
    }
    if (command == "readiness-report") {
        const bool print = request.args.value("print", false);
        if (print) {
            if (auto busy = busy_with_citizen(context)) return std::unexpected(*busy);
        }
        return readiness_report(context, print);
    }
    if (command == "support-bundle") {
        context.ops.audit_event(AuditRole::Technician, "support_bundle", "requested", {},
                                "by " + who(request));
        return support_bundle_entries(context);
    }
    log_event(EventId::ControlRefused, "unknown command {} from {}", command, who(request));
    return refuse(ops::kErrorUnknownCommand, "the kiosk knows no command '" + command +
                                                 "' (kioskctl newer than "
                                                 "the kiosk?)");
}

}  // namespace hk::kiosk
