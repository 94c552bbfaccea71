// The audit log's files on disk: the JSON-lines log split into complete lines and a torn tail, and the small
// "head" file beside it (<log>.head) that anchors the log's last record, so cutting records off the end
// shows.
#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hk::ops {

struct AuditLines {
    std::vector<std::string_view> lines;  // complete lines, without their newline
    std::string_view torn_tail;           // bytes after the last newline: an append cut short, or empty
    std::size_t complete_bytes = 0;       // size of the file up to and including the last newline
};
AuditLines split_audit_lines(std::string_view text);

std::expected<std::string, std::string> read_whole_file(const std::filesystem::path& file);

// What the log looked like after the last append: its last record's number and hash (0 and the genesis hash
// for an empty log).
struct AuditHead {
    std::int64_t records = 0;
    std::string last_hash;
};

std::filesystem::path audit_head_path(const std::filesystem::path& log);

// Nothing when the head file is missing; an error when it is there but unreadable.
std::expected<std::optional<AuditHead>, std::string> read_audit_head(const std::filesystem::path& log);

// Written to a temporary file, synced and renamed over the old head, so a power cut leaves the old or the new
// head, never half of one. Mode 0640.
std::expected<void, std::string> write_audit_head(const std::filesystem::path& log, const AuditHead& head);

// Writes all of `bytes` to `fd`, retrying short writes and EINTR.
bool write_all(int fd, std::string_view bytes);

}  // namespace hk::ops
