// The spdlog sinks of the kiosk's logger. Each turns a line into a LogRecord: the event log_event is emitting
// on this thread, or uncatalogued_message for a plain spdlog call. Text lines go to stderr (or a writer of
// the caller's), journald gets the event as fields, the ring keeps the records for technicians.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <spdlog/sinks/base_sink.h>

#include "ops/events/recent_log.h"

namespace hk::ops {

// The record of the line being logged, from the event being emitted on this thread (if any) and the message.
LogRecord record_of(const spdlog::details::log_msg& message);

// A record's text line: spdlog's usual pattern with the event in front of the message,
// "[2026-11-23 07:37:27.123] [hukiosk] [error] [E2002 device_faulted] A4 printer: out of paper".
class TextEventSink : public spdlog::sinks::base_sink<std::mutex> {
  public:
    using Writer = std::function<void(std::string_view line)>;  // gets each line with its newline
    explicit TextEventSink(Writer writer) : writer_(std::move(writer)) {}

  protected:
    void sink_it_(const spdlog::details::log_msg& message) override;
    void flush_() override {}

  private:
    Writer writer_;
};

// Text lines to stderr, flushed at once so a crash loses nothing.
std::shared_ptr<TextEventSink> stderr_event_sink();

// The journal fields of a record, "KEY=value" each: MESSAGE (with the event label in front, for a plain
// journalctl), PRIORITY, SYSLOG_IDENTIFIER=hukiosk, HUKIOSK_EVENT_ID, HUKIOSK_EVENT_NAME, HUKIOSK_EVENT_KIND,
// HUKIOSK_DISPOSITION.
std::vector<std::string> journald_fields(const LogRecord& record);

// The syslog priority journald files a level under (debug 7 ... critical 2).
int journald_priority(EventLevel level);

class JournaldEventSink : public spdlog::sinks::base_sink<std::mutex> {
  public:
    // Sends the fields; 0 or more on success, -errno on failure (-ENOENT: no journald on this machine).
    // Replaceable so tests see what is sent.
    using Sender = std::function<int(const std::vector<std::string>& fields)>;
    static int send_to_journald(const std::vector<std::string>& fields);

    // When the journal refuses a line (no journald), it goes to `fallback` instead of being lost.
    explicit JournaldEventSink(Sender sender = send_to_journald,
                               std::shared_ptr<spdlog::sinks::sink> fallback = stderr_event_sink())
        : sender_(std::move(sender)), fallback_(std::move(fallback)) {}

  protected:
    void sink_it_(const spdlog::details::log_msg& message) override;
    void flush_() override {}

  private:
    Sender sender_;
    std::shared_ptr<spdlog::sinks::sink> fallback_;
};

// Keeps every record in a RecentLog.
class RingEventSink : public spdlog::sinks::base_sink<std::mutex> {
  public:
    explicit RingEventSink(RecentLog& ring) : ring_(ring) {}

  protected:
    void sink_it_(const spdlog::details::log_msg& message) override { ring_.add(record_of(message)); }
    void flush_() override {}

  private:
    RecentLog& ring_;
};

}  // namespace hk::ops
