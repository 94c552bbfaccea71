// The transaction journal: every step of issuing a certificate or filing an application is written (SQLite,
// WAL, synchronous=FULL) before the kiosk acts on it, with the step's idempotency key. After a crash or a
// power cut the journal says what to finish: re-ask the central service with the same key (it answers with
// what it already issued, never a second certificate), print what was issued and not printed, and forget what
// was done. Personal data (the request's identities, the certificate) is kept only sealed (AES-GCM) and only
// until the transaction is done.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sealed_box.h"

namespace hk::kiosk {

enum class TransactionKind : std::uint8_t { Certificate, Application };

// Where a transaction got to. Stored as text; the order matters: each step is written before acting on the
// next.
enum class TransactionStep : std::uint8_t {
    Requested,       // about to call the central service (or called: the answer was not recorded)
    Issued,          // the central service answered with a certificate or a tracking number
    PrintSubmitted,  // about to hand the certificate to the printer (or handed: not confirmed)
    Printed,         // the printer accepted it
    Held,            // issued but not handed over: kept (sealed) for reprint
    Done,            // handed over; personal data purged
    Abandoned,       // the central service refused; nothing was issued
};
std::string_view to_string(TransactionStep step);

struct JournalEntry {
    std::string key;  // the idempotency key
    TransactionKind kind = TransactionKind::Certificate;
    std::string service_id;
    TransactionStep step = TransactionStep::Requested;
    std::string reference;  // certificate serial or tracking number, once known
    std::string request;    // opened: the request as JSON (personal), empty once purged
    std::string result;     // opened: the certificate or receipt as JSON (personal), empty once purged
};

class Journal {
  public:
    static std::expected<Journal, std::string> open(const std::filesystem::path& database, SealedBox box);
    Journal(Journal&& other) noexcept;
    Journal& operator=(Journal&&) = delete;
    Journal(const Journal&) = delete;
    ~Journal();

    // Each returns false (and logs nothing personal) when the write did not reach the disk.
    bool requested(const std::string& key, TransactionKind kind, const std::string& service_id,
                   const std::string& request_json);
    bool issued(const std::string& key, const std::string& reference, const std::string& result_json);
    bool print_submitted(const std::string& key);
    bool printed(const std::string& key);
    bool done(const std::string& key);  // purges the sealed data
    bool abandoned(const std::string& key);
    bool held(const std::string& key);

    // Sessions: a session that was never closed was cut short by a crash.
    bool session_started(std::uint64_t session_serial, const std::string& boot_id);
    bool session_ended(std::uint64_t session_serial, const std::string& boot_id);
    // Closes every session left open (by a crash) and returns how many there were.
    int close_interrupted_sessions();

    [[nodiscard]] std::optional<JournalEntry> find(const std::string& key) const;
    // Transactions recovery has to finish (not held, done or abandoned), oldest first.
    [[nodiscard]] std::vector<JournalEntry> unfinished() const;
    [[nodiscard]] int count(TransactionStep step) const;

    // Certificates kept for reprint (held), oldest first, opened: what a returning holder can ask to print.
    [[nodiscard]] std::vector<JournalEntry> kept_for_reprint() const;
    // Takes a held certificate back to "issued" for the session that prints it, which ends it as done, or
    // held again when the printer fails again. False when it is not held (any more).
    bool reopen_for_reprint(const std::string& key);

  private:
    Journal(sqlite3* db, SealedBox box) : db_(db), box_(std::move(box)) {}
    bool set_step(const std::string& key, TransactionStep step);
    bool exec(const char* sql);
    [[nodiscard]] JournalEntry read_row(sqlite3_stmt* row) const;
    // Every transaction matching an SQL condition (a constant of ours, never input), oldest first, opened.
    [[nodiscard]] std::vector<JournalEntry> entries_where(const char* condition) const;

    sqlite3* db_ = nullptr;
    SealedBox box_;
};

}  // namespace hk::kiosk
