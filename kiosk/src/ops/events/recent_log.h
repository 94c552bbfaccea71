// The process-wide ring of the last log records, which the kiosk serves to technicians (`kioskctl logs
// [--since]`, the support bundle), and their rendering as text lines and JSON. Filled by the logging sinks
// (log_event.h), so it holds every line the kiosk logged at or above the logger's level.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ops/events/event_catalogue.h"

namespace hk::ops {

struct LogRecord {
    std::chrono::system_clock::time_point time;
    EventId id = EventId::UncataloguedMessage;
    std::string_view name;  // the catalogue's, which lives as long as the process
    EventLevel level = EventLevel::Info;
    Disposition disposition = Disposition::NA;
    std::string message;  // without the event label
};

inline constexpr std::size_t kRecentLogCapacity = 2000;

// A bounded ring of records, oldest dropped first. Thread-safe.
class RecentLog {
  public:
    explicit RecentLog(std::size_t capacity = kRecentLogCapacity) : capacity_(capacity) {}

    void add(LogRecord record);
    // Oldest first; with `since`, only the records logged at or after it.
    [[nodiscard]] std::vector<LogRecord> records(
        std::optional<std::chrono::system_clock::time_point> since = {}) const;
    void clear();

  private:
    std::size_t capacity_;
    mutable std::mutex mutex_;
    std::deque<LogRecord> records_;
};

// The ring the kiosk's logger fills.
RecentLog& process_recent_log();

// The process ring's records, oldest first; with `since`, those logged at or after it.
std::vector<LogRecord> recent_log_records(std::optional<std::chrono::system_clock::time_point> since = {});

// "2026-11-23T07:37:27.123Z": UTC, milliseconds.
std::string format_log_time(std::chrono::system_clock::time_point time);

// One line per record, no trailing newline on the last:
// "2026-11-23T07:37:27.123Z warning E2002 device_faulted failure: A4 printer: out of paper".
std::string render_log_text(std::span<const LogRecord> records);

// {"time", "id", "name", "kind", "level", "disposition", "message"}; bytes that are not UTF-8 become U+FFFD
// so the object always serialises.
nlohmann::json log_record_json(const LogRecord& record);
// An array of log_record_json objects.
nlohmann::json render_log_json(std::span<const LogRecord> records);

}  // namespace hk::ops
