#include "counters.h"

#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <nlohmann/json.hpp>

#include <map>
#include <mutex>
#include <utility>

#include "ops/sqlite_handles.h"

namespace hk::ops {

namespace {

// Labels are stored as a JSON array of [name, value] pairs: readable with the sqlite3 CLI, and any byte of a
// value survives the round trip.
std::string encode_labels(const Labels& canonical) {
    nlohmann::json pairs = nlohmann::json::array();
    for (const auto& [name, value] : canonical) pairs.push_back({name, value});
    return pairs.dump();
}

Labels decode_labels(const std::string& text) {
    Labels labels;
    const nlohmann::json pairs = nlohmann::json::parse(text, nullptr, false);
    if (!pairs.is_array()) return labels;
    for (const auto& pair : pairs) {
        if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string()) {
            labels.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
        }
    }
    return canonical_labels(std::move(labels));
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

}  // namespace

struct Counters::State {
    struct Entry {
        std::string name;
        Labels labels;
        std::int64_t value = 0;
    };

    DatabaseHandle db;
    StatementHandle upsert;
    mutable std::mutex mutex;
    // A copy of the table, so reading a counter never touches the disk. Keyed by name, then series key.
    std::map<std::string, std::map<std::string, Entry>, std::less<>> values;
};

Counters::Counters(std::unique_ptr<State> state) : state_(std::move(state)) {}
Counters::Counters(Counters&&) noexcept = default;
Counters& Counters::operator=(Counters&&) noexcept = default;
Counters::~Counters() = default;

std::expected<Counters, std::string> Counters::open(const std::filesystem::path& database) {
    auto state = std::make_unique<State>();
    sqlite3* raw = nullptr;
    const int opened = sqlite3_open_v2(
        database.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
    state->db.reset(raw);
    auto failure = [&](const char* what) {
        const std::string why = raw != nullptr ? sqlite3_errmsg(raw) : "out of memory";
        return std::unexpected("counters " + database.string() + ": " + what + ": " + why);
    };
    if (opened != SQLITE_OK) return failure("cannot open");
    // kioskctl may read the file while the kiosk writes it: wait for the other's lock rather than fail.
    sqlite3_busy_timeout(raw, 5000);
    const char* schema =
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=FULL;"
        "CREATE TABLE IF NOT EXISTS counters ("
        "  name TEXT NOT NULL, labels TEXT NOT NULL, value INTEGER NOT NULL,"
        "  PRIMARY KEY (name, labels));";
    if (sqlite3_exec(raw, schema, nullptr, nullptr, nullptr) != SQLITE_OK) return failure("cannot set up");

    sqlite3_stmt* select = nullptr;
    if (sqlite3_prepare_v2(raw, "SELECT name, labels, value FROM counters", -1, &select, nullptr) !=
        SQLITE_OK) {
        return failure("cannot read");
    }
    const StatementHandle rows(select);
    int step = SQLITE_ROW;
    while ((step = sqlite3_step(select)) == SQLITE_ROW) {
        const std::string labels_text = column_text(select, 1);
        State::Entry entry{column_text(select, 0), decode_labels(labels_text),
                           sqlite3_column_int64(select, 2)};
        const std::string key = series_key(entry.labels);
        state->values[entry.name][key] = std::move(entry);
    }
    if (step != SQLITE_DONE) return failure("cannot read");

    // One statement is one transaction: the row is created or incremented atomically, never lost between.
    sqlite3_stmt* upsert = nullptr;
    if (sqlite3_prepare_v2(raw,
                           "INSERT INTO counters (name, labels, value) VALUES (?1, ?2, ?3) "
                           "ON CONFLICT (name, labels) DO UPDATE SET value = value + excluded.value "
                           "RETURNING value",
                           -1, &upsert, nullptr) != SQLITE_OK) {
        return failure("cannot prepare");
    }
    state->upsert.reset(upsert);
    return Counters(std::move(state));
}

void Counters::add(std::string_view name, const Labels& labels, std::int64_t delta) {
    if (delta < 0) {
        spdlog::error("counters: refused to decrease {} by {}", name, -delta);
        return;
    }
    Labels canonical = canonical_labels(labels);
    const std::string encoded = encode_labels(canonical);
    const std::lock_guard lock(state_->mutex);
    sqlite3_stmt* upsert = state_->upsert.get();
    sqlite3_reset(upsert);
    bind_text(upsert, 1, name);
    bind_text(upsert, 2, encoded);
    sqlite3_bind_int64(upsert, 3, delta);
    if (sqlite3_step(upsert) != SQLITE_ROW) {
        spdlog::error("counters: cannot record {}: {}", name, sqlite3_errmsg(state_->db.get()));
        sqlite3_reset(upsert);
        return;
    }
    const std::int64_t stored = sqlite3_column_int64(upsert, 0);
    // Stepping to the end commits the statement's implicit transaction.
    if (sqlite3_step(upsert) != SQLITE_DONE) {
        spdlog::error("counters: cannot record {}: {}", name, sqlite3_errmsg(state_->db.get()));
        sqlite3_reset(upsert);
        return;
    }
    sqlite3_reset(upsert);
    const std::string key = series_key(canonical);
    auto family = state_->values.find(name);
    if (family == state_->values.end()) {
        family = state_->values.emplace(std::string(name), std::map<std::string, State::Entry>{}).first;
    }
    State::Entry& entry = family->second[key];
    entry.name = std::string(name);
    entry.labels = std::move(canonical);
    entry.value = stored;
}

std::int64_t Counters::value(std::string_view name, const Labels& labels) const {
    const std::string key = series_key(canonical_labels(labels));
    const std::lock_guard lock(state_->mutex);
    const auto family = state_->values.find(name);
    if (family == state_->values.end()) return 0;
    const auto series = family->second.find(key);
    return series == family->second.end() ? 0 : series->second.value;
}

std::vector<CounterValue> Counters::snapshot() const {
    const std::lock_guard lock(state_->mutex);
    std::vector<CounterValue> all;
    for (const auto& [name, series] : state_->values) {
        for (const auto& [key, entry] : series) all.push_back({entry.name, entry.labels, entry.value});
    }
    return all;
}

}  // namespace hk::ops
