#include "audit_verification.h"

#include <optional>
#include <string_view>

#include "audit_file.h"
#include "audit_record.h"

namespace hk::ops {
namespace {

std::string record_name(std::int64_t seq) {
    return "record " + std::to_string(seq);
}

bool is_known_role(std::string_view role) {
    return role == "citizen" || role == "technician" || role == "system" || role == "provincial_it";
}

// The chain walked in file order. After a break it carries on from the record actually before, so one removed
// or inserted record gives one or two problems, not one for every record after it.
struct ChainWalk {
    std::vector<std::string>& problems;
    std::optional<AuditRecord> previous;  // the last readable record
    std::int64_t highest_seq = 0;

    void check(const AuditRecord& record) {
        if (audit_record_hash(record) != record.hash)
            problems.push_back(record_name(record.seq) + " changed: its hash does not match its contents");
        if (!is_known_role(record.role))
            problems.push_back(record_name(record.seq) + " names an unknown role \"" + record.role + "\"");
        if (record.event == "audit_head_mismatch")
            problems.push_back(
                record_name(record.seq) +
                " says records may have been cut off the end before the log was reopened: " + record.detail);

        const std::int64_t expected = highest_seq + 1;
        if (record.seq > expected) {
            const std::string missing = record.seq - expected == 1
                                            ? record_name(expected) + " is"
                                            : "records " + std::to_string(expected) + " to " +
                                                  std::to_string(record.seq - 1) + " are";
            problems.push_back(missing + " missing: " + record_name(record.seq) + " follows " +
                               (previous ? record_name(previous->seq) : std::string("the start of the log")));
        } else if (record.seq < expected) {
            problems.push_back(record_name(record.seq) + " is out of place: it comes after " +
                               record_name(highest_seq) + " (a record was moved, inserted or repeated)");
        } else {
            const std::string_view expected_prev =
                previous ? std::string_view(previous->hash) : kAuditGenesisHash;
            if (record.prev != expected_prev)
                problems.push_back(
                    record_name(record.seq) + " does not chain to " +
                    (previous ? record_name(previous->seq) : std::string("the start of the log")) +
                    " before it (a record was replaced, inserted or moved)");
        }
        highest_seq = std::max(highest_seq, record.seq);
        previous = record;
    }
};

void check_head(const std::filesystem::path& file, const std::optional<AuditRecord>& last,
                std::vector<std::string>& problems) {
    const auto head = read_audit_head(file);
    if (!head) {
        problems.push_back(head.error());
        return;
    }
    const std::int64_t last_seq = last ? last->seq : 0;
    const std::string last_hash = last ? last->hash : std::string(kAuditGenesisHash);
    if (!*head) {
        problems.push_back("the head file is missing: " + record_name(last_seq) +
                           " cannot be shown to be the last one (records may have been cut off the end)");
        return;
    }
    const AuditHead& anchor = **head;
    if (anchor.records > last_seq) {
        problems.push_back(record_name(anchor.records) +
                           " is missing from the end: the head says the log ends at " +
                           record_name(anchor.records) + " but it ends at " + record_name(last_seq));
    } else if (anchor.records < last_seq) {
        problems.push_back("the head says the log ends at " + record_name(anchor.records) +
                           " but it goes on to " + record_name(last_seq) +
                           " (the head was edited, or records were added after it)");
    } else if (anchor.last_hash != last_hash) {
        problems.push_back(record_name(last_seq) +
                           " does not match the head: its hash differs from the one the head recorded");
    }
}

}  // namespace

AuditVerification verify_audit_log(const std::filesystem::path& file) {
    AuditVerification result;
    const auto text = read_whole_file(file);
    if (!text) {
        result.problems.push_back(text.error());
        return result;
    }
    const AuditLines lines = split_audit_lines(*text);
    ChainWalk walk{result.problems, std::nullopt, 0};
    for (std::size_t i = 0; i < lines.lines.size(); ++i) {
        const auto record = parse_audit_record(lines.lines[i]);
        if (!record) {
            const std::string after = walk.previous ? ", after " + record_name(walk.previous->seq) : "";
            result.problems.push_back("the record at line " + std::to_string(i + 1) + after +
                                      " is unreadable");
            continue;
        }
        ++result.records;
        walk.check(*record);
    }
    if (!lines.torn_tail.empty()) {
        const std::int64_t next = walk.previous ? walk.previous->seq + 1 : 1;
        result.problems.push_back("the last line is torn (" + std::to_string(lines.torn_tail.size()) +
                                  " bytes, no newline): the append of " + record_name(next) +
                                  " was cut short; opening the log repairs it");
    }
    check_head(file, walk.previous, result.problems);
    result.intact = result.problems.empty();
    return result;
}

}  // namespace hk::ops
