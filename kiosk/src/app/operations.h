// Everything the kiosk keeps and serves for technicians and provincial IT, opened at start from the config:
// the persisted counters and the metrics built on them, the hash-chained audit log and the key that makes
// citizen IDs opaque in it, the self-test results, and the metrics HTTP port. Files live in the state folder.
#pragma once

#include <expected>
#include <filesystem>
#include <memory>
#include <string>

#include "config.h"
#include "kiosk_snapshot.h"
#include "ops/audit/audit_log.h"
#include "ops/audit/subject_hasher.h"
#include "ops/heartbeat/mqtt_heartbeat.h"
#include "ops/metrics/counters.h"
#include "ops/metrics/metrics.h"
#include "ops/metrics/metrics_http_server.h"
#include "ops/selftest/selftest_store.h"

namespace hk::kiosk {

// The kiosk's version, as built (CMake's project version).
std::string kiosk_version();

struct Operations {
    std::filesystem::path state_dir;
    std::filesystem::path audit_file;
    ops::Counters counters;
    ops::Metrics metrics;  // reads `counters`: Operations never moves (it is held by unique_ptr)
    ops::AuditLog audit;
    ops::SubjectHasher subjects;
    ops::SelfTestStore self_tests;
    std::unique_ptr<ops::MetricsHttpServer> metrics_server;  // none unless metrics.listen is set

    Operations(std::filesystem::path state, std::filesystem::path audit_path, ops::Counters counters_in,
               ops::AuditLog audit_in, ops::SubjectHasher subjects_in, ops::SelfTestStore self_tests_in);
    Operations(const Operations&) = delete;
    Operations& operator=(const Operations&) = delete;

    // Appends to the audit log; a failure to write is logged (never stops the kiosk: the log says why).
    void audit_event(ops::AuditRole role, std::string event, std::string outcome, std::string subject = {},
                     std::string detail = {});
};

// What the MQTT heartbeat says, as JSON: who, which version, whether in service, each device's readiness, and
// the main counters. Never personal data.
std::string heartbeat_payload(const KioskConfig& config, const KioskSnapshot& snapshot,
                              const Operations& ops);

// The heartbeat to the configured broker; none when no broker is configured. A broker that is down is no
// error: the heartbeat keeps trying.
std::expected<std::unique_ptr<ops::MqttHeartbeat>, std::string> start_heartbeat(const KioskConfig& config,
                                                                                const SnapshotBoard& board,
                                                                                Operations& ops);

std::expected<std::unique_ptr<Operations>, std::string> open_operations(
    const KioskConfig& config, const std::filesystem::path& state_dir);

}  // namespace hk::kiosk
