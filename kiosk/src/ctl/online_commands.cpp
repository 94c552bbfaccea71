#include "online_commands.h"

#include <ctime>
#include <fstream>
#include <iomanip>
#include <iostream>

#include "ops/audit/audit_verification.h"
#include "ops/bundle/support_bundle.h"
#include "ops/control/control_client.h"
#include "ops/control/reply_text.h"
#include "ops/technician/pin_hash.h"
#include "readiness_report.h"

namespace hk::kiosk::ctl {

using nlohmann::json;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitNotWell = 1;
constexpr int kExitUsage = 2;
constexpr int kExitUnreachable = 3;
constexpr int kExitRefused = 4;

struct Common {
    std::string socket;
    bool json = false;
    double timeout_s = 120;
};

void add_common(CLI::App* command, Common& common) {
    command->add_option(
        "--socket", common.socket,
        "the kiosk's control socket (default: $HUKIOSK_CONTROL_SOCKET, /run/hukiosk/control.sock, "
        "./hukiosk-state/control.sock)");
    command->add_flag("--json", common.json, "print the kiosk's answer as JSON");
    command->add_option("--timeout", common.timeout_s, "seconds to wait for the kiosk")
        ->capture_default_str();
}

// The member, or an empty object when absent: iterable in place (a temporary's items() would dangle).
const json& object_member(const json& parent, const char* key) {
    static const json empty = json::object();
    const auto found = parent.find(key);
    return found != parent.end() && found->is_object() ? *found : empty;
}

std::string text_or(const json& value, const char* fallback = "-") {
    if (value.is_null()) return fallback;
    if (value.is_string()) return value.get<std::string>().empty() ? fallback : value.get<std::string>();
    return value.dump();
}

}  // namespace

struct OnlineCommands::Parsed {
    Common common;
    CLI::App* status = nullptr;
    CLI::App* devices = nullptr;
    CLI::App* selftest = nullptr;
    std::string selftest_device;
    CLI::App* test_print = nullptr;
    std::string printer = "both";
    CLI::App* test_scan = nullptr;
    CLI::App* nfc_field_test = nullptr;
    int field_seconds = 10;
    CLI::App* counters = nullptr;
    CLI::App* logs = nullptr;
    std::string since;
    CLI::App* support_bundle = nullptr;
    std::string bundle_dir;
    CLI::App* readiness = nullptr;
    bool print_report = false;
    std::string report_pdf;
    CLI::App* maintenance = nullptr;
    std::string maintenance_state;
    CLI::App* audit = nullptr;
    CLI::App* audit_verify = nullptr;
    std::string audit_file;
    CLI::App* metrics = nullptr;
    CLI::App* hash_pin = nullptr;
    CLI::App* update = nullptr;
    CLI::App* update_status = nullptr;
    CLI::App* update_check = nullptr;
    CLI::App* update_history = nullptr;

    int call(const std::string& command, const json& args, std::ostream& out, std::ostream& err,
             const std::function<int(const json&)>& show) const;
};

OnlineCommands::OnlineCommands(CLI::App& cli) : parsed_(std::make_shared<Parsed>()) {
    Parsed& p = *parsed_;
    p.status = cli.add_subcommand("status", "the running kiosk: in service or not, screen, devices (online)");
    add_common(p.status, p.common);
    p.devices = cli.add_subcommand("devices", "every device's state and last self-test (online)");
    add_common(p.devices, p.common);
    p.selftest = cli.add_subcommand("selftest", "run the self-test of one device or of all (online)");
    p.selftest->add_option(
        "device", p.selftest_device,
        "resident_id_reader, chip_reader, document_scanner, camera, a4_printer, receipt_printer");
    add_common(p.selftest, p.common);
    p.test_print = cli.add_subcommand("test-print", "print a test page and a test receipt (online)");
    p.test_print->add_option("--printer", p.printer, "a4, receipt or both")
        ->check(CLI::IsMember({"a4", "receipt", "both"}))
        ->capture_default_str();
    add_common(p.test_print, p.common);
    p.test_scan =
        cli.add_subcommand("test-scan", "scan what lies on the glass and report its quality (online)");
    add_common(p.test_scan, p.common);
    p.nfc_field_test =
        cli.add_subcommand("nfc-field-test", "wait for a card in the chip reader's field (online)");
    p.nfc_field_test->add_option("--seconds", p.field_seconds, "how long to wait for a card")
        ->check(CLI::Range(1, 60))
        ->capture_default_str();
    add_common(p.nfc_field_test, p.common);
    p.counters =
        cli.add_subcommand("counters", "sessions, certificates, failures, pages ... since install (online)");
    add_common(p.counters, p.common);
    p.logs = cli.add_subcommand("logs", "the kiosk's recent log lines, each with its event id (online)");
    p.logs->add_option("--since", p.since, "10m, 2h, 1d, or a UTC time 2026-11-23T08:00:00");
    add_common(p.logs, p.common);
    p.support_bundle = cli.add_subcommand(
        "support-bundle",
        "write a tar.gz of logs (no personal data), status, config, versions, self-tests (online)");
    p.support_bundle->add_option("--to", p.bundle_dir, "folder to write it in, e.g. a USB stick")->required();
    add_common(p.support_bundle, p.common);
    p.readiness =
        cli.add_subcommand("readiness-report", "every device and counter, as JSON or a PDF (online)");
    p.readiness->add_flag("--print", p.print_report, "print it on the kiosk's A4 printer");
    p.readiness->add_option("--to", p.report_pdf, "also write the PDF to this file");
    add_common(p.readiness, p.common);
    p.maintenance = cli.add_subcommand("maintenance",
                                       "take the kiosk out of service (after the current citizen) "
                                       "or back (online)");
    p.maintenance->add_option("state", p.maintenance_state, "on or off")
        ->required()
        ->check(CLI::IsMember({"on", "off"}));
    add_common(p.maintenance, p.common);
    p.update = cli.add_subcommand("update", "the update agent: signed updates from provincial IT");
    p.update->require_subcommand(1);
    p.update_status = p.update->add_subcommand("status", "what the update agent is doing (online)");
    add_common(p.update_status, p.common);
    p.update_check = p.update->add_subcommand("check", "poll the rollout server now (online)");
    add_common(p.update_check, p.common);
    p.update_history = p.update->add_subcommand("history", "the outcomes of the last updates (online)");
    add_common(p.update_history, p.common);
    p.audit = cli.add_subcommand("audit", "the audit log");
    p.audit->require_subcommand(1);
    p.audit_verify =
        p.audit->add_subcommand("verify", "check the audit log's hash chain (online; offline with --file)");
    p.audit_verify->add_option("--file", p.audit_file,
                               "verify this audit.log here instead of asking the kiosk");
    add_common(p.audit_verify, p.common);
    p.metrics = cli.add_subcommand("metrics", "the kiosk's metrics in Prometheus text format (online)");
    add_common(p.metrics, p.common);
    p.hash_pin = cli.add_subcommand("hash-pin",
                                    "read a technician PIN from standard input and print the pin_hash "
                                    "for the kiosk's config (offline)");
}

int OnlineCommands::Parsed::call(const std::string& command, const json& args, std::ostream& out,
                                 std::ostream& err, const std::function<int(const json&)>& show) const {
    const std::filesystem::path socket =
        common.socket.empty() ? ops::default_control_socket() : std::filesystem::path(common.socket);
    const auto timeout = std::chrono::milliseconds(static_cast<long>(common.timeout_s * 1000));
    const ops::ControlReply reply = ops::call_control(socket, command, args, timeout);
    if (!reply) {
        err << "kioskctl " << command << ": " << reply.error().message << "\n";
        const std::string& code = reply.error().code;
        if (code == ops::kErrorNoKiosk || code == ops::kErrorPermissionDenied ||
            code == ops::kErrorTimedOut || code == ops::kErrorFailed) {
            return code == ops::kErrorFailed && reply.error().message.find("kiosk") == std::string::npos
                       ? kExitRefused
                       : kExitUnreachable;
        }
        return code == ops::kErrorBadRequest || code == ops::kErrorUnknownCommand ? kExitUsage : kExitRefused;
    }
    if (common.json && command != "support-bundle") {
        out << reply->dump() << "\n";
        return show ? show(json{{"__json_only", *reply}}) : kExitOk;
    }
    return show(*reply);
}

namespace {

printer::ReadinessReport report_from_json(const json& answer) {
    printer::ReadinessReport report;
    report.kiosk_id = answer.value("kiosk_id", "");
    report.version = answer.value("version", "");
    report.generated_at = answer.value("generated_at", "");
    report.ready_for_service = answer.value("ready_for_service", false);
    for (const json& d : answer.value("devices", json::array())) {
        printer::ReadinessDevice device{d.value("device", ""),
                                        d.value("state", ""),
                                        d.value("fault_code", ""),
                                        d.value("self_test", ""),
                                        d.value("tested_at", ""),
                                        d.value("summary", ""),
                                        {}};
        for (const auto& [name, value] : object_member(d, "checks").items()) {
            device.checks.emplace_back(name, text_or(value));
        }
        report.devices.push_back(std::move(device));
    }
    for (const auto& [name, value] : object_member(answer, "counters").items()) {
        report.counters.emplace_back(name, value.get<std::int64_t>());
    }
    return report;
}

}  // namespace

std::optional<std::int64_t> parse_since(const std::string& text, std::chrono::system_clock::time_point now) {
    if (text.empty()) return std::nullopt;
    const char unit = text.back();
    if (std::string("smhd").find(unit) != std::string::npos && text.size() > 1) {
        const std::string number = text.substr(0, text.size() - 1);
        if (number.find_first_not_of("0123456789") != std::string::npos || number.size() > 9)
            return std::nullopt;
        const long amount = std::stol(number);
        const long seconds = amount * (unit == 's' ? 1 : unit == 'm' ? 60 : unit == 'h' ? 3600 : 86400);
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   (now - std::chrono::seconds(seconds)).time_since_epoch())
            .count();
    }
    std::tm parts{};
    std::istringstream in(text);
    in >> std::get_time(&parts, "%Y-%m-%dT%H:%M:%S");
    if (in.fail()) return std::nullopt;
    std::string rest;
    in >> rest;
    if (!rest.empty() && rest != "Z") return std::nullopt;
    const std::time_t seconds = ::timegm(&parts);
    return static_cast<std::int64_t>(seconds) * 1000;
}

std::optional<int> OnlineCommands::run(std::istream& in, std::ostream& out, std::ostream& err) {
    const Parsed& p = *parsed_;
    // With --json the answer is already printed; show() then only decides the exit code.
    const auto json_only = [](const json& answer) -> const json* {
        return answer.contains("__json_only") ? &answer.at("__json_only") : nullptr;
    };
    // The answer as the service screen words it too (ops/control/reply_text.h); the exit code says whether
    // all is well.
    const auto as_text = [&out, json_only](std::string command) {
        return [&out, json_only, command = std::move(command)](const json& answer) {
            const json* raw = json_only(answer);
            const ops::ReplyText shown = ops::reply_text(command, raw != nullptr ? *raw : answer);
            if (raw == nullptr) out << shown.text;
            return shown.well ? kExitOk : kExitNotWell;
        };
    };
    if (p.status->parsed()) return p.call("status", json::object(), out, err, as_text("status"));
    if (p.devices->parsed()) return p.call("devices", json::object(), out, err, as_text("devices"));
    if (p.selftest->parsed()) {
        json args = json::object();
        if (!p.selftest_device.empty()) args["device"] = p.selftest_device;
        return p.call("selftest", args, out, err, as_text("selftest"));
    }
    if (p.test_print->parsed())
        return p.call("test-print", json{{"printer", p.printer}}, out, err, as_text("test-print"));
    if (p.test_scan->parsed()) return p.call("test-scan", json::object(), out, err, as_text("test-scan"));
    if (p.nfc_field_test->parsed()) {
        out << (p.common.json ? "" : "hold a card on the chip reader...\n") << std::flush;
        return p.call("nfc-field-test", json{{"seconds", p.field_seconds}}, out, err,
                      as_text("nfc-field-test"));
    }
    if (p.counters->parsed()) return p.call("counters", json::object(), out, err, as_text("counters"));
    if (p.logs->parsed()) {
        json args = json::object();
        if (!p.since.empty()) {
            const auto since = parse_since(p.since, std::chrono::system_clock::now());
            if (!since) {
                err << "kioskctl logs: --since: not 10m, 2h, 1d or 2026-11-23T08:00:00: " << p.since << "\n";
                return kExitUsage;
            }
            args["since_ms"] = *since;
        }
        return p.call("logs", args, out, err, as_text("logs"));
    }
    if (p.support_bundle->parsed()) {
        return p.call("support-bundle", json::object(), out, err, [&](const json& answer) {
            std::vector<ops::BundleEntry> entries;
            for (const json& entry : answer.at("entries")) {
                entries.push_back({entry.value("name", ""), entry.value("content", "")});
            }
            const auto written = ops::write_support_bundle(p.bundle_dir, answer.value("kiosk_id", "kiosk"),
                                                           entries, std::chrono::system_clock::now());
            if (!written) {
                err << "kioskctl support-bundle: " << written.error() << "\n";
                return kExitNotWell;
            }
            if (p.common.json) {
                out << json{{"bundle", written->string()}, {"files", entries.size()}}.dump() << "\n";
            } else {
                out << "support bundle written: " << written->string() << " (" << entries.size()
                    << " files)\n";
            }
            return kExitOk;
        });
    }
    if (p.readiness->parsed()) {
        return p.call("readiness-report", json{{"print", p.print_report}}, out, err, [&](const json& answer) {
            const json& report = json_only(answer) ? *json_only(answer) : answer;
            int code = as_text("readiness-report")(answer);
            if (p.print_report && !report.value("printed", false)) {
                err << "kioskctl readiness-report: not printed: " << report.value("print_fault_code", "")
                    << " " << report.value("print_detail", "") << "\n";
                code = kExitNotWell;
            }
            if (!p.report_pdf.empty()) {
                auto pdf = printer::render_readiness_report_pdf(report_from_json(report));
                std::ofstream file(p.report_pdf, std::ios::binary);
                if (!pdf || !file.write(reinterpret_cast<const char*>(pdf->data()),
                                        static_cast<std::streamsize>(pdf->size()))) {
                    err << "kioskctl readiness-report: cannot write " << p.report_pdf << "\n";
                    return kExitNotWell;
                }
            }
            return code;
        });
    }
    if (p.maintenance->parsed()) {
        return p.call("maintenance", json{{"on", p.maintenance_state == "on"}}, out, err,
                      as_text("maintenance"));
    }
    if (p.audit_verify->parsed()) {
        const auto show = as_text("audit-verify");
        if (p.audit_file.empty()) return p.call("audit-verify", json::object(), out, err, show);
        const ops::AuditVerification verification = ops::verify_audit_log(p.audit_file);
        const json result{{"intact", verification.intact},
                          {"records", verification.records},
                          {"problems", verification.problems}};
        if (p.common.json) {
            out << result.dump() << "\n";
            return show(json{{"__json_only", result}});
        }
        return show(result);
    }
    if (p.metrics->parsed()) return p.call("metrics", json::object(), out, err, as_text("metrics"));
    for (auto [sub, command] :
         {std::pair{p.update_status, "update-status"}, std::pair{p.update_check, "update-check"},
          std::pair{p.update_history, "update-history"}}) {
        if (sub->parsed()) return p.call(command, json::object(), out, err, as_text(command));
    }
    if (p.hash_pin->parsed()) {
        std::string pin;
        std::getline(in, pin);
        if (pin.size() < 4 || pin.find_first_not_of("0123456789") != std::string::npos) {
            err << "kioskctl hash-pin: the PIN must be at least 4 digits, read from standard input\n";
            return kExitUsage;
        }
        out << ops::hash_pin(pin) << "\n";
        std::fill(pin.begin(), pin.end(), '\0');
        return kExitOk;
    }
    return std::nullopt;
}

}  // namespace hk::kiosk::ctl
