// A thin RAII layer over the SQLite C API: a connection, prepared statements with typed binds and columns.
// Failures throw DatabaseError: they are infrastructure faults (disk full, corrupt file) that become a 500
// and a rolled-back transaction, never a half-done write.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace hk::central {

class DatabaseError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class Statement {
  public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Parameters are numbered from 1, as in SQLite. Text and blobs are copied, so temporaries are safe.
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, double value);
    Statement& bind_blob(int index, std::string_view bytes);
    Statement& bind_null(int index);

    // Runs one step: true while a row is available, false when done.
    bool step();
    // Steps to completion (for statements that return no rows).
    void run();

    [[nodiscard]] std::string text(int column) const;  // NULL reads as ""
    [[nodiscard]] std::int64_t integer(int column) const;
    [[nodiscard]] double real(int column) const;
    [[nodiscard]] bool is_null(int column) const;

  private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

class Database {
  public:
    // Opens (creating if needed) the file; ":memory:" gives a private in-memory database for tests.
    explicit Database(const std::string& path);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql) { return Statement(db_, sql); }

  private:
    sqlite3* db_ = nullptr;
};

}  // namespace hk::central
