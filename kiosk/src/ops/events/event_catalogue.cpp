#include "ops/events/event_catalogue.h"

#include <fmt/format.h>

namespace hk::ops {

const EventInfo& event_info(EventId id) {
    if (const EventInfo* info = find_event_info(id)) return *info;
    return *find_event_info(EventId::UncataloguedMessage);
}

std::optional<EventId> event_from_name(std::string_view name) {
    for (const EventInfo& info : all_events()) {
        if (info.name == name) return info.id;
    }
    return std::nullopt;
}

std::string event_label(EventId id) {
    return fmt::format("E{} {}", static_cast<unsigned>(id), event_info(id).name);
}

std::string_view to_string(EventKind kind) {
    switch (kind) {
        case EventKind::System:
            return "system";
        case EventKind::Device:
            return "device";
        case EventKind::Session:
            return "session";
        case EventKind::Central:
            return "central";
        case EventKind::Print:
            return "print";
        case EventKind::Scan:
            return "scan";
        case EventKind::Technician:
            return "technician";
        case EventKind::Update:
            return "update";
        case EventKind::Audit:
            return "audit";
        case EventKind::Telemetry:
            return "telemetry";
    }
    return "unknown";
}

std::string_view to_string(EventLevel level) {
    switch (level) {
        case EventLevel::Debug:
            return "debug";
        case EventLevel::Info:
            return "info";
        case EventLevel::Warning:
            return "warning";
        case EventLevel::Error:
            return "error";
        case EventLevel::Critical:
            return "critical";
    }
    return "unknown";
}

std::string_view to_string(Disposition disposition) {
    switch (disposition) {
        case Disposition::Success:
            return "success";
        case Disposition::Failure:
            return "failure";
        case Disposition::NA:
            return "na";
    }
    return "unknown";
}

std::string_view to_string(DeclaredDisposition disposition) {
    switch (disposition) {
        case DeclaredDisposition::Success:
            return "success";
        case DeclaredDisposition::Failure:
            return "failure";
        case DeclaredDisposition::NA:
            return "na";
        case DeclaredDisposition::Either:
            return "either";
    }
    return "unknown";
}

}  // namespace hk::ops
