// The kiosk's event catalogue in C++: what each EventId means (kind, level, disposition, the technician's
// documentation, the init event it completes). EventId and the table are generated from kiosk/events.toml by
// tools/gen-events.py; this header holds the hand-written types they use and the look-ups.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "ops/events/event_ids.h"

namespace hk::ops {

enum class EventKind : std::uint8_t {
    System,
    Device,
    Session,
    Central,
    Print,
    Scan,
    Technician,
    Update,
    Audit,
    Telemetry
};

enum class EventLevel : std::uint8_t { Debug, Info, Warning, Error, Critical };

// What one logged event reports.
enum class Disposition : std::uint8_t { Success, Failure, NA };

// What the catalogue says about an event's disposition: fixed, or Either (each log call says which).
enum class DeclaredDisposition : std::uint8_t { Success, Failure, NA, Either };

struct EventInfo {
    EventId id;
    std::string_view name;  // snake_case, stable
    EventKind kind;
    EventLevel level;
    DeclaredDisposition disposition;
    std::string_view doc;              // what it means and what a technician does
    std::optional<EventId> completes;  // the init event this one ends, for init/complete pairs
};

// Every event, by increasing id.
std::span<const EventInfo> all_events();

// Nothing for a number that is not in the catalogue (an EventId cast from a stray integer).
const EventInfo* find_event_info(EventId id);

// For a number that is not in the catalogue: the entry of uncatalogued_message, so a caller always has one.
const EventInfo& event_info(EventId id);

std::optional<EventId> event_from_name(std::string_view name);

// "E2002 device_faulted": how a line names its event, on the console and in kioskctl logs.
std::string event_label(EventId id);

std::string_view to_string(EventKind kind);
std::string_view to_string(EventLevel level);
std::string_view to_string(Disposition disposition);
std::string_view to_string(DeclaredDisposition disposition);

}  // namespace hk::ops
