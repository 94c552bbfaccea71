#include "ops/events/event_sinks.h"

#include <sys/uio.h>
#include <systemd/sd-journal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include <fmt/format.h>

#include "ops/events/emitting_event.h"

namespace hk::ops {
namespace {

constexpr const char* kJournaldSocket = "/run/systemd/journal/socket";

EventLevel level_of(spdlog::level::level_enum level) {
    switch (level) {
        case spdlog::level::trace:
        case spdlog::level::debug:
            return EventLevel::Debug;
        case spdlog::level::info:
            return EventLevel::Info;
        case spdlog::level::warn:
            return EventLevel::Warning;
        case spdlog::level::err:
            return EventLevel::Error;
        case spdlog::level::critical:
        case spdlog::level::off:
        case spdlog::level::n_levels:
            return EventLevel::Critical;
    }
    return EventLevel::Info;
}

std::string labelled(const LogRecord& record) {
    return fmt::format("[{}] {}", event_label(record.id), record.message);
}

}  // namespace

LogRecord record_of(const spdlog::details::log_msg& message) {
    LogRecord record;
    record.time = message.time;
    record.message.assign(message.payload.data(), message.payload.size());
    if (const detail::EmittingEvent* event = detail::emitting_event()) {
        const EventInfo& info = event_info(event->id);
        record.id = info.id;
        record.level = info.level;
        record.disposition = event->disposition;
    } else {
        record.id = EventId::UncataloguedMessage;
        record.level = level_of(message.level);  // the plain call's own level
        record.disposition = Disposition::NA;
    }
    record.name = event_info(record.id).name;
    return record;
}

void TextEventSink::sink_it_(const spdlog::details::log_msg& message) {
    const std::string payload = labelled(record_of(message));
    spdlog::details::log_msg with_label = message;
    with_label.payload = payload;
    spdlog::memory_buf_t line;
    formatter_->format(with_label, line);
    writer_(std::string_view(line.data(), line.size()));
}

std::shared_ptr<TextEventSink> stderr_event_sink() {
    return std::make_shared<TextEventSink>([](std::string_view line) {
        std::fwrite(line.data(), 1, line.size(), stderr);
        std::fflush(stderr);
    });
}

int journald_priority(EventLevel level) {
    switch (level) {
        case EventLevel::Debug:
            return 7;  // LOG_DEBUG
        case EventLevel::Info:
            return 6;  // LOG_INFO
        case EventLevel::Warning:
            return 4;  // LOG_WARNING
        case EventLevel::Error:
            return 3;  // LOG_ERR
        case EventLevel::Critical:
            return 2;  // LOG_CRIT
    }
    return 6;
}

std::vector<std::string> journald_fields(const LogRecord& record) {
    return {
        "MESSAGE=" + labelled(record),
        fmt::format("PRIORITY={}", journald_priority(record.level)),
        "SYSLOG_IDENTIFIER=hukiosk",
        fmt::format("HUKIOSK_EVENT_ID={}", static_cast<unsigned>(record.id)),
        fmt::format("HUKIOSK_EVENT_NAME={}", record.name),
        fmt::format("HUKIOSK_EVENT_KIND={}", to_string(event_info(record.id).kind)),
        fmt::format("HUKIOSK_DISPOSITION={}", to_string(record.disposition)),
    };
}

int JournaldEventSink::send_to_journald(const std::vector<std::string>& fields) {
    // sd_journal_sendv reports success when there is no journald at all (it drops the line on ENOENT), which
    // would lose every line on a machine without it: say so, and the sink falls back to stderr.
    if (access(kJournaldSocket, F_OK) != 0) return -ENOENT;
    // The native protocol takes each field as one iovec, so a message may hold newlines.
    std::vector<iovec> parts;
    parts.reserve(fields.size());
    for (const std::string& field : fields)
        parts.push_back(iovec{const_cast<char*>(field.data()), field.size()});
    return sd_journal_sendv(parts.data(), static_cast<int>(parts.size()));
}

void JournaldEventSink::sink_it_(const spdlog::details::log_msg& message) {
    if (sender_(journald_fields(record_of(message))) < 0 && fallback_) fallback_->log(message);
}

}  // namespace hk::ops
