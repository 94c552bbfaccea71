#include "journal.h"

#include <array>
#include <chrono>

#include "drivers/personal_string.h"
#include "ops/events/log_event.h"

namespace hk::kiosk {
namespace {

constexpr std::array<std::string_view, 7> kStepNames = {"requested", "issued", "print_submitted", "printed",
                                                        "held",      "done",   "abandoned"};

std::optional<TransactionStep> step_from(std::string_view text) {
    for (std::size_t i = 0; i < kStepNames.size(); ++i) {
        if (kStepNames[i] == text) return static_cast<TransactionStep>(i);
    }
    return std::nullopt;
}

std::int64_t now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// A prepared statement that finalizes itself.
class Statement {
  public:
    Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& text(int index, std::string_view value) {
        sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Statement& blob(int index, const std::vector<std::uint8_t>& value) {
        sqlite3_bind_blob(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Statement& integer(int index, std::int64_t value) {
        sqlite3_bind_int64(stmt_, index, value);
        return *this;
    }
    // Runs a statement that returns no rows; true when it completed.
    bool run() { return stmt_ != nullptr && sqlite3_step(stmt_) == SQLITE_DONE; }
    bool next_row() { return stmt_ != nullptr && sqlite3_step(stmt_) == SQLITE_ROW; }
    [[nodiscard]] sqlite3_stmt* get() const { return stmt_; }

  private:
    sqlite3_stmt* stmt_ = nullptr;
};

std::string column_text(sqlite3_stmt* row, int index) {
    const auto* text = sqlite3_column_text(row, index);
    return text == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(text));
}

std::vector<std::uint8_t> column_blob(sqlite3_stmt* row, int index) {
    const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(row, index));
    const int size = sqlite3_column_bytes(row, index);
    if (data == nullptr || size <= 0) return {};
    return {data, data + size};
}

constexpr const char* kSchema = R"sql(
    CREATE TABLE IF NOT EXISTS transactions (
        key TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        service_id TEXT NOT NULL,
        step TEXT NOT NULL,
        reference TEXT NOT NULL DEFAULT '',
        sealed_request BLOB,
        sealed_result BLOB,
        created_ms INTEGER NOT NULL,
        updated_ms INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS sessions (
        serial INTEGER NOT NULL,
        boot_id TEXT NOT NULL,
        started_ms INTEGER NOT NULL,
        ended_ms INTEGER,
        interrupted INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (serial, boot_id));
)sql";

}  // namespace

std::string_view to_string(TransactionStep step) {
    return kStepNames.at(static_cast<std::size_t>(step));
}

std::expected<Journal, std::string> Journal::open(const std::filesystem::path& database, SealedBox box) {
    std::error_code error;
    if (database.has_parent_path()) std::filesystem::create_directories(database.parent_path(), error);
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(database.c_str(), &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        nullptr) != SQLITE_OK) {
        const std::string why = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        return std::unexpected("journal " + database.string() + ": " + why);
    }
    Journal journal(db, std::move(box));
    // WAL keeps readers and the writer apart; FULL makes every commit durable before the kiosk acts on it.
    if (!journal.exec("PRAGMA journal_mode=WAL;") || !journal.exec("PRAGMA synchronous=FULL;") ||
        !journal.exec("PRAGMA secure_delete=ON;") || !journal.exec(kSchema)) {
        return std::unexpected("journal " + database.string() + ": " + sqlite3_errmsg(db));
    }
    return journal;
}

Journal::Journal(Journal&& other) noexcept : db_(other.db_), box_(std::move(other.box_)) {
    other.db_ = nullptr;
}

Journal::~Journal() {
    if (db_ != nullptr) sqlite3_close(db_);
}

bool Journal::exec(const char* sql) {
    return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
}

bool Journal::requested(const std::string& key, TransactionKind kind, const std::string& service_id,
                        const std::string& request_json) {
    // A retry of the same step keeps the row it already has (and its later steps).
    Statement insert(
        db_,
        "INSERT INTO transactions (key, kind, service_id, step, sealed_request, created_ms, updated_ms) "
        "VALUES (?, ?, ?, 'requested', ?, ?, ?) ON CONFLICT(key) DO NOTHING");
    const bool ok = insert.text(1, key)
                        .text(2, kind == TransactionKind::Certificate ? "certificate" : "application")
                        .text(3, service_id)
                        .blob(4, box_.seal(request_json, key))
                        .integer(5, now_ms())
                        .integer(6, now_ms())
                        .run();
    if (!ok)
        ops::log_event(ops::EventId::JournalWriteFailed, "journal: could not record a request: {}",
                       sqlite3_errmsg(db_));
    return ok;
}

bool Journal::issued(const std::string& key, const std::string& reference, const std::string& result_json) {
    Statement update(
        db_,
        "UPDATE transactions SET step = 'issued', reference = ?, sealed_result = ?, updated_ms = ? "
        "WHERE key = ? AND step = 'requested'");
    return update.text(1, reference)
        .blob(2, box_.seal(result_json, key))
        .integer(3, now_ms())
        .text(4, key)
        .run();
}

bool Journal::set_step(const std::string& key, TransactionStep step) {
    Statement update(db_, "UPDATE transactions SET step = ?, updated_ms = ? WHERE key = ?");
    return update.text(1, to_string(step)).integer(2, now_ms()).text(3, key).run();
}

bool Journal::print_submitted(const std::string& key) {
    return set_step(key, TransactionStep::PrintSubmitted);
}
bool Journal::printed(const std::string& key) {
    return set_step(key, TransactionStep::Printed);
}
bool Journal::abandoned(const std::string& key) {
    return set_step(key, TransactionStep::Abandoned);
}
bool Journal::held(const std::string& key) {
    return set_step(key, TransactionStep::Held);
}

bool Journal::done(const std::string& key) {
    // Zeroed before they are dropped, so the old bytes do not linger in free pages (secure_delete covers the
    // rest).
    Statement update(
        db_,
        "UPDATE transactions SET step = 'done', sealed_request = zeroblob(length(sealed_request)), "
        "sealed_result = zeroblob(length(sealed_result)), updated_ms = ? WHERE key = ?");
    if (!update.integer(1, now_ms()).text(2, key).run()) return false;
    Statement purge(db_, "UPDATE transactions SET sealed_request = NULL, sealed_result = NULL WHERE key = ?");
    return purge.text(1, key).run();
}

bool Journal::session_started(std::uint64_t session_serial, const std::string& boot_id) {
    Statement insert(db_, "INSERT OR IGNORE INTO sessions (serial, boot_id, started_ms) VALUES (?, ?, ?)");
    return insert.integer(1, static_cast<std::int64_t>(session_serial))
        .text(2, boot_id)
        .integer(3, now_ms())
        .run();
}

bool Journal::session_ended(std::uint64_t session_serial, const std::string& boot_id) {
    Statement update(
        db_, "UPDATE sessions SET ended_ms = ? WHERE serial = ? AND boot_id = ? AND ended_ms IS NULL");
    return update.integer(1, now_ms())
        .integer(2, static_cast<std::int64_t>(session_serial))
        .text(3, boot_id)
        .run();
}

int Journal::close_interrupted_sessions() {
    Statement update(db_, "UPDATE sessions SET ended_ms = ?, interrupted = 1 WHERE ended_ms IS NULL");
    if (!update.integer(1, now_ms()).run()) return 0;
    return sqlite3_changes(db_);
}

JournalEntry Journal::read_row(sqlite3_stmt* row) const {
    JournalEntry entry;
    entry.key = column_text(row, 0);
    entry.kind =
        column_text(row, 1) == "application" ? TransactionKind::Application : TransactionKind::Certificate;
    entry.service_id = column_text(row, 2);
    entry.step = step_from(column_text(row, 3)).value_or(TransactionStep::Requested);
    entry.reference = column_text(row, 4);
    if (auto request = column_blob(row, 5); !request.empty()) {
        entry.request = box_.open_sealed(request, entry.key).value_or("");
    }
    if (auto result = column_blob(row, 6); !result.empty()) {
        entry.result = box_.open_sealed(result, entry.key).value_or("");
    }
    return entry;
}

std::optional<JournalEntry> Journal::find(const std::string& key) const {
    Statement select(db_,
                     "SELECT key, kind, service_id, step, reference, sealed_request, sealed_result "
                     "FROM transactions WHERE key = ?");
    select.text(1, key);
    if (!select.next_row()) return std::nullopt;
    return read_row(select.get());
}

std::vector<JournalEntry> Journal::entries_where(const char* condition) const {
    const std::string sql =
        std::string(
            "SELECT key, kind, service_id, step, reference, sealed_request, sealed_result FROM transactions "
            "WHERE ") +
        condition + " ORDER BY created_ms, rowid";
    Statement select(db_, sql.c_str());
    std::vector<JournalEntry> entries;
    while (select.next_row()) entries.push_back(read_row(select.get()));
    return entries;
}

std::vector<JournalEntry> Journal::unfinished() const {
    return entries_where("step NOT IN ('held', 'done', 'abandoned')");
}

std::vector<JournalEntry> Journal::kept_for_reprint() const {
    return entries_where("step = 'held'");
}

bool Journal::reopen_for_reprint(const std::string& key) {
    Statement update(
        db_, "UPDATE transactions SET step = 'issued', updated_ms = ? WHERE key = ? AND step = 'held'");
    return update.integer(1, now_ms()).text(2, key).run() && sqlite3_changes(db_) == 1;
}

int Journal::count(TransactionStep step) const {
    Statement select(db_, "SELECT count(*) FROM transactions WHERE step = ?");
    select.text(1, to_string(step));
    return select.next_row() ? sqlite3_column_int(select.get(), 0) : 0;
}

}  // namespace hk::kiosk
