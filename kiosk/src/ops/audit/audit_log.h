// The kiosk's audit log: who did what, when, with what outcome, append-only and hash-chained, so a record
// that is changed, removed, inserted or moved afterwards shows when the log is verified
// (audit_verification.h).
//
// On disk: a JSON-lines file (mode 0640), one record per line, each line synced to disk before append()
// returns, and beside it <file>.head holding the last record's number and hash (replaced atomically after
// each append), so records cut off the end show too. Each record's hash covers all its fields and the hash of
// the record before it (audit_record.h).
//
// Personal data never enters the log: `subject` must be empty or a SubjectHasher hash (64 hex digits,
// checked), `event` and `outcome` are short identifiers, and `detail` is refused when it holds a long run of
// digits (what an ID number looks like).
//
// What open() does with what it finds:
// - A torn last line (no newline: a power cut during an append) is moved, byte for byte, to
//   <file>.torn-<n> (<n>: the record the append would have been), the log is cut back to its last complete
//   line and an `audit_tail_repaired` record saying so is appended. The torn append never returned success,
//   so nothing that was confirmed is lost.
// - A head that is behind the log by records whose chain leads on from the head's record (a power cut between
//   an append and its head update) is brought up to date.
// - Any other disagreement between the head and the log (a missing or unreadable head, a head that names a
//   later record or another hash: records were cut off the end) is kept as evidence: an
//   `audit_head_mismatch` record is appended before anything else, and verification reports that record for
//   as long as the log exists, so appending can never paper over a truncation.
// - A last complete line that is not a record makes open() fail: the chain cannot be continued safely; a
//   technician verifies the log and moves it aside.
// A second AuditLog on the same file (in any process) is refused while the first one is open (flock).
//
// Limits: the chain has no secret, so someone who can rewrite the whole file and its head can forge a
// consistent log; send records() and last_hash() off the kiosk (heartbeat) to anchor it beyond that.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace hk::ops {

enum class AuditRole { Citizen, Technician, System, ProvincialIt };
std::string_view to_string(AuditRole role);  // "citizen", "technician", "system", "provincial_it"

struct AuditEntry {
    AuditRole role = AuditRole::System;
    std::string event;    // e.g. "service_mode_opened": [a-z0-9_.-], 1-64 characters
    std::string outcome;  // e.g. "ok", "refused": same rules as event
    std::string subject;  // SubjectHasher::hash of the citizen's ID, or empty
    std::string detail;   // short (<= 256 bytes), UTF-8, never personal data
};

class AuditLog {
  public:
    // Creates the file (mode 0640) and its head when missing; see above for what it repairs.
    static std::expected<AuditLog, std::string> open(const std::filesystem::path& file);

    AuditLog(AuditLog&& other) noexcept;
    AuditLog& operator=(AuditLog&& other) noexcept;
    AuditLog(const AuditLog&) = delete;
    AuditLog& operator=(const AuditLog&) = delete;
    ~AuditLog();

    // Thread-safe. Returns once the record is on disk; on failure the log is left as it was (a partly written
    // line is cut off again). The time is stored in UTC to the second.
    std::expected<void, std::string> append(const AuditEntry& entry,
                                            std::chrono::system_clock::time_point when);

    [[nodiscard]] std::int64_t records() const;   // the last record's number
    [[nodiscard]] std::string last_hash() const;  // its hash, to anchor the log elsewhere

  private:
    struct State;
    explicit AuditLog(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

}  // namespace hk::ops
