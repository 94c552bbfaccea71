// Checking an audit log (audit_log.h) after the fact: every record's own hash, the chain from each record to
// the one before it, the sequence numbers, the head file, and the records open() left as evidence of a head
// that did not match. Reads only; safe while the kiosk appends.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace hk::ops {

struct AuditVerification {
    bool intact = false;
    std::int64_t records = 0;           // readable records in the file
    std::vector<std::string> problems;  // each names the record, e.g. "record 12 changed: ..."
};

AuditVerification verify_audit_log(const std::filesystem::path& file);

}  // namespace hk::ops
