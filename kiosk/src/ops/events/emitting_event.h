// Internal to hukiosk_events: the event log_event is emitting on this thread, read by the sinks while spdlog
// hands them the line (spdlog's log_msg has no room for it).
#pragma once

#include "ops/events/event_catalogue.h"

namespace hk::ops::detail {

struct EmittingEvent {
    EventId id;
    Disposition disposition;
};

// Nothing outside a log_event call (a plain spdlog call).
const EmittingEvent* emitting_event();

}  // namespace hk::ops::detail
