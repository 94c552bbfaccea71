#include "selftest_store.h"

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "ops/sqlite_handles.h"

namespace hk::ops {

namespace {

// The device by its stable name and the fault by its stable number (the same one the fault code shows), so
// rows stay readable with the sqlite3 CLI and survive enum reordering elsewhere.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS self_tests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    device TEXT NOT NULL,
    when_ms INTEGER NOT NULL,
    passed INTEGER NOT NULL,
    fault INTEGER,
    fault_code TEXT NOT NULL,
    summary TEXT NOT NULL,
    checks TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS self_tests_by_device ON self_tests (device, when_ms);
)sql";

constexpr const char* kColumns = "device, when_ms, passed, fault, fault_code, summary, checks";

// Checks are kept as a JSON array of [name, value] pairs: order matters to a technician reading them.
std::string encode_checks(const std::vector<std::pair<std::string, std::string>>& checks) {
    nlohmann::json pairs = nlohmann::json::array();
    for (const auto& [name, value] : checks) pairs.push_back({name, value});
    return pairs.dump();
}

std::vector<std::pair<std::string, std::string>> decode_checks(const std::string& text) {
    std::vector<std::pair<std::string, std::string>> checks;
    const nlohmann::json pairs = nlohmann::json::parse(text, nullptr, false);
    if (!pairs.is_array()) return checks;
    for (const auto& pair : pairs) {
        if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string())
            checks.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
    }
    return checks;
}

std::string column_text(sqlite3_stmt* row, int index) {
    const auto* text = sqlite3_column_text(row, index);
    return text == nullptr ? std::string{}
                           : std::string(reinterpret_cast<const char*>(text),
                                         static_cast<std::size_t>(sqlite3_column_bytes(row, index)));
}

void bind_text(sqlite3_stmt* statement, int index, std::string_view text) {
    sqlite3_bind_text(statement, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

std::int64_t to_millis(std::chrono::system_clock::time_point when) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(when.time_since_epoch()).count();
}

std::chrono::system_clock::time_point from_millis(std::int64_t millis) {
    return std::chrono::system_clock::time_point{
        std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::milliseconds{millis})};
}

std::optional<drivers::FaultKind> fault_from_number(std::int64_t number) {
    const auto first = static_cast<std::int64_t>(drivers::FaultKind::Unplugged);
    const auto last = static_cast<std::int64_t>(drivers::FaultKind::IoError);
    if (number < first || number > last) return std::nullopt;
    return static_cast<drivers::FaultKind>(number);
}

// One row as a record; nullopt for a device name this build does not know (written by a newer one).
std::optional<SelfTestRecord> read_row(sqlite3_stmt* row) {
    const auto device = drivers::device_kind_from_string(column_text(row, 0));
    if (!device) return std::nullopt;
    SelfTestRecord record{*device, from_millis(sqlite3_column_int64(row, 1)), {}, column_text(row, 4)};
    record.result.passed = sqlite3_column_int(row, 2) != 0;
    if (sqlite3_column_type(row, 3) != SQLITE_NULL)
        record.result.fault = fault_from_number(sqlite3_column_int64(row, 3));
    record.result.summary = column_text(row, 5);
    record.result.checks = decode_checks(column_text(row, 6));
    return record;
}

}  // namespace

struct SelfTestStore::State {
    DatabaseHandle db;
    mutable std::mutex mutex;

    [[nodiscard]] StatementHandle prepare(const std::string& sql) const {
        sqlite3_stmt* raw = nullptr;
        if (sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
            spdlog::error("self-test store: cannot prepare a statement: {}", sqlite3_errmsg(db.get()));
            return nullptr;
        }
        return StatementHandle{raw};
    }

    [[nodiscard]] std::vector<SelfTestRecord> query(const std::string& sql,
                                                    std::optional<std::int64_t> limit) const {
        std::vector<SelfTestRecord> records;
        const std::lock_guard lock(mutex);
        const StatementHandle statement = prepare(sql);
        if (!statement) return records;
        if (limit) sqlite3_bind_int64(statement.get(), 1, *limit);
        int step = SQLITE_ROW;
        while ((step = sqlite3_step(statement.get())) == SQLITE_ROW) {
            if (auto record = read_row(statement.get())) records.push_back(std::move(*record));
        }
        if (step != SQLITE_DONE)
            spdlog::error("self-test store: reading results failed: {}", sqlite3_errmsg(db.get()));
        return records;
    }
};

SelfTestStore::SelfTestStore(std::unique_ptr<State> state) : state_(std::move(state)) {}
SelfTestStore::SelfTestStore(SelfTestStore&&) noexcept = default;
SelfTestStore& SelfTestStore::operator=(SelfTestStore&&) noexcept = default;
SelfTestStore::~SelfTestStore() = default;

std::expected<SelfTestStore, std::string> SelfTestStore::open(const std::filesystem::path& database) {
    auto state = std::make_unique<State>();
    sqlite3* raw = nullptr;
    const int opened = sqlite3_open_v2(
        database.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
    state->db.reset(raw);  // sqlite3_open_v2 hands out a handle even on failure; it must be closed
    if (opened != SQLITE_OK) {
        return std::unexpected("cannot open self-test database " + database.string() + ": " +
                               (raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(opened)));
    }
    sqlite3_busy_timeout(raw, 2000);
    char* message = nullptr;
    const std::string setup = std::string{"PRAGMA journal_mode=WAL;"} + kSchema;
    if (sqlite3_exec(raw, setup.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string error = "cannot set up self-test database " + database.string() + ": " +
                            (message != nullptr ? message : "unknown error");
        sqlite3_free(message);
        return std::unexpected(std::move(error));
    }
    return SelfTestStore{std::move(state)};
}

void SelfTestStore::record(const SelfTestRecord& record) {
    const std::lock_guard lock(state_->mutex);
    const StatementHandle statement = state_->prepare(std::string{"INSERT INTO self_tests ("} + kColumns +
                                                      ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!statement) return;
    sqlite3_stmt* insert = statement.get();
    bind_text(insert, 1, drivers::to_string(record.device));
    sqlite3_bind_int64(insert, 2, to_millis(record.when));
    sqlite3_bind_int(insert, 3, record.result.passed ? 1 : 0);
    if (record.result.fault) {
        sqlite3_bind_int(insert, 4, static_cast<int>(std::to_underlying(*record.result.fault)));
    } else {
        sqlite3_bind_null(insert, 4);
    }
    bind_text(insert, 5, record.fault_code);
    bind_text(insert, 6, record.result.summary);
    bind_text(insert, 7, encode_checks(record.result.checks));
    if (sqlite3_step(insert) != SQLITE_DONE) {
        spdlog::error("self-test store: cannot record the {} self-test: {}",
                      drivers::to_string(record.device), sqlite3_errmsg(state_->db.get()));
    }
}

std::vector<SelfTestRecord> SelfTestStore::latest() const {
    // The newest row per device; of two at the same millisecond, the one recorded last.
    std::vector<SelfTestRecord> records = state_->query(
        std::string{"SELECT "} + kColumns +
            " FROM self_tests AS t WHERE id = (SELECT id FROM self_tests AS u WHERE u.device = t.device"
            " ORDER BY when_ms DESC, id DESC LIMIT 1)",
        std::nullopt);
    const auto rank = [](drivers::DeviceKind kind) {
        return std::ranges::find(drivers::kAllDeviceKinds, kind) -
               std::ranges::begin(drivers::kAllDeviceKinds);
    };
    std::ranges::sort(records, {}, [&rank](const SelfTestRecord& record) { return rank(record.device); });
    return records;
}

std::vector<SelfTestRecord> SelfTestStore::history(std::size_t limit) const {
    if (limit == 0) return {};
    return state_->query(
        std::string{"SELECT "} + kColumns + " FROM self_tests ORDER BY when_ms DESC, id DESC LIMIT ?1",
        static_cast<std::int64_t>(std::min<std::size_t>(limit, INT64_MAX)));
}

}  // namespace hk::ops
