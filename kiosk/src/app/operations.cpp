#include "operations.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string_view>

#include "ops/events/log_event.h"
#include "ops/events/recent_log.h"
#include "ops/metrics/metric_names.h"

namespace hk::kiosk {

using ops::EventId;
using ops::log_event;

// On the appliance the version is the image's: build-image.sh writes it into the read-only root and the
// update bundles made from that root carry the same number, so the update agent compares like with like. A
// kiosk run from a build folder reports the program's own.
std::string kiosk_version() {
    static const std::string version = [] {
        std::ifstream file("/etc/hukiosk/version");
        std::string line;
        const auto version_char = [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) != 0 || std::string_view("._+~-").contains(c);
        };
        if (std::getline(file, line) && !line.empty() && line.size() <= 64 &&
            std::ranges::all_of(line, version_char)) {
            return line;
        }
        return std::string{HUKIOSK_VERSION};
    }();
    return version;
}

Operations::Operations(std::filesystem::path state, std::filesystem::path audit_path,
                       ops::Counters counters_in, ops::AuditLog audit_in, ops::SubjectHasher subjects_in,
                       ops::SelfTestStore self_tests_in)
    : state_dir(std::move(state)),
      audit_file(std::move(audit_path)),
      counters(std::move(counters_in)),
      metrics(counters),
      audit(std::move(audit_in)),
      subjects(std::move(subjects_in)),
      self_tests(std::move(self_tests_in)) {}

void Operations::audit_event(ops::AuditRole role, std::string event, std::string outcome, std::string subject,
                             std::string detail) {
    const ops::AuditEntry entry{role, std::move(event), std::move(outcome), std::move(subject),
                                std::move(detail)};
    if (auto appended = audit.append(entry, std::chrono::system_clock::now()); !appended) {
        log_event(EventId::AuditAppendFailed, "audit record {} not written: {}", entry.event,
                  appended.error());
    }
}

std::string heartbeat_payload(const KioskConfig& config, const KioskSnapshot& snapshot,
                              const Operations& ops) {
    nlohmann::json devices = nlohmann::json::object();
    for (const drivers::DeviceKind kind : drivers::kAllDeviceKinds) {
        devices[std::string{drivers::to_string(kind)}] =
            snapshot.device_ready[static_cast<std::size_t>(kind)];
    }
    std::int64_t certificates = 0;
    std::int64_t applications = 0;
    std::int64_t failures = 0;
    for (const ops::CounterValue& counter : ops.counters.snapshot()) {
        if (counter.name == ops::metric_names::kCertificatesTotal) certificates += counter.value;
        if (counter.name == ops::metric_names::kApplicationsTotal) applications += counter.value;
        if (counter.name == ops::metric_names::kFailuresTotal) failures += counter.value;
    }
    const nlohmann::json payload{
        {"kiosk_id", config.kiosk_id},
        {"version", kiosk_version()},
        {"time", ops::format_log_time(std::chrono::system_clock::now())},
        {"in_service", snapshot.in_service},
        {"screen", snapshot.screen},
        {"session_active", snapshot.session_active},
        {"maintenance", snapshot.maintenance_requested},
        {"devices", devices},
        {"counters",
         {{"sessions", ops.counters.value(ops::metric_names::kSessionsTotal)},
          {"certificates", certificates},
          {"applications", applications},
          {"failures", failures}}},
        {"audit", {{"records", ops.audit.records()}, {"last_hash", ops.audit.last_hash()}}},
    };
    return payload.dump();
}

std::expected<std::unique_ptr<ops::MqttHeartbeat>, std::string> start_heartbeat(const KioskConfig& config,
                                                                                const SnapshotBoard& board,
                                                                                Operations& ops) {
    if (config.heartbeat.host.empty()) return nullptr;
    ops::MqttOptions options;
    options.host = config.heartbeat.host;
    options.port = config.heartbeat.port;
    options.kiosk_id = config.kiosk_id;
    options.topic_prefix = config.heartbeat.topic_prefix;
    options.ca_file = config.heartbeat.ca_file;
    options.cert_file = config.heartbeat.cert_file;
    options.key_file = config.heartbeat.key_file;
    options.username = config.heartbeat.username;
    options.password = config.heartbeat.password;
    options.interval = std::chrono::seconds(static_cast<long>(config.heartbeat.interval_s));
    auto heartbeat = ops::MqttHeartbeat::start(
        options, [&config, &board, &ops] { return heartbeat_payload(config, board.read(), ops); });
    if (!heartbeat) return std::unexpected("heartbeat: " + heartbeat.error());
    return std::move(*heartbeat);
}

std::expected<std::unique_ptr<Operations>, std::string> open_operations(
    const KioskConfig& config, const std::filesystem::path& state_dir) {
    std::error_code error;
    std::filesystem::create_directories(state_dir, error);
    if (error) return std::unexpected("state folder " + state_dir.string() + ": " + error.message());
    auto counters = ops::Counters::open(state_dir / "counters.db");
    if (!counters) return std::unexpected("counters: " + counters.error());
    const std::filesystem::path audit_file = state_dir / "audit.log";
    auto audit = ops::AuditLog::open(audit_file);
    if (!audit) return std::unexpected("audit log: " + audit.error());
    auto subjects = ops::SubjectHasher::open(state_dir / "audit-subject.key");
    if (!subjects) return std::unexpected("audit subject key: " + subjects.error());
    auto self_tests = ops::SelfTestStore::open(state_dir / "selftests.db");
    if (!self_tests) return std::unexpected("self-test results: " + self_tests.error());
    auto operations =
        std::make_unique<Operations>(state_dir, audit_file, std::move(*counters), std::move(*audit),
                                     std::move(*subjects), std::move(*self_tests));
    if (!config.metrics.listen.empty()) {
        const std::string& listen = config.metrics.listen;
        const auto colon = listen.rfind(':');
        int port = 0;
        try {
            port = std::stoi(listen.substr(colon + 1));
        } catch (const std::exception&) {
            return std::unexpected("metrics.listen: no port in " + listen);
        }
        auto server = ops::MetricsHttpServer::start(operations->metrics, listen.substr(0, colon), port);
        if (!server) return std::unexpected("metrics: " + server.error());
        operations->metrics_server = std::move(*server);
        log_event(EventId::MetricsServed, "metrics on http://{}:{}/metrics", listen.substr(0, colon),
                  operations->metrics_server->port());
    }
    return operations;
}

}  // namespace hk::kiosk
