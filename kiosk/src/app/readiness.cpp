#include "readiness.h"

#include <sys/utsname.h>

#include <fstream>
#include <map>
#include <sstream>

#include "control_commands.h"
#include "ops/audit/audit_verification.h"
#include "ops/bundle/personal_data_redaction.h"
#include "ops/events/log_event.h"
#include "ops/events/recent_log.h"
#include "readiness_report.h"
#include "technician_checks.h"

namespace hk::kiosk {

using drivers::DeviceKind;
using nlohmann::json;
using ops::ControlReply;
using ops::EventId;
using ops::log_event;

namespace {

std::map<DeviceKind, ops::SelfTestRecord> latest_self_tests(ControlContext& context) {
    std::map<DeviceKind, ops::SelfTestRecord> latest;
    for (ops::SelfTestRecord& record : context.ops.self_tests.latest()) latest.emplace(record.device, record);
    return latest;
}

printer::ReadinessReport build_report(ControlContext& context) {
    const KioskSnapshot now = context.board.read();
    const auto statuses = context.health.last_statuses();
    const auto latest = latest_self_tests(context);
    printer::ReadinessReport report;
    report.kiosk_id = context.config.kiosk_id;
    report.version = kiosk_version();
    report.generated_at = ops::format_log_time(std::chrono::system_clock::now());
    report.ready_for_service = now.in_service;
    for (const DeviceKind kind : drivers::kAllDeviceKinds) {
        const auto index = static_cast<std::size_t>(kind);
        const drivers::DeviceStatus& status = statuses[index];
        printer::ReadinessDevice device;
        device.device = std::string{drivers::to_string(kind)};
        device.state = now.device_ready[index] ? "ready" : "faulted";
        device.fault_code = status.fault ? drivers::fault_code(kind, *status.fault) : "";
        device.summary = status.detail;
        if (const auto found = latest.find(kind); found != latest.end()) {
            const ops::SelfTestRecord& record = found->second;
            device.self_test = record.result.passed ? "passed" : "FAILED";
            device.tested_at = ops::format_log_time(record.when);
            if (!record.result.summary.empty()) device.summary = record.result.summary;
            if (device.fault_code.empty()) device.fault_code = record.fault_code;
            device.checks = record.result.checks;
            report.ready_for_service = report.ready_for_service && record.result.passed;
        } else {
            device.self_test = "not run";
        }
        report.ready_for_service = report.ready_for_service && now.device_ready[index];
        report.devices.push_back(std::move(device));
    }
    for (const ops::CounterValue& counter : context.ops.counters.snapshot()) {
        std::string name = counter.name;
        if (!counter.labels.empty()) {
            name += '{';
            for (std::size_t i = 0; i < counter.labels.size(); ++i) {
                name += (i == 0 ? "" : ",") + counter.labels[i].first + "=" + counter.labels[i].second;
            }
            name += '}';
        }
        report.counters.emplace_back(std::move(name), counter.value);
    }
    return report;
}

json report_json(const printer::ReadinessReport& report) {
    json devices = json::array();
    for (const printer::ReadinessDevice& device : report.devices) {
        json checks = json::object();
        for (const auto& [name, value] : device.checks) checks[name] = value;
        devices.push_back({{"device", device.device},
                           {"state", device.state},
                           {"fault_code", device.fault_code},
                           {"self_test", device.self_test},
                           {"tested_at", device.tested_at},
                           {"summary", device.summary},
                           {"checks", checks}});
    }
    json counters = json::object();
    for (const auto& [name, value] : report.counters) counters[name] = value;
    return json{{"kiosk_id", report.kiosk_id},
                {"version", report.version},
                {"generated_at", report.generated_at},
                {"ready_for_service", report.ready_for_service},
                {"devices", devices},
                {"counters", counters}};
}

// The config as a technician may see it: which backends and endpoints, never keys, passwords or PIN hashes.
json config_summary(const KioskConfig& config) {
    return json{
        {"kiosk_id", config.kiosk_id},
        {"resident_id_reader", config.resident_id_reader.backend},
        {"chip_reader", config.chip_reader.backend},
        {"chip_trust_store", config.chip_reader.trust_store.string()},
        {"scanner", config.scanner.backend},
        {"camera", config.camera.backend},
        {"a4_printer", config.a4_printer.backend},
        {"a4_queue", config.a4_printer.cups.queue},
        {"receipt_printer", config.receipt_printer.backend},
        {"central_url", config.central.url.empty() ? "simulated" : config.central.url},
        {"metrics_listen", config.metrics.listen},
        {"heartbeat_broker", config.heartbeat.host.empty()
                                 ? std::string("off")
                                 : config.heartbeat.host + ":" + std::to_string(config.heartbeat.port)},
        {"heartbeat_tls", !config.heartbeat.ca_file.empty()},
        {"health_grace_s", config.health.grace_s},
        {"health_failures_to_fault", config.health.failures_to_fault},
        {"watchdog_stall_s", config.watchdog_stall_s},
        {"technician_cards", config.technicians.size()}};
}

std::string file_text(const char* path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string versions_text() {
    std::string text = "hukiosk " + kiosk_version() + "\n";
    utsname host{};
    if (::uname(&host) == 0) {
        text += std::string("kernel ") + host.sysname + " " + host.release + " " + host.machine + "\n";
    }
    text += "\n/etc/os-release:\n" + file_text("/etc/os-release");
    return text;
}

}  // namespace

ControlReply readiness_report(ControlContext& context, bool print) {
    const printer::ReadinessReport report = build_report(context);
    json result = report_json(report);
    if (!print) return result;
    auto pdf = printer::render_readiness_report_pdf(report);
    if (!pdf) return ops::refuse(ops::kErrorFailed, "report not rendered: " + pdf.error());
    auto printed = print_on_a4(context, "readiness report", std::move(*pdf));
    if (!printed) return ops::refuse(ops::kErrorBusy, printed.error());
    const std::optional<drivers::DeviceFault>& fault = *printed;
    result["printed"] = !fault.has_value();
    if (fault) {
        result["print_fault_code"] = drivers::fault_code(*fault);
        result["print_detail"] = fault->detail;
    }
    return result;
}

ControlReply support_bundle_entries(ControlContext& context) {
    std::vector<std::pair<std::string, std::string>> files;
    const auto add_json = [&files](std::string name, const ControlReply& reply) {
        files.emplace_back(std::move(name), reply ? reply->dump(2) : "error: " + reply.error().message);
    };
    add_json("status.json", handle_control(context, {"status", json::object(), -1, -1, {}}));
    add_json("devices.json", handle_control(context, {"devices", json::object(), -1, -1, {}}));
    add_json("counters.json", handle_control(context, {"counters", json::object(), -1, -1, {}}));
    json history = json::array();
    for (const ops::SelfTestRecord& record : context.ops.self_tests.history(500))
        history.push_back(self_test_json(record));
    files.emplace_back("selftests.json", history.dump(2));
    files.emplace_back("readiness.json", report_json(build_report(context)).dump(2));
    const auto records = ops::recent_log_records();
    files.emplace_back("logs/recent.txt", ops::render_log_text(records));
    files.emplace_back("logs/recent.json", ops::render_log_json(records).dump(1));
    files.emplace_back("config.json", config_summary(context.config).dump(2));
    files.emplace_back("versions.txt", versions_text());
    const ops::AuditVerification audit = ops::verify_audit_log(context.ops.audit_file);
    files.emplace_back(
        "audit-verification.json",
        json{{"intact", audit.intact}, {"records", audit.records}, {"problems", audit.problems}}.dump(2));
    files.emplace_back("metrics.txt", context.ops.metrics.prometheus_text());
    // The logs hold no personal data by rule; this pass is the last line of defence should one slip in.
    std::size_t redacted = 0;
    json entries = json::array();
    for (auto& [name, content] : files) {
        redacted += ops::redact_personal_data(content, {});
        entries.push_back({{"name", name}, {"content", content}});
    }
    log_event(EventId::SupportBundleWritten, "support bundle contents handed out ({} files, {} redactions)",
              entries.size(), redacted);
    return json{{"kiosk_id", context.config.kiosk_id}, {"entries", entries}, {"redactions", redacted}};
}

}  // namespace hk::kiosk
