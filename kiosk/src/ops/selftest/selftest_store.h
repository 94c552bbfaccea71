// Where device self-test results are kept: one SQLite table, one row per self-test run, with when it ran,
// what it checked and the fault code a technician looks up in docs/faults.md. Service mode, kioskctl and the
// readiness report read the newest result per device from here; the history shows a device that keeps
// failing.
#pragma once

#include <chrono>
#include <cstddef>
#include <expected>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "drivers/device.h"

namespace hk::ops {

struct SelfTestRecord {
    drivers::DeviceKind device;
    std::chrono::system_clock::time_point when;
    drivers::SelfTestResult result;
    std::string fault_code;  // "SCN-09", or empty when passed
};

// Safe to share between threads (one connection behind a mutex). Times are kept to the millisecond.
class SelfTestStore {
  public:
    // Opens (creating when needed) the database file; the error says what failed.
    static std::expected<SelfTestStore, std::string> open(const std::filesystem::path& database);

    SelfTestStore(SelfTestStore&&) noexcept;
    SelfTestStore& operator=(SelfTestStore&&) noexcept;
    ~SelfTestStore();

    // Appends one result. A write that fails is logged and dropped: a self-test must not fail for its record.
    void record(const SelfTestRecord& record);
    // The newest record of each device that has one, in the order of drivers::kAllDeviceKinds.
    [[nodiscard]] std::vector<SelfTestRecord> latest() const;
    // Up to `limit` records of all devices, newest first.
    [[nodiscard]] std::vector<SelfTestRecord> history(std::size_t limit) const;

  private:
    struct State;
    explicit SelfTestStore(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

}  // namespace hk::ops
