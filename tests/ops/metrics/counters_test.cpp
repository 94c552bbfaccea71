#include "counters.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "metric_names.h"
#include "scratch_dir.h"

namespace hk::ops {
namespace {

using test::ScratchDir;

Counters open_counters(const std::filesystem::path& file) {
    auto counters = Counters::open(file);
    EXPECT_TRUE(counters.has_value()) << (counters ? "" : counters.error());
    return std::move(*counters);
}

TEST(Counters, StartAtZeroAndAddDeltas) {
    const ScratchDir dir;
    Counters counters = open_counters(dir.path() / "counters.db");
    EXPECT_EQ(counters.value(metric_names::kPagesPrintedTotal), 0);
    counters.add(metric_names::kPagesPrintedTotal);
    counters.add(metric_names::kPagesPrintedTotal, {}, 4);
    counters.add(metric_names::kReceiptMmTotal, {}, 117);
    EXPECT_EQ(counters.value(metric_names::kPagesPrintedTotal), 5);
    EXPECT_EQ(counters.value(metric_names::kReceiptMmTotal), 117);
}

TEST(Counters, NeverGoDown) {
    const ScratchDir dir;
    Counters counters = open_counters(dir.path() / "counters.db");
    counters.add(metric_names::kPagesPrintedTotal, {}, 3);
    counters.add(metric_names::kPagesPrintedTotal, {}, -2);
    EXPECT_EQ(counters.value(metric_names::kPagesPrintedTotal), 3);
}

TEST(Counters, SurviveReopen) {
    const ScratchDir dir;
    const auto file = dir.path() / "counters.db";
    {
        Counters counters = open_counters(file);
        counters.add(metric_names::kSessionsTotal, {}, 3);
        counters.add(metric_names::kFailuresTotal, {{"code", "A4P-06"}}, 2);
        counters.add(metric_names::kFailuresTotal, {{"code", "NFC-02"}});
    }
    Counters reopened = open_counters(file);
    EXPECT_EQ(reopened.value(metric_names::kSessionsTotal), 3);
    EXPECT_EQ(reopened.value(metric_names::kFailuresTotal, {{"code", "A4P-06"}}), 2);
    EXPECT_EQ(reopened.value(metric_names::kFailuresTotal, {{"code", "NFC-02"}}), 1);
    reopened.add(metric_names::kSessionsTotal);
    EXPECT_EQ(reopened.value(metric_names::kSessionsTotal), 4);

    const std::vector<CounterValue> all = reopened.snapshot();
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].name, metric_names::kFailuresTotal);
    EXPECT_EQ(all[2].name, metric_names::kSessionsTotal);
    EXPECT_EQ(all[2].value, 4);
}

TEST(Counters, LabelsAreOrderInsensitive) {
    const ScratchDir dir;
    const auto file = dir.path() / "counters.db";
    {
        Counters counters = open_counters(file);
        counters.add("hukiosk_test_total", {{"b", "2"}, {"a", "1"}});
        counters.add("hukiosk_test_total", {{"a", "1"}, {"b", "2"}});
        EXPECT_EQ(counters.value("hukiosk_test_total", {{"b", "2"}, {"a", "1"}}), 2);
        EXPECT_EQ(counters.snapshot().size(), 1u);
    }
    Counters reopened = open_counters(file);
    EXPECT_EQ(reopened.value("hukiosk_test_total", {{"a", "1"}, {"b", "2"}}), 2);
    const auto all = reopened.snapshot();
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].labels, (Labels{{"a", "1"}, {"b", "2"}}));
}

TEST(Counters, LabelValuesWithAnyCharactersStayDistinctSeries) {
    const ScratchDir dir;
    const auto file = dir.path() / "counters.db";
    const Labels tricky{{"code", "a\"b\\c\nd"}};
    const Labels lookalike{{"code", "a"}, {"b\\c\nd", ""}};
    {
        Counters counters = open_counters(file);
        counters.add(metric_names::kFailuresTotal, tricky, 7);
        counters.add(metric_names::kFailuresTotal, lookalike, 1);
    }
    Counters reopened = open_counters(file);
    EXPECT_EQ(reopened.value(metric_names::kFailuresTotal, tricky), 7);
    EXPECT_EQ(reopened.value(metric_names::kFailuresTotal, lookalike), 1);
}

TEST(Counters, ConcurrentAddsFromThreadsSumExactly) {
    const ScratchDir dir;
    const auto file = dir.path() / "counters.db";
    constexpr int kThreads = 4;
    constexpr int kAddsPerThread = 60;
    {
        Counters counters = open_counters(file);
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&counters, t] {
                for (int i = 0; i < kAddsPerThread; ++i) {
                    counters.add(metric_names::kPagesScannedTotal, {}, 2);
                    counters.add(metric_names::kChipReadsTotal, {{"outcome", t % 2 == 0 ? "ok" : "failed"}});
                }
            });
        }
        for (auto& thread : threads) thread.join();
        EXPECT_EQ(counters.value(metric_names::kPagesScannedTotal), 2 * kThreads * kAddsPerThread);
    }
    Counters reopened = open_counters(file);
    EXPECT_EQ(reopened.value(metric_names::kPagesScannedTotal), 2 * kThreads * kAddsPerThread);
    EXPECT_EQ(reopened.value(metric_names::kChipReadsTotal, {{"outcome", "ok"}}),
              kThreads / 2 * kAddsPerThread);
    EXPECT_EQ(reopened.value(metric_names::kChipReadsTotal, {{"outcome", "failed"}}),
              kThreads / 2 * kAddsPerThread);
}

TEST(Counters, OpenFailsOnAnUnwritablePath) {
    const ScratchDir dir;
    auto counters = Counters::open(dir.path() / "no-such-dir" / "counters.db");
    ASSERT_FALSE(counters.has_value());
    EXPECT_NE(counters.error().find("counters"), std::string::npos);
}

}  // namespace
}  // namespace hk::ops
