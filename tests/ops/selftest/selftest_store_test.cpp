#include "selftest_store.h"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>

#include "scratch_dir.h"

namespace hk::ops {
namespace {

using drivers::DeviceKind;
using drivers::FaultKind;
using std::chrono::milliseconds;
using std::chrono::system_clock;

const system_clock::time_point kMorning{milliseconds{1'795'000'000'000}};

SelfTestRecord passed(DeviceKind device, system_clock::time_point when, std::string summary) {
    return SelfTestRecord{device, when, drivers::SelfTestResult{true, std::nullopt, std::move(summary), {}},
                          ""};
}

SelfTestRecord failed(DeviceKind device, system_clock::time_point when, FaultKind fault) {
    return SelfTestRecord{device, when,
                          drivers::SelfTestResult{false,
                                                  fault,
                                                  "failed with " + std::string{drivers::to_string(fault)},
                                                  {{"status_answer", "yes"}}},
                          drivers::fault_code(device, fault)};
}

TEST(SelfTestStore, RecordsSurviveReopenWithEveryField) {
    test::SelfTestScratchDir dir;
    const auto database = dir.path() / "selftests.db";
    SelfTestRecord written = failed(DeviceKind::DocumentScanner, kMorning, FaultKind::NoDocument);
    written.result.checks = {{"device", "test:0"},
                             {"frame_size", "413x585"},
                             {"frame_content", "uniform"},
                             {"odd \"value\"", "line\nbreak, \xE4\xB8\xAD"}};
    {
        auto store = SelfTestStore::open(database);
        ASSERT_TRUE(store.has_value()) << store.error();
        store->record(written);
    }
    auto reopened = SelfTestStore::open(database);
    ASSERT_TRUE(reopened.has_value()) << reopened.error();
    const auto history = reopened->history(10);
    ASSERT_EQ(history.size(), 1U);
    const SelfTestRecord& read = history.front();
    EXPECT_EQ(read.device, DeviceKind::DocumentScanner);
    EXPECT_EQ(read.when, kMorning);
    EXPECT_FALSE(read.result.passed);
    EXPECT_EQ(read.result.fault, FaultKind::NoDocument);
    EXPECT_EQ(read.fault_code, "SCN-09");
    EXPECT_EQ(read.result.summary, written.result.summary);
    EXPECT_EQ(read.result.checks, written.result.checks);  // same pairs, same order
}

TEST(SelfTestStore, PassedRecordHasNoFaultAfterReopen) {
    test::SelfTestScratchDir dir;
    {
        auto store = SelfTestStore::open(dir.path() / "s.db");
        ASSERT_TRUE(store.has_value());
        store->record(passed(DeviceKind::Camera, kMorning, "frames good"));
    }
    auto store = SelfTestStore::open(dir.path() / "s.db");
    ASSERT_TRUE(store.has_value());
    const auto latest = store->latest();
    ASSERT_EQ(latest.size(), 1U);
    EXPECT_TRUE(latest[0].result.passed);
    EXPECT_FALSE(latest[0].result.fault.has_value());
    EXPECT_TRUE(latest[0].fault_code.empty());
    EXPECT_EQ(latest[0].result.summary, "frames good");
}

TEST(SelfTestStore, LatestPicksTheNewestPerDeviceWhateverTheOrderOfRecording) {
    test::SelfTestScratchDir dir;
    auto store = SelfTestStore::open(dir.path() / "s.db");
    ASSERT_TRUE(store.has_value());
    // Recorded out of time order: the clock, not the insertion order, decides which is newest.
    store->record(failed(DeviceKind::ReceiptPrinter, kMorning + std::chrono::hours{2}, FaultKind::PaperOut));
    store->record(passed(DeviceKind::ReceiptPrinter, kMorning, "morning"));
    store->record(passed(DeviceKind::ChipReader, kMorning, "old"));
    store->record(passed(DeviceKind::ChipReader, kMorning + std::chrono::minutes{5}, "new"));
    store->record(failed(DeviceKind::A4Printer, kMorning, FaultKind::CoverOpen));

    const auto latest = store->latest();
    ASSERT_EQ(latest.size(), 3U);
    // In the order of kAllDeviceKinds.
    EXPECT_EQ(latest[0].device, DeviceKind::ChipReader);
    EXPECT_EQ(latest[0].result.summary, "new");
    EXPECT_EQ(latest[1].device, DeviceKind::A4Printer);
    EXPECT_EQ(latest[1].fault_code, "A4P-08");
    EXPECT_EQ(latest[2].device, DeviceKind::ReceiptPrinter);
    EXPECT_FALSE(latest[2].result.passed);
    EXPECT_EQ(latest[2].fault_code, "RCP-06");
}

TEST(SelfTestStore, SameMillisecondTheOneRecordedLastWins) {
    test::SelfTestScratchDir dir;
    auto store = SelfTestStore::open(dir.path() / "s.db");
    ASSERT_TRUE(store.has_value());
    store->record(passed(DeviceKind::Camera, kMorning, "first"));
    store->record(failed(DeviceKind::Camera, kMorning, FaultKind::Unplugged));
    const auto latest = store->latest();
    ASSERT_EQ(latest.size(), 1U);
    EXPECT_EQ(latest[0].fault_code, "CAM-01");
}

TEST(SelfTestStore, HistoryIsNewestFirstAndLimited) {
    test::SelfTestScratchDir dir;
    auto store = SelfTestStore::open(dir.path() / "s.db");
    ASSERT_TRUE(store.has_value());
    for (int minute = 0; minute < 5; ++minute)
        store->record(passed(DeviceKind::DocumentScanner, kMorning + std::chrono::minutes{minute},
                             "run " + std::to_string(minute)));
    const auto three = store->history(3);
    ASSERT_EQ(three.size(), 3U);
    EXPECT_EQ(three[0].result.summary, "run 4");
    EXPECT_EQ(three[1].result.summary, "run 3");
    EXPECT_EQ(three[2].result.summary, "run 2");
    EXPECT_EQ(store->history(100).size(), 5U);
    EXPECT_TRUE(store->history(0).empty());
}

TEST(SelfTestStore, EmptyStoreHasNoResults) {
    test::SelfTestScratchDir dir;
    auto store = SelfTestStore::open(dir.path() / "s.db");
    ASSERT_TRUE(store.has_value());
    EXPECT_TRUE(store->latest().empty());
    EXPECT_TRUE(store->history(10).empty());
}

TEST(SelfTestStore, OpenFailsWithAReasonWhereNoFileCanBe) {
    test::SelfTestScratchDir dir;
    auto store = SelfTestStore::open(dir.path() / "missing-folder" / "s.db");
    ASSERT_FALSE(store.has_value());
    EXPECT_NE(store.error().find("missing-folder"), std::string::npos);
}

}  // namespace
}  // namespace hk::ops
