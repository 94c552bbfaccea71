// The journald sink: the fields it sends for a record (through a sender of the test's, since this machine may
// have no journald), its fallback to stderr when the journal refuses, and what the real sender does here.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "log_capture.h"
#include "ops/events/event_sinks.h"
#include "ops/events/log_event.h"

namespace hk::ops {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(JournaldFields, NameTheEventForJournalctl) {
    LogRecord record{std::chrono::system_clock::now(),
                     EventId::HeartbeatDisconnected,
                     "heartbeat_disconnected",
                     EventLevel::Warning,
                     Disposition::Failure,
                     "broker gone"};
    EXPECT_THAT(journald_fields(record),
                ElementsAre("MESSAGE=[E10001 heartbeat_disconnected] broker gone", "PRIORITY=4",
                            "SYSLOG_IDENTIFIER=hukiosk", "HUKIOSK_EVENT_ID=10001",
                            "HUKIOSK_EVENT_NAME=heartbeat_disconnected", "HUKIOSK_EVENT_KIND=telemetry",
                            "HUKIOSK_DISPOSITION=failure"));
}

TEST(JournaldFields, PrioritiesAreSyslogs) {
    EXPECT_EQ(journald_priority(EventLevel::Debug), 7);
    EXPECT_EQ(journald_priority(EventLevel::Info), 6);
    EXPECT_EQ(journald_priority(EventLevel::Warning), 4);
    EXPECT_EQ(journald_priority(EventLevel::Error), 3);
    EXPECT_EQ(journald_priority(EventLevel::Critical), 2);
}

TEST(JournaldSink, SendsEachLoggedEventAsFields) {
    process_recent_log().clear();
    // Shared with the sender, which the logger keeps after this test.
    auto sent = std::make_shared<std::vector<std::vector<std::string>>>();
    init_logging(std::make_shared<JournaldEventSink>([sent](const std::vector<std::string>& fields) {
        sent->push_back(fields);
        return 0;
    }));
    log_event(EventId::ChipReadFinished, Disposition::Failure, "chip read: {}", "access refused");
    ASSERT_EQ(sent->size(), 1u);
    EXPECT_THAT((*sent)[0], ElementsAre("MESSAGE=[E2007 chip_read_finished] chip read: access refused",
                                        "PRIORITY=6", "SYSLOG_IDENTIFIER=hukiosk", "HUKIOSK_EVENT_ID=2007",
                                        "HUKIOSK_EVENT_NAME=chip_read_finished", "HUKIOSK_EVENT_KIND=device",
                                        "HUKIOSK_DISPOSITION=failure"));
    EXPECT_EQ(recent_log_records().size(), 1u);  // the ring gets it too
}

TEST(JournaldSink, FallsBackToTextWhenTheJournalRefuses) {
    auto fallback_lines = std::make_shared<std::vector<std::string>>();
    auto fallback = std::make_shared<TextEventSink>(
        [fallback_lines](std::string_view line) { fallback_lines->emplace_back(line); });
    init_logging(
        std::make_shared<JournaldEventSink>([](const std::vector<std::string>&) { return -2; }, fallback));
    log_event(EventId::WatchdogStalled, "main loop silent for {} s", 30);
    ASSERT_EQ(fallback_lines->size(), 1u);
    EXPECT_THAT((*fallback_lines)[0],
                HasSubstr("[critical] [E1007 watchdog_stalled] main loop silent for 30 s"));
}

// The real sender: accepted where journald listens, refused (so the fallback takes over) where it does not.
TEST(JournaldSink, TheRealSenderMatchesWhetherJournaldRunsHere) {
    const bool journald_here = std::filesystem::exists("/run/systemd/journal/socket");
    LogRecord record{std::chrono::system_clock::now(),
                     EventId::SimulationNote,
                     "simulation_note",
                     EventLevel::Debug,
                     Disposition::NA,
                     "ops_events_test: journald probe"};
    const int result = JournaldEventSink::send_to_journald(journald_fields(record));
    if (journald_here) {
        EXPECT_GE(result, 0);
    } else {
        EXPECT_LT(result, 0)
            << "no journald socket here: the line must be refused so the sink falls back to stderr";
    }
}

}  // namespace
}  // namespace hk::ops
