#include "run_self_test.h"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>

#include "scratch_dir.h"

namespace hk::ops {
namespace {

using drivers::DeviceKind;
using drivers::FaultKind;

// A device whose self-test answers what the test scripts.
class ScriptedDevice final : public drivers::Device {
  public:
    ScriptedDevice(DeviceKind kind, drivers::SelfTestResult answer)
        : kind_(kind), answer_(std::move(answer)) {}
    [[nodiscard]] DeviceKind kind() const override { return kind_; }
    drivers::DeviceStatus status() override { return {}; }
    drivers::SelfTestResult self_test() override {
        ++runs;
        return answer_;
    }
    int runs = 0;

  private:
    DeviceKind kind_;
    drivers::SelfTestResult answer_;
};

const std::chrono::system_clock::time_point kNow{std::chrono::seconds{1'795'000'000}};

std::optional<std::string> check(const SelfTestRecord& record, const std::string& name) {
    for (const auto& [key, value] : record.result.checks) {
        if (key == name) return value;
    }
    return std::nullopt;
}

TEST(RunSelfTest, FailedResultGetsItsFaultCodeAndTheTimeItRan) {
    ScriptedDevice scanner{
        DeviceKind::DocumentScanner,
        {false, FaultKind::PaperJam, "feeder jammed", {{"calibration_scan", "paper_jam"}}}};
    const SelfTestRecord record = run_self_test(scanner, kNow);
    EXPECT_EQ(scanner.runs, 1);
    EXPECT_EQ(record.device, DeviceKind::DocumentScanner);
    EXPECT_EQ(record.when, kNow);
    EXPECT_FALSE(record.result.passed);
    EXPECT_EQ(record.fault_code, "SCN-07");
    EXPECT_EQ(record.result.summary, "feeder jammed");
    ASSERT_GE(record.result.checks.size(), 2U);
    EXPECT_EQ(record.result.checks.front().first, "calibration_scan");
    // The duration is a whole number of milliseconds, appended after the device's own checks.
    EXPECT_EQ(record.result.checks.back().first, "duration_ms");
    const auto duration = check(record, "duration_ms");
    ASSERT_TRUE(duration.has_value());
    EXPECT_GE(std::stoll(*duration), 0);
}

TEST(RunSelfTest, PassedResultHasNoCode) {
    ScriptedDevice camera{DeviceKind::Camera,
                          {true, std::nullopt, "frames good", {{"frame_content", "varied"}}}};
    const SelfTestRecord record = run_self_test(camera, kNow);
    EXPECT_TRUE(record.result.passed);
    EXPECT_TRUE(record.fault_code.empty());
    EXPECT_FALSE(record.result.fault.has_value());
}

TEST(RunSelfTest, FailureWithoutAFaultStillGetsACode) {
    ScriptedDevice printer{DeviceKind::A4Printer, {false, std::nullopt, "something is wrong", {}}};
    const SelfTestRecord record = run_self_test(printer, kNow);
    EXPECT_EQ(record.result.fault, FaultKind::IoError);
    EXPECT_EQ(record.fault_code, "A4P-11");
}

TEST(RunSelfTest, RecordsRoundTripThroughTheStore) {
    test::SelfTestScratchDir dir;
    auto store = SelfTestStore::open(dir.path() / "s.db");
    ASSERT_TRUE(store.has_value()) << store.error();
    ScriptedDevice reader{DeviceKind::ResidentIdReader,
                          {false, FaultKind::Unplugged, "no reader", {{"connection", "/dev/ttyUSB0"}}}};
    const SelfTestRecord record = run_self_test(reader, kNow);
    store->record(record);
    const auto latest = store->latest();
    ASSERT_EQ(latest.size(), 1U);
    EXPECT_EQ(latest[0].fault_code, "IDR-01");
    EXPECT_EQ(latest[0].result.checks, record.result.checks);
}

}  // namespace
}  // namespace hk::ops
