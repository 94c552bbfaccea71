// The generated catalogue: stable, unique ids and names that round-trip, init/complete pairs that make sense,
// and the events the kiosk's code and technicians rely on.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "ops/events/event_catalogue.h"

namespace hk::ops {
namespace {

TEST(EventCatalogue, IdsAndNamesAreUnique) {
    std::set<unsigned> ids;
    std::set<std::string_view> names;
    for (const EventInfo& info : all_events()) {
        EXPECT_TRUE(ids.insert(static_cast<unsigned>(info.id)).second) << info.name;
        EXPECT_TRUE(names.insert(info.name).second) << info.name;
    }
    EXPECT_EQ(ids.size(), kEventCount);
}

TEST(EventCatalogue, ListsEventsByIncreasingId) {
    EXPECT_TRUE(std::ranges::is_sorted(all_events(), {}, &EventInfo::id));
}

TEST(EventCatalogue, NamesAndIdsRoundTrip) {
    for (const EventInfo& info : all_events()) {
        EXPECT_EQ(event_from_name(info.name), info.id) << info.name;
        EXPECT_EQ(event_info(info.id).name, info.name);
        EXPECT_FALSE(info.doc.empty()) << info.name;
    }
    EXPECT_EQ(event_from_name("no_such_event"), std::nullopt);
    EXPECT_EQ(event_from_name(""), std::nullopt);
}

TEST(EventCatalogue, CompletionsEndAnInitEvent) {
    for (const EventInfo& info : all_events()) {
        if (!info.completes) continue;
        const EventInfo* init = find_event_info(*info.completes);
        ASSERT_NE(init, nullptr) << info.name;
        EXPECT_FALSE(init->completes.has_value()) << info.name << " completes a completion";
        EXPECT_NE(init->id, info.id);
    }
    EXPECT_EQ(event_info(EventId::ChipReadFinished).completes, EventId::ChipReadStarted);
    EXPECT_EQ(event_info(EventId::SelfTestFinished).completes, EventId::SelfTestStarted);
    EXPECT_EQ(event_info(EventId::SessionEnded).completes, EventId::SessionStarted);
    EXPECT_EQ(event_info(EventId::PrintFinished).completes, EventId::PrintStarted);
    EXPECT_EQ(event_info(EventId::KioskStarted).completes, std::nullopt);
}

TEST(EventCatalogue, HoldsTheEventsTheKioskNeeds) {
    for (const char* name : {"kiosk_started",
                             "kiosk_stopping",
                             "startup_failed",
                             "config_invalid",
                             "journal_recovery",
                             "device_ready",
                             "device_faulted",
                             "device_recovered",
                             "device_backend_opened",
                             "self_test_started",
                             "self_test_finished",
                             "session_started",
                             "session_ended",
                             "certificate_issued",
                             "application_filed",
                             "central_call_failed",
                             "print_started",
                             "print_finished",
                             "scan_finished",
                             "page_refused",
                             "chip_read_started",
                             "chip_read_finished",
                             "maintenance_requested",
                             "maintenance_entered",
                             "maintenance_left",
                             "technician_login_accepted",
                             "technician_login_refused",
                             "technician_locked_out",
                             "control_command",
                             "control_refused",
                             "audit_append_failed",
                             "audit_verified",
                             "audit_tampering_detected",
                             "support_bundle_written",
                             "heartbeat_connected",
                             "heartbeat_disconnected",
                             "metrics_served",
                             "watchdog_stalled",
                             "screenshot_failed",
                             "simulation_note",
                             "uncatalogued_message"}) {
        EXPECT_TRUE(event_from_name(name).has_value()) << name;
    }
}

TEST(EventCatalogue, DescribesAnEventAsTheTechnicianReadsIt) {
    const EventInfo& faulted = event_info(EventId::DeviceFaulted);
    EXPECT_EQ(faulted.name, "device_faulted");
    EXPECT_EQ(faulted.kind, EventKind::Device);
    EXPECT_EQ(faulted.level, EventLevel::Error);
    EXPECT_EQ(faulted.disposition, DeclaredDisposition::Failure);
    EXPECT_EQ(event_label(EventId::DeviceFaulted), "E2002 device_faulted");
    EXPECT_EQ(event_info(EventId::PrintFinished).disposition, DeclaredDisposition::Either);
    EXPECT_EQ(to_string(EventKind::Telemetry), "telemetry");
    EXPECT_EQ(to_string(DeclaredDisposition::Either), "either");
}

TEST(EventCatalogue, ANumberOutsideTheCatalogueReadsAsUncatalogued) {
    const auto stray = static_cast<EventId>(65000);
    EXPECT_EQ(find_event_info(stray), nullptr);
    EXPECT_EQ(event_info(stray).id, EventId::UncataloguedMessage);
}

}  // namespace
}  // namespace hk::ops
