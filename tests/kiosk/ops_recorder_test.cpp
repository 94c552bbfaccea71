// The operational record of events: failures are counted per fault code when they befall a citizen's step or
// a technician's command, not when the chip reader fails while merely watched for technician cards (the
// health monitor reports the device; the counter would otherwise grow every few seconds on an idle kiosk).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "app/operations.h"
#include "app/ops_recorder.h"
#include "ops/metrics/metric_names.h"

namespace hk::kiosk {
namespace {

std::int64_t failures(Operations& ops, const std::string& code) {
    for (const ops::CounterValue& counter : ops.counters.snapshot()) {
        if (counter.name != ops::metric_names::kFailuresTotal) continue;
        for (const auto& [name, value] : counter.labels) {
            if (name == "code" && value == code) return counter.value;
        }
    }
    return 0;
}

TEST(OpsRecorder, AReaderFailingWhileWatchedForTechnicianCardsIsNotCountedAsAFailure) {
    const auto dir =
        std::filesystem::temp_directory_path() / ("hukiosk-ops-recorder-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir);
    auto ops = open_operations(KioskConfig{}, dir);
    ASSERT_TRUE(ops) << ops.error();
    OpsRecorder recorder(**ops, [] {});
    const auto now = std::chrono::steady_clock::now();
    const State state;
    const drivers::DeviceFault unplugged{drivers::DeviceKind::ChipReader, drivers::FaultKind::Unplugged,
                                         "test"};

    recorder.on_command(WatchForTechnicianCard{7}, now);
    recorder.on_event(DeviceFailed{7, unplugged}, state, now);
    EXPECT_EQ(failures(**ops, "CHP-01"), 0);

    recorder.on_command(ReadChip{8, {}}, now);
    recorder.on_event(DeviceFailed{8, unplugged}, state, now);
    EXPECT_EQ(failures(**ops, "CHP-01"), 1);
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace hk::kiosk
