// Everything central-ref keeps, in one SQLite file (WAL, synchronous=FULL): the population, the applications
// and their states, the certificates issued, the idempotency ledger and the kiosks' last heartbeats.
//
// One connection behind one mutex: every read and write happens inside a Transaction, which holds the mutex
// and an IMMEDIATE SQLite transaction, so a certificate and its idempotency record are written together or
// not at all. Methods that touch the data take the Transaction as proof that the caller holds it.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "population.h"
#include "sqlite.h"

namespace hk::central {

class Store;

class Transaction {
  public:
    ~Transaction();  // rolls back unless committed
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();
    [[nodiscard]] Database& db() const { return db_; }

  private:
    friend class Store;
    Transaction(std::mutex& mutex, Database& db);

    std::unique_lock<std::mutex> lock_;
    Database& db_;
    bool open_ = true;
};

struct IssuedCertificateRecord {
    std::string serial;
    int year = 0;
    int counter = 0;
    std::string service_id;
    std::string holder_id_number;
    std::string agent_id_number;  // empty when the holder came in person
    std::string kiosk_id;
    std::string issued_on;
    std::string body;  // the Certificate JSON as answered
};

struct FiledAttachment {
    std::optional<std::int64_t> document_index;
    std::string mime;
    std::string bytes;
    std::string ocr_text;
    std::string reading_json;  // the kiosk's reading of the page (see requests.h); empty: none
};

struct FiledApplication {
    Application application;
    std::string agent_id_number;
    std::string kiosk_id;
    std::vector<FiledAttachment> attachments;
};

class Store {
  public:
    // Opens or creates the database file (":memory:" for tests) and brings its schema up to date.
    explicit Store(const std::string& path);

    Transaction begin();

    // Population (population_store.cpp). Reference data, rebuilt at every start from the seed; what the
    // service did (certificates, filed applications, idempotency records, heartbeats) is kept.
    void replace_population(const Transaction& tx, const Population& population, std::uint64_t seed);
    std::string issuer(const Transaction& tx);
    std::optional<Person> person_by_id_number(const Transaction& tx, std::string_view id_number);
    std::optional<Person> person_by_passport(const Transaction& tx, std::string_view document_number);
    std::vector<Person> household(const Transaction& tx, std::string_view household_id);
    std::optional<Station> station(const Transaction& tx, std::string_view station_id);
    std::vector<HandlingPoint> handling_points_least_busy_first(const Transaction& tx);

    // Certificates.
    std::string next_certificate_serial(const Transaction& tx, int year, int& counter);
    void insert_certificate(const Transaction& tx, const IssuedCertificateRecord& record);
    std::int64_t certificate_count(const Transaction& tx);

    // Applications.
    std::optional<Application> application(const Transaction& tx, std::string_view tracking_number);
    int applications_in_progress(const Transaction& tx, std::string_view id_number);
    // A fresh 12-digit number for the month "YYYYMM": counters from 500001 up, above the seeded ones.
    std::string next_tracking_number(const Transaction& tx, std::string_view year_month);
    void insert_application(const Transaction& tx, const FiledApplication& filed);
    std::int64_t attachment_count(const Transaction& tx, std::string_view tracking_number);
    // The kiosk's reading of each attachment, in filing order ("" where it read nothing).
    std::vector<std::string> attachment_readings(const Transaction& tx, std::string_view tracking_number);

    // Kiosks.
    void record_heartbeat(const Transaction& tx, std::string_view kiosk_id, std::string_view seen_at,
                          std::string_view version, std::string_view devices_json);

  private:
    void migrate();

    std::mutex mutex_;
    Database db_;
};

}  // namespace hk::central
