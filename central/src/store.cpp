#include "store.h"

namespace hk::central {
namespace {

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS stations (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, address TEXT NOT NULL, hours TEXT NOT NULL, phone TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS handling_points (
    position INTEGER PRIMARY KEY, name TEXT NOT NULL, address TEXT NOT NULL, distance_km REAL NOT NULL,
    queue_length INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS households (id TEXT PRIMARY KEY, address TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS people (
    id_number TEXT PRIMARY KEY, name TEXT NOT NULL, sex TEXT NOT NULL, ethnicity TEXT NOT NULL,
    birth TEXT NOT NULL, address TEXT NOT NULL, household_id TEXT NOT NULL, relation TEXT NOT NULL,
    records TEXT NOT NULL CHECK (records IN ('electronic', 'paper')), station_id TEXT NOT NULL,
    passport_number TEXT UNIQUE);
CREATE INDEX IF NOT EXISTS people_by_household ON people (household_id);
CREATE TABLE IF NOT EXISTS applications (
    tracking_number TEXT PRIMARY KEY CHECK (length(tracking_number) = 12), id_number TEXT NOT NULL,
    service_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('received', 'under_review', 'approved', 'rejected', 'ready_for_collection')),
    updated_on TEXT NOT NULL, origin TEXT NOT NULL CHECK (origin IN ('population', 'kiosk')),
    kiosk_id TEXT, agent_id_number TEXT);
CREATE INDEX IF NOT EXISTS applications_by_person ON applications (id_number);
CREATE TABLE IF NOT EXISTS attachments (
    tracking_number TEXT NOT NULL REFERENCES applications (tracking_number), position INTEGER NOT NULL,
    document_index INTEGER, mime TEXT NOT NULL, data BLOB NOT NULL, ocr_text TEXT NOT NULL, reading TEXT,
    PRIMARY KEY (tracking_number, position));
CREATE TABLE IF NOT EXISTS certificates (
    serial TEXT PRIMARY KEY, year INTEGER NOT NULL, counter INTEGER NOT NULL, service_id TEXT NOT NULL,
    holder_id_number TEXT NOT NULL, agent_id_number TEXT, kiosk_id TEXT NOT NULL, issued_on TEXT NOT NULL,
    body TEXT NOT NULL, UNIQUE (year, counter));
CREATE TABLE IF NOT EXISTS idempotency (
    kiosk_id TEXT NOT NULL, key TEXT NOT NULL, fingerprint BLOB NOT NULL, status INTEGER NOT NULL,
    body BLOB NOT NULL, created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (kiosk_id, key));
CREATE TABLE IF NOT EXISTS kiosks (
    kiosk_id TEXT PRIMARY KEY, last_seen TEXT NOT NULL, version TEXT NOT NULL, devices TEXT NOT NULL);
)sql";

// Callers keep `value` within `width` digits; wider values are written whole rather than truncated.
std::string zero_padded(std::int64_t value, std::size_t width) {
    std::string digits = std::to_string(value);
    if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
    return digits;
}

// Optional text columns hold NULL, not "", when there is nothing (no agent, no reading).
void bind_text_or_null(Statement& statement, int index, std::string_view text) {
    if (text.empty()) {
        statement.bind_null(index);
    } else {
        statement.bind(index, text);
    }
}

}  // namespace

Transaction::Transaction(std::mutex& mutex, Database& db) : lock_(mutex), db_(db) {
    // IMMEDIATE takes the write lock now, so a transaction never fails half-way on a lock upgrade.
    db_.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
    if (!open_) return;
    try {
        db_.exec("ROLLBACK");
    } catch (const DatabaseError&) {
        // Nothing more to do: SQLite has already rolled back when ROLLBACK itself fails.
    }
}

void Transaction::commit() {
    db_.exec("COMMIT");
    open_ = false;
}

Store::Store(const std::string& path) : db_(path) {
    // WAL lets readers (tests, the sqlite3 CLI) look while the service writes; FULL syncs the WAL at every
    // commit, so an issued certificate and its idempotency record survive a power cut once the kiosk has its
    // answer.
    db_.exec("PRAGMA journal_mode=WAL");
    db_.exec("PRAGMA synchronous=FULL");
    db_.exec("PRAGMA foreign_keys=ON");
    migrate();
}

void Store::migrate() {
    Transaction tx = begin();
    tx.db().exec(kSchema);
    // Stores made before the kiosk sent its readings have no reading column: add it (NULL for old rows).
    Statement columns =
        tx.db().prepare("SELECT COUNT(*) FROM pragma_table_info('attachments') WHERE name = 'reading'");
    columns.step();
    if (columns.integer(0) == 0) tx.db().exec("ALTER TABLE attachments ADD COLUMN reading TEXT");
    tx.commit();
}

Transaction Store::begin() {
    return Transaction(mutex_, db_);
}

std::string Store::next_certificate_serial(const Transaction& tx, int year, int& counter) {
    Statement query =
        tx.db().prepare("SELECT COALESCE(MAX(counter), 0) + 1 FROM certificates WHERE year = ?");
    query.bind(1, std::int64_t{year}).step();
    counter = static_cast<int>(query.integer(0));
    if (counter > 999999) throw DatabaseError("certificate counter exhausted for the year");
    return "HK" + zero_padded(year, 4) + zero_padded(counter, 6);
}

void Store::insert_certificate(const Transaction& tx, const IssuedCertificateRecord& record) {
    Statement insert = tx.db().prepare(
        "INSERT INTO certificates (serial, year, counter, service_id, holder_id_number, agent_id_number, "
        "kiosk_id,"
        " issued_on, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, record.serial).bind(2, std::int64_t{record.year}).bind(3, std::int64_t{record.counter});
    insert.bind(4, record.service_id).bind(5, record.holder_id_number);
    if (record.agent_id_number.empty()) {
        insert.bind_null(6);
    } else {
        insert.bind(6, record.agent_id_number);
    }
    insert.bind(7, record.kiosk_id).bind(8, record.issued_on).bind(9, record.body).run();
}

std::int64_t Store::certificate_count(const Transaction& tx) {
    Statement query = tx.db().prepare("SELECT COUNT(*) FROM certificates");
    query.step();
    return query.integer(0);
}

std::optional<Application> Store::application(const Transaction& tx, std::string_view tracking_number) {
    Statement query = tx.db().prepare(
        "SELECT tracking_number, id_number, service_id, state, updated_on FROM applications"
        " WHERE tracking_number = ?");
    query.bind(1, tracking_number);
    if (!query.step()) return std::nullopt;
    return Application{query.text(0), query.text(1), query.text(2), query.text(3), query.text(4)};
}

int Store::applications_in_progress(const Transaction& tx, std::string_view id_number) {
    // In progress = still with the office: neither decided against nor waiting for the citizen to collect.
    Statement query = tx.db().prepare(
        "SELECT COUNT(*) FROM applications WHERE id_number = ?"
        " AND state IN ('received', 'under_review', 'approved')");
    query.bind(1, id_number).step();
    return static_cast<int>(query.integer(0));
}

std::string Store::next_tracking_number(const Transaction& tx, std::string_view year_month) {
    Statement query = tx.db().prepare(
        "SELECT COALESCE(MAX(CAST(substr(tracking_number, 7) AS INTEGER)), 500000) + 1 FROM applications"
        " WHERE origin = 'kiosk' AND substr(tracking_number, 1, 6) = ?");
    query.bind(1, year_month).step();
    const std::int64_t counter = query.integer(0);
    if (counter > 999999 || year_month.size() != 6)
        throw DatabaseError("tracking numbers exhausted for the month");
    return std::string(year_month) + zero_padded(counter, 6);
}

void Store::insert_application(const Transaction& tx, const FiledApplication& filed) {
    const Application& application = filed.application;
    Statement insert = tx.db().prepare(
        "INSERT INTO applications (tracking_number, id_number, service_id, state, updated_on, origin, "
        "kiosk_id,"
        " agent_id_number) VALUES (?, ?, ?, ?, ?, 'kiosk', ?, ?)");
    insert.bind(1, application.tracking_number)
        .bind(2, application.id_number)
        .bind(3, application.service_id);
    insert.bind(4, application.state).bind(5, application.updated_on).bind(6, filed.kiosk_id);
    bind_text_or_null(insert, 7, filed.agent_id_number);
    insert.run();
    std::int64_t position = 0;
    for (const FiledAttachment& attachment : filed.attachments) {
        Statement add = tx.db().prepare(
            "INSERT INTO attachments (tracking_number, position, document_index, mime, data, ocr_text, "
            "reading)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)");
        add.bind(1, application.tracking_number).bind(2, position++);
        if (attachment.document_index) {
            add.bind(3, *attachment.document_index);
        } else {
            add.bind_null(3);
        }
        add.bind(4, attachment.mime).bind_blob(5, attachment.bytes).bind(6, attachment.ocr_text);
        bind_text_or_null(add, 7, attachment.reading_json);
        add.run();
    }
}

std::int64_t Store::attachment_count(const Transaction& tx, std::string_view tracking_number) {
    Statement query = tx.db().prepare("SELECT COUNT(*) FROM attachments WHERE tracking_number = ?");
    query.bind(1, tracking_number).step();
    return query.integer(0);
}

std::vector<std::string> Store::attachment_readings(const Transaction& tx, std::string_view tracking_number) {
    Statement query = tx.db().prepare(
        "SELECT COALESCE(reading, '') FROM attachments WHERE tracking_number = ? ORDER BY position");
    query.bind(1, tracking_number);
    std::vector<std::string> readings;
    while (query.step()) readings.push_back(query.text(0));
    return readings;
}

void Store::record_heartbeat(const Transaction& tx, std::string_view kiosk_id, std::string_view seen_at,
                             std::string_view version, std::string_view devices_json) {
    Statement upsert = tx.db().prepare(
        "INSERT INTO kiosks (kiosk_id, last_seen, version, devices) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (kiosk_id) DO UPDATE SET last_seen = excluded.last_seen, version = excluded.version,"
        " devices = excluded.devices");
    upsert.bind(1, kiosk_id).bind(2, seen_at).bind(3, version).bind(4, devices_json).run();
}

}  // namespace hk::central
