#include "drivers/sim/fault_injector.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace hk::drivers::sim {
namespace {

using std::chrono::milliseconds;

TEST(FaultInjector, StartsWithNoFault) {
    FaultInjector faults;
    EXPECT_FALSE(faults.unplugged());
    EXPECT_EQ(faults.delay(), milliseconds{0});
    EXPECT_EQ(faults.take_fault(), std::nullopt);
}

TEST(FaultInjector, OneShotFaultsStrikeOnceInTheOrderGiven) {
    FaultInjector faults;
    faults.fail_next(FaultKind::Timeout);
    faults.fail_next(FaultKind::CardRemoved);
    EXPECT_EQ(faults.take_fault(), FaultKind::Timeout);
    EXPECT_EQ(faults.take_fault(), FaultKind::CardRemoved);
    EXPECT_EQ(faults.take_fault(), std::nullopt);
}

TEST(FaultInjector, UnpluggedLastsAndWinsOverOneShotFaultsWithoutConsumingThem) {
    FaultInjector faults;
    faults.fail_next(FaultKind::PaperJam);
    faults.set_unplugged(true);
    EXPECT_TRUE(faults.unplugged());
    EXPECT_EQ(faults.take_fault(), FaultKind::Unplugged);
    EXPECT_EQ(faults.take_fault(), FaultKind::Unplugged);
    faults.set_unplugged(false);
    EXPECT_EQ(faults.take_fault(), FaultKind::PaperJam);
    EXPECT_EQ(faults.take_fault(), std::nullopt);
}

TEST(FaultInjector, TakeFaultOfConsumesOnlyTheNamedKind) {
    FaultInjector faults;
    faults.fail_next(FaultKind::Timeout);
    faults.fail_next(FaultKind::PaperJam);
    EXPECT_FALSE(faults.take_fault_of(FaultKind::CoverOpen));
    EXPECT_TRUE(faults.take_fault_of(FaultKind::PaperJam));
    EXPECT_FALSE(faults.take_fault_of(FaultKind::PaperJam));
    EXPECT_EQ(faults.take_fault(), FaultKind::Timeout);
    EXPECT_EQ(faults.take_fault(), std::nullopt);
}

TEST(FaultInjector, KeepsTheDelayAndClearForgetsEverything) {
    FaultInjector faults;
    faults.set_delay(milliseconds{25});
    faults.set_unplugged(true);
    faults.fail_next(FaultKind::Busy);
    EXPECT_EQ(faults.delay(), milliseconds{25});
    faults.clear();
    EXPECT_EQ(faults.delay(), milliseconds{0});
    EXPECT_FALSE(faults.unplugged());
    EXPECT_EQ(faults.take_fault(), std::nullopt);
}

TEST(FaultInjector, LosesNoFaultWhenManyThreadsInjectAndTake) {
    FaultInjector faults;
    constexpr int kThreads = 4;
    constexpr int kPerThread = 500;
    std::vector<std::thread> injectors;
    for (int t = 0; t < kThreads; ++t) {
        injectors.emplace_back([&faults] {
            for (int i = 0; i < kPerThread; ++i) faults.fail_next(FaultKind::IoError);
        });
    }
    int taken = 0;
    std::thread taker([&] {
        // Takes while the injectors run, then drains what is left once they are done.
        for (int i = 0; i < kThreads * kPerThread; ++i) {
            if (faults.take_fault()) ++taken;
        }
    });
    for (auto& thread : injectors) thread.join();
    taker.join();
    while (faults.take_fault()) ++taken;
    EXPECT_EQ(taken, kThreads * kPerThread);
}

}  // namespace
}  // namespace hk::drivers::sim
