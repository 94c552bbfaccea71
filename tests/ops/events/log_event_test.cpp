// log_event: the event's id and name lead every text line, the level and disposition come from the catalogue
// (or the call, for "either" events), every line lands in the ring, and plain spdlog calls are labelled too.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <spdlog/spdlog.h>

#include "log_capture.h"
#include "ops/events/log_event.h"
#include "ops/events/recent_log.h"

namespace hk::ops {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(LogEvent, PutsTheEventInFrontOfTheMessage) {
    testing::LogCapture capture;
    log_event(EventId::DeviceFaulted, "A4 printer: {} ({} sheets left)", "out of paper", 0);
    ASSERT_EQ(capture.lines().size(), 1u);
    const std::string line = capture.lines()[0];
    EXPECT_THAT(line, StartsWith("["));  // spdlog's timestamp
    EXPECT_THAT(line, HasSubstr("[error] [E2002 device_faulted] A4 printer: out of paper (0 sheets left)"));
    EXPECT_THAT(line, EndsWith("\n"));
}

TEST(LogEvent, KeepsTheRecordInTheRing) {
    testing::LogCapture capture;
    log_event(EventId::DeviceBackendOpened, "receipt printer: ESC/POS over {}", "tcp:127.0.0.1:9100");
    const auto records = recent_log_records();
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].id, EventId::DeviceBackendOpened);
    EXPECT_EQ(records[0].name, "device_backend_opened");
    EXPECT_EQ(records[0].level, EventLevel::Info);
    EXPECT_EQ(records[0].disposition, Disposition::Success);
    EXPECT_EQ(records[0].message, "receipt printer: ESC/POS over tcp:127.0.0.1:9100");
}

TEST(LogEvent, AnEitherEventTakesTheCallsDisposition) {
    testing::LogCapture capture;
    log_event(EventId::PrintFinished, Disposition::Failure, "receipt: paper jam");
    log_event(EventId::PrintFinished, Disposition::Success, "receipt printed");
    log_event(EventId::PrintFinished, "no disposition given");
    const auto records = recent_log_records();
    ASSERT_EQ(records.size(), 3u);
    EXPECT_EQ(records[0].disposition, Disposition::Failure);
    EXPECT_EQ(records[1].disposition, Disposition::Success);
    EXPECT_EQ(records[2].disposition, Disposition::NA);
}

TEST(LogEvent, AFixedDispositionCannotBeContradicted) {
    testing::LogCapture capture;
    log_event(EventId::DeviceFaulted, Disposition::Success, "scanner: cover open");
    ASSERT_EQ(recent_log_records().size(), 1u);
    EXPECT_EQ(recent_log_records()[0].disposition, Disposition::Failure);
}

TEST(LogEvent, LabelsAPlainSpdlogCallAsUncatalogued) {
    testing::LogCapture capture;
    spdlog::warn("from a library: {}", 42);
    ASSERT_EQ(capture.lines().size(), 1u);
    EXPECT_THAT(capture.lines()[0], HasSubstr("[warning] [E1999 uncatalogued_message] from a library: 42"));
    const auto records = recent_log_records();
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].id, EventId::UncataloguedMessage);
    EXPECT_EQ(records[0].level, EventLevel::Warning);
}

TEST(LogEvent, DropsEventsBelowTheLoggersLevel) {
    testing::LogCapture capture;
    log_event(EventId::MetricsServed, "on port 9464");  // a debug event; the kiosk logs from info up
    EXPECT_TRUE(capture.lines().empty());
    EXPECT_TRUE(recent_log_records().empty());
}

TEST(LogEvent, WritesToStderrWhenAskedTo) {
    const std::filesystem::path file =
        std::filesystem::temp_directory_path() / ("hukiosk-events-stderr-" + std::to_string(getpid()));
    std::fflush(stderr);
    const int saved = dup(STDERR_FILENO);
    std::FILE* redirected = std::fopen(file.c_str(), "w");
    ASSERT_NE(redirected, nullptr);
    dup2(fileno(redirected), STDERR_FILENO);
    init_logging(LogTarget::Stderr);
    log_event(EventId::KioskStarted, "version {}", "0.1.0");
    std::fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    std::fclose(redirected);

    std::ostringstream written;
    written << std::ifstream(file).rdbuf();
    std::filesystem::remove(file);
    EXPECT_THAT(written.str(), HasSubstr("[info] [E1000 kiosk_started] version 0.1.0\n"));
}

TEST(LogEvent, DefaultsToJournaldOnlyUnderSystemd) {
    const char* stream = std::getenv("JOURNAL_STREAM");
    EXPECT_EQ(default_log_target(), stream != nullptr ? LogTarget::Journald : LogTarget::Stderr);
}

}  // namespace
}  // namespace hk::ops
