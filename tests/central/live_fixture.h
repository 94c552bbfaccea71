// An integration test's world: a fresh PKI, central-ref started on a free port with its own database, and
// kiosk "kiosk-a"'s client over mutual TLS.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "central_process.h"

namespace hk::central::test {

class LiveCentral : public ::testing::Test {
  protected:
    // One number from the server's database, read through a separate read-only connection as an auditor
    // would.
    std::int64_t query_count(const std::string& sql) const {
        sqlite3* db = nullptr;
        std::int64_t value = -1;
        if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
            sqlite3_stmt* statement = nullptr;
            if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
                sqlite3_step(statement) == SQLITE_ROW) {
                value = sqlite3_column_int64(statement, 0);
            }
            sqlite3_finalize(statement);
        }
        sqlite3_close(db);
        return value;
    }

    httplib::Result post(const std::string& path, const nlohmann::json& body, const std::string& key = "") {
        httplib::Headers headers;
        if (!key.empty()) headers.emplace("Idempotency-Key", key);
        return client->Post(path.c_str(), headers, body.dump(), "application/json");
    }

    static nlohmann::json card(const std::string& id_number, const std::string& name = "王小明") {
        return {{"source", "resident_id_card"}, {"name", name}, {"id_number", id_number}};
    }

    TempDir temp;
    Pki pki = make_pki(temp.path() / "pki");
    std::filesystem::path db_path = temp.path() / "central.sqlite";
    std::unique_ptr<CentralProcess> server = std::make_unique<CentralProcess>(pki, db_path);
    std::unique_ptr<httplib::SSLClient> client = kiosk_client(pki, server->port());
};

inline constexpr const char* kWangXiaoming = "110101198503071235";
inline constexpr const char* kLiJing = "110101198709122341";
inline constexpr const char* kJinYingji = "222401196302145685";

}  // namespace hk::central::test
