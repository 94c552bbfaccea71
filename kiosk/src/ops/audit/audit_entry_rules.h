// What an audit entry may hold before it is written: identifiers for event and outcome, a hashed subject, a
// short detail with nothing that looks like an ID number. Keeps personal data out of the log at the door.
#pragma once

#include <optional>
#include <string>

#include "audit_log.h"

namespace hk::ops {

// Why the entry cannot be written, or nothing when it can.
std::optional<std::string> audit_entry_problem(const AuditEntry& entry);

}  // namespace hk::ops
