// The ring technicians read: bounded, oldest dropped first, filtered by time, rendered as text and JSON.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

#include "log_capture.h"
#include "ops/events/recent_log.h"

namespace hk::ops {
namespace {

using namespace std::chrono;
using ::testing::HasSubstr;

// 2026-11-23T07:37:27.123Z
const system_clock::time_point kSomeTime =
    sys_days{year{2026} / November / 23} + hours{7} + minutes{37} + seconds{27} + milliseconds{123};

LogRecord record_at(system_clock::time_point time, std::string message, EventId id = EventId::DeviceFaulted) {
    return {time, id, event_info(id).name, event_info(id).level, Disposition::Failure, std::move(message)};
}

TEST(RecentLog, KeepsOnlyTheNewestRecords) {
    RecentLog ring(3);
    for (int i = 0; i < 5; ++i) ring.add(record_at(kSomeTime + seconds{i}, "line " + std::to_string(i)));
    const auto records = ring.records();
    ASSERT_EQ(records.size(), 3u);
    EXPECT_EQ(records[0].message, "line 2");
    EXPECT_EQ(records[2].message, "line 4");
}

TEST(RecentLog, SinceKeepsRecordsAtOrAfterIt) {
    RecentLog ring;
    ring.add(record_at(kSomeTime, "before"));
    ring.add(record_at(kSomeTime + seconds{1}, "at"));
    ring.add(record_at(kSomeTime + seconds{2}, "after"));
    const auto records = ring.records(kSomeTime + seconds{1});
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].message, "at");
    EXPECT_EQ(records[1].message, "after");
    EXPECT_TRUE(ring.records(kSomeTime + seconds{3}).empty());
    EXPECT_EQ(ring.records().size(), 3u);
}

TEST(RecentLog, TheProcessRingFiltersLoggedEventsBySince) {
    testing::LogCapture capture;
    log_event(EventId::SessionStarted, "session 1");
    const system_clock::time_point first = recent_log_records().back().time;
    while (system_clock::now() <= first) {
        // wait for the clock to move on, so the next record is strictly later
    }
    log_event(EventId::SessionEnded, Disposition::Success, "session 1 done");
    const auto later = recent_log_records(recent_log_records().back().time);
    ASSERT_EQ(later.size(), 1u);
    EXPECT_EQ(later[0].id, EventId::SessionEnded);
    EXPECT_EQ(recent_log_records(first).size(), 2u);
}

TEST(RecentLog, TheProcessRingHoldsTheLastTwoThousand) {
    testing::LogCapture capture;
    for (int i = 0; i < 2100; ++i) log_event(EventId::ControlCommand, Disposition::Success, "status {}", i);
    const auto records = recent_log_records();
    ASSERT_EQ(records.size(), kRecentLogCapacity);
    EXPECT_EQ(records.front().message, "status 100");
    EXPECT_EQ(records.back().message, "status 2099");
}

TEST(RecentLog, RendersOneTextLinePerRecord) {
    const std::vector<LogRecord> records{record_at(kSomeTime, "A4 printer: out of paper"),
                                         record_at(kSomeTime + milliseconds{5}, "scanner: cover open")};
    EXPECT_EQ(render_log_text(records),
              "2026-11-23T07:37:27.123Z error E2002 device_faulted failure: A4 printer: out of paper\n"
              "2026-11-23T07:37:27.128Z error E2002 device_faulted failure: scanner: cover open");
    EXPECT_EQ(render_log_text({}), "");
}

TEST(RecentLog, RendersJson) {
    const std::vector<LogRecord> records{record_at(kSomeTime, "A4 printer: out of paper")};
    const nlohmann::json json = render_log_json(records);
    ASSERT_TRUE(json.is_array());
    ASSERT_EQ(json.size(), 1u);
    EXPECT_EQ(json[0], (nlohmann::json{{"time", "2026-11-23T07:37:27.123Z"},
                                       {"id", 2002},
                                       {"name", "device_faulted"},
                                       {"kind", "device"},
                                       {"level", "error"},
                                       {"disposition", "failure"},
                                       {"message", "A4 printer: out of paper"}}));
}

TEST(RecentLog, JsonSurvivesAMessageThatIsNotUtf8) {
    const nlohmann::json json = log_record_json(record_at(kSomeTime, "reader said \xff\xfe"));
    const std::string dumped = json.dump();  // would throw on the raw bytes
    EXPECT_THAT(dumped, HasSubstr("reader said \xEF\xBF\xBD\xEF\xBF\xBD"));
}

}  // namespace
}  // namespace hk::ops
