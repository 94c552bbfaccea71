// One audit record as it is stored: its fields, the canonical encoding its hash covers, and its JSON line.
// Shared by the writer (audit_log.cpp) and the checker (audit_verification.cpp), and used by tests that forge
// records the way an attacker who knows the format would.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

namespace hk::ops {

// The "previous hash" of the first record: there is nothing before it.
inline constexpr std::string_view kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

struct AuditRecord {
    std::int64_t seq = 0;  // 1 for the first record, then one more for each
    std::string time;      // UTC, ISO 8601, e.g. "2026-11-23T07:37:27Z"
    std::string role;      // to_string(AuditRole)
    std::string event;
    std::string outcome;
    std::string subject;  // SubjectHasher::hash of a citizen ID, or empty
    std::string detail;
    std::string prev;  // hash of the record before, kAuditGenesisHash for the first
    std::string hash;  // audit_record_hash of this record
};

// SHA-256 (lowercase hex) over a length-prefixed encoding of every field but `hash`, so no two different
// records share an encoding (a field cannot leak into its neighbour).
std::string audit_record_hash(const AuditRecord& record);

// The record as one JSON object and a newline. Fails for text that is not valid UTF-8.
std::expected<std::string, std::string> to_json_line(const AuditRecord& record);

// A record from one line (without its newline); nothing when the line is not a well-formed record.
std::optional<AuditRecord> parse_audit_record(std::string_view line);

std::string utc_iso8601(std::chrono::system_clock::time_point when);

}  // namespace hk::ops
