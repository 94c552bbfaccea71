// Event-tagged logging: every line the kiosk logs names an event of the catalogue (kiosk/events.toml), goes
// to journald with the event as fields (or to stderr in development) and into the ring technicians read
// (recent_log.h).
//
//     log_event(EventId::DeviceFaulted, "A4 printer: {}", fault);                  // level from the
//     catalogue log_event(EventId::PrintFinished, Disposition::Failure, "receipt: {}", why);  // an "either"
//     event
//
// Never put personal data (names, ID numbers, photos) in a message.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "ops/events/event_catalogue.h"

namespace spdlog::sinks {
class sink;
}

namespace hk::ops {

enum class LogTarget { Stderr, Journald };

// Journald when systemd connected our output to the journal (JOURNAL_STREAM is set), else stderr.
LogTarget default_log_target();

// Makes the kiosk's logger (the spdlog default logger, so plain spdlog calls are labelled too) write to
// `target` and to the ring. Call once at start-up; a log_event before it installs default_log_target().
void init_logging(LogTarget target);
// The same with an output sink of the caller's (see event_sinks.h), for tools and tests.
void init_logging(std::shared_ptr<spdlog::sinks::sink> output);

namespace detail {
void emit_event(EventId id, std::optional<Disposition> disposition, std::string message);
}

// Logs at the event's catalogue level with its catalogue disposition (NA for an "either" event: use the
// overload below for those).
template <typename... Args>
void log_event(EventId id, fmt::format_string<Args...> format, Args&&... args) {
    detail::emit_event(id, std::nullopt, fmt::format(format, std::forward<Args>(args)...));
}

// For "either" events, which report success or failure per call. For other events the catalogue's
// disposition stands, so the catalogue always tells the truth about them.
template <typename... Args>
void log_event(EventId id, Disposition disposition, fmt::format_string<Args...> format, Args&&... args) {
    detail::emit_event(id, disposition, fmt::format(format, std::forward<Args>(args)...));
}

}  // namespace hk::ops
