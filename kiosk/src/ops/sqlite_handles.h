// Owning handles for the SQLite stores of the operations folders (counters, self-test results): a database
// closed and a statement finalised however the function that holds them returns.
#pragma once

#include <sqlite3.h>

#include <memory>

namespace hk::ops {

struct StatementRelease {
    void operator()(sqlite3_stmt* statement) const noexcept { sqlite3_finalize(statement); }
};
using StatementHandle = std::unique_ptr<sqlite3_stmt, StatementRelease>;

struct DatabaseRelease {
    void operator()(sqlite3* db) const noexcept { sqlite3_close(db); }
};
using DatabaseHandle = std::unique_ptr<sqlite3, DatabaseRelease>;

}  // namespace hk::ops
