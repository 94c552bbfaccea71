#include "audit_log.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>
#include <optional>
#include <vector>

#include "audit_entry_rules.h"
#include "audit_file.h"
#include "audit_record.h"

namespace hk::ops {

struct AuditLog::State {
    std::mutex mutex;
    std::filesystem::path file;
    int fd = -1;  // O_APPEND, flock'ed for as long as this log is open
    std::int64_t seq = 0;
    std::string last_hash{kAuditGenesisHash};

    // With the mutex held (or before the log is shared).
    std::expected<void, std::string> append_locked(const AuditEntry& entry,
                                                   std::chrono::system_clock::time_point when);

    State() = default;
    State(const State&) = delete;
    State& operator=(const State&) = delete;
    ~State() {
        if (fd >= 0) ::close(fd);
    }
};

namespace {

std::string short_hash(std::string_view hash) {
    return std::string(hash.substr(0, 12));
}

}  // namespace

std::expected<void, std::string> AuditLog::State::append_locked(const AuditEntry& entry,
                                                                std::chrono::system_clock::time_point when) {
    State& state = *this;
    if (state.fd < 0) return std::unexpected(std::string("the audit log is not open"));
    if (const auto problem = audit_entry_problem(entry)) return std::unexpected(*problem);

    AuditRecord record;
    record.seq = state.seq + 1;
    record.time = utc_iso8601(when);
    record.role = std::string(to_string(entry.role));
    record.event = entry.event;
    record.outcome = entry.outcome;
    record.subject = entry.subject;
    record.detail = entry.detail;
    record.prev = state.last_hash;
    record.hash = audit_record_hash(record);
    const auto line = to_json_line(record);
    if (!line) return std::unexpected(line.error());

    struct stat before {};
    if (::fstat(state.fd, &before) != 0)
        return std::unexpected("cannot append to the audit log: " + std::string(std::strerror(errno)));
    if (!write_all(state.fd, *line) || ::fsync(state.fd) != 0) {
        const std::string reason = std::strerror(errno);
        // Never leave half a line that the next record would be glued to.
        if (::ftruncate(state.fd, before.st_size) == 0) ::fsync(state.fd);
        return std::unexpected("cannot append to the audit log: " + reason);
    }
    state.seq = record.seq;
    state.last_hash = record.hash;
    // The record is on disk: a head that lags behind is repaired by the next append or open().
    const auto head = write_audit_head(state.file, AuditHead{state.seq, state.last_hash});
    if (!head) return std::unexpected("record " + std::to_string(record.seq) + " written, " + head.error());
    return {};
}

namespace {

// Keeps the bytes of a torn append in a file of their own before the log is cut back to its last newline.
std::expected<std::string, std::string> move_torn_tail_aside(const std::filesystem::path& file, int fd,
                                                             const AuditLines& lines, std::int64_t next_seq) {
    std::filesystem::path aside;
    int aside_fd = -1;
    for (int attempt = 0; attempt < 100 && aside_fd < 0; ++attempt) {
        aside = file;
        aside += ".torn-" + std::to_string(next_seq);
        if (attempt > 0) aside += "-" + std::to_string(attempt);
        aside_fd = ::open(aside.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
        if (aside_fd < 0 && errno != EEXIST) break;
    }
    if (aside_fd < 0) return std::unexpected("cannot keep the audit log's torn tail aside");
    const bool kept =
        ::fchmod(aside_fd, 0640) == 0 && write_all(aside_fd, lines.torn_tail) && ::fsync(aside_fd) == 0;
    ::close(aside_fd);
    if (!kept) return std::unexpected("cannot keep the audit log's torn tail in " + aside.string());
    if (::ftruncate(fd, static_cast<off_t>(lines.complete_bytes)) != 0 || ::fsync(fd) != 0)
        return std::unexpected("cannot cut the torn tail off the audit log");
    // Only the suffix: the detail must stay short and free of long digit runs whatever the log is called.
    return aside.filename().string().substr(file.filename().string().size());
}

// True when the head names a record of the log and every record after it chains on from it: the head only
// missed the last updates (a power cut between an append and its head), which is no sign of tampering.
bool head_is_behind_an_intact_tail(const AuditHead& head,
                                   const std::vector<std::optional<AuditRecord>>& records) {
    std::size_t next = 0;
    if (head.records != 0) {
        std::optional<std::size_t> at;
        for (std::size_t i = 0; i < records.size(); ++i)
            if (records[i] && records[i]->seq == head.records && records[i]->hash == head.last_hash) at = i;
        if (!at) return false;
        next = *at + 1;
    } else if (head.last_hash != kAuditGenesisHash) {
        return false;
    }
    std::string previous = head.last_hash;
    std::int64_t seq = head.records;
    for (std::size_t i = next; i < records.size(); ++i) {
        if (!records[i] || records[i]->prev != previous || records[i]->seq != seq + 1 ||
            audit_record_hash(*records[i]) != records[i]->hash)
            return false;
        previous = records[i]->hash;
        seq = records[i]->seq;
    }
    return true;
}

}  // namespace

std::string_view to_string(AuditRole role) {
    switch (role) {
        case AuditRole::Citizen:
            return "citizen";
        case AuditRole::Technician:
            return "technician";
        case AuditRole::System:
            return "system";
        case AuditRole::ProvincialIt:
            return "provincial_it";
    }
    return "unknown";
}

AuditLog::AuditLog(std::unique_ptr<State> state) : state_(std::move(state)) {}
AuditLog::AuditLog(AuditLog&& other) noexcept = default;
AuditLog& AuditLog::operator=(AuditLog&& other) noexcept = default;
AuditLog::~AuditLog() = default;

std::expected<AuditLog, std::string> AuditLog::open(const std::filesystem::path& file) {
    auto state = std::make_unique<State>();
    state->file = file;
    std::error_code error;
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), error);
    const bool existed = std::filesystem::exists(file, error);
    state->fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
    if (state->fd < 0)
        return std::unexpected("cannot open the audit log " + file.string() + ": " + std::strerror(errno));
    if (!existed && ::fchmod(state->fd, 0640) != 0)
        return std::unexpected("cannot set the audit log's mode: " + std::string(std::strerror(errno)));
    // Two writers would fork the chain.
    if (::flock(state->fd, LOCK_EX | LOCK_NB) != 0)
        return std::unexpected("the audit log " + file.string() + " is already open for writing");

    const auto text = read_whole_file(file);
    if (!text) return std::unexpected(text.error());
    const AuditLines lines = split_audit_lines(*text);
    std::vector<std::optional<AuditRecord>> records;
    records.reserve(lines.lines.size());
    for (const auto line : lines.lines) records.push_back(parse_audit_record(line));
    if (!records.empty()) {
        if (!records.back())
            return std::unexpected("the audit log's last record (line " + std::to_string(records.size()) +
                                   ") is unreadable: verify the log and move it aside");
        state->seq = records.back()->seq;
        state->last_hash = records.back()->hash;
    }

    // Compare the head with the log before anything is appended (appending rewrites the head).
    std::optional<std::string> head_mismatch;
    bool head_needs_writing = false;
    const auto head = read_audit_head(file);
    if (!head) {
        head_mismatch = "the head file was unreadable";
    } else if (!*head) {
        if (records.empty())
            head_needs_writing = true;  // a new log
        else
            head_mismatch = "the head file was missing";
    } else if ((*head)->records == state->seq && (*head)->last_hash == state->last_hash) {
        // in step
    } else if ((*head)->records < state->seq && head_is_behind_an_intact_tail(**head, records)) {
        head_needs_writing = true;
    } else {
        head_mismatch = "the head said record " + std::to_string((*head)->records) + " (" +
                        short_hash((*head)->last_hash) + "), the log ended at record " +
                        std::to_string(state->seq) + " (" + short_hash(state->last_hash) + ")";
    }

    AuditLog log(std::move(state));
    State& opened = *log.state_;
    std::optional<std::string> torn_detail;
    if (!lines.torn_tail.empty()) {
        const auto aside = move_torn_tail_aside(file, opened.fd, lines, opened.seq + 1);
        if (!aside) return std::unexpected(aside.error());
        torn_detail =
            "torn tail of " + std::to_string(lines.torn_tail.size()) + " bytes moved to the log's " + *aside;
    }
    const auto now = std::chrono::system_clock::now();
    if (head_mismatch) {
        const auto appended = opened.append_locked(
            AuditEntry{AuditRole::System, "audit_head_mismatch", "detected", "", *head_mismatch}, now);
        if (!appended) return std::unexpected(appended.error());
        head_needs_writing = false;
    }
    if (torn_detail) {
        const auto appended = opened.append_locked(
            AuditEntry{AuditRole::System, "audit_tail_repaired", "repaired", "", *torn_detail}, now);
        if (!appended) return std::unexpected(appended.error());
        head_needs_writing = false;
    }
    if (head_needs_writing) {
        const auto written = write_audit_head(file, AuditHead{opened.seq, opened.last_hash});
        if (!written) return std::unexpected(written.error());
    }
    return log;
}

std::expected<void, std::string> AuditLog::append(const AuditEntry& entry,
                                                  std::chrono::system_clock::time_point when) {
    if (!state_) return std::unexpected(std::string("the audit log was moved away"));
    const std::lock_guard lock(state_->mutex);
    return state_->append_locked(entry, when);
}

std::int64_t AuditLog::records() const {
    if (!state_) return 0;
    const std::lock_guard lock(state_->mutex);
    return state_->seq;
}

std::string AuditLog::last_hash() const {
    if (!state_) return {};
    const std::lock_guard lock(state_->mutex);
    return state_->last_hash;
}

}  // namespace hk::ops
