// Service mode in the session engine: the chip reader is watched for technician cards only while nobody is
// served, the PIN is sent for checking and never kept, the kiosk's verdicts (wrong, wait, locked out) show,
// the menu runs kioskctl's functions, and leaving (or walking away) returns to attract or out of service.
#include <gtest/gtest.h>

#include "engine_driver.h"
#include "kiosk/view.h"

namespace hk::kiosk::testing {
namespace {

using namespace std::chrono_literals;

// The request of the watch the engine has going, after the first clock tick starts it.
std::uint64_t watching(Driver& d) {
    d.advance(1ms);
    EXPECT_NE(d.pending(), 0U);
    return d.pending();
}

TEST(ServiceMode, NoWatchWithoutConfiguredTechnicianCards) {
    Driver d;
    d.advance(1ms);
    EXPECT_EQ(d.find_command<WatchForTechnicianCard>(), nullptr);
    EXPECT_EQ(d.pending(), 0U);
}

TEST(ServiceMode, TheChipReaderIsWatchedOnlyWhileNobodyIsServed) {
    Driver d(with_technician_cards());
    d.advance(1ms);
    ASSERT_NE(d.find_command<WatchForTechnicianCard>(), nullptr);
    d.advance(1s);
    EXPECT_EQ(d.find_command<WatchForTechnicianCard>(), nullptr);  // one watch at a time
    d.tap("start");                                                // a citizen: the watch stops
    EXPECT_EQ(names_of(d.last), (std::vector<std::string>{"BeginSession", "CancelReads"}));
    d.advance(1s);
    EXPECT_EQ(d.find_command<WatchForTechnicianCard>(), nullptr);
    d.tap("cancel");  // the session ends: the watch starts again
    EXPECT_NE(d.find_command<WatchForTechnicianCard>(), nullptr);

    d.apply(MaintenanceRequested{true});  // out of service: still watched, a technician must get in
    ASSERT_EQ(d.screen(), Screen::OutOfService);
    EXPECT_NE(d.pending(), 0U);
    d.device(drivers::DeviceKind::ChipReader, false);
    const auto request = d.pending();
    d.apply(DeviceFailed{request, {drivers::DeviceKind::ChipReader, drivers::FaultKind::Unplugged, "gone"}});
    EXPECT_EQ(d.pending(), 0U);
    d.device(drivers::DeviceKind::ChipReader, true);
    EXPECT_EQ(d.find_command<WatchForTechnicianCard>(), nullptr);  // not before the retry delay
    d.advance(10s);
    EXPECT_NE(d.find_command<WatchForTechnicianCard>(), nullptr);
}

TEST(ServiceMode, ATechnicianCardOpensThePinScreenAndAStaleOneDoesNot) {
    Driver d(with_technician_cards());
    const auto request = watching(d);
    d.apply(TechnicianCardSeen{request + 7, "04A1B2C3"});
    EXPECT_EQ(d.screen(), Screen::Attract);
    d.apply(TechnicianCardSeen{request, "04A1B2C3"});
    EXPECT_EQ(d.screen(), Screen::ServicePin);
    EXPECT_FALSE(d.state.session.has_value());
    EXPECT_EQ(d.state.service_visit->card_id, "04A1B2C3");
    EXPECT_FALSE(d.state.service_visit->signed_in);
}

TEST(ServiceMode, ThePinGoesToTheKioskAndIsNotKeptAndTheMenuNeedsItAccepted) {
    Driver d(with_technician_cards());
    d.to_service_pin();
    ASSERT_EQ(d.screen(), Screen::ServicePin);
    d.tap("service:selftest");  // the menu is not reachable before the PIN
    EXPECT_EQ(d.screen(), Screen::ServicePin);
    d.type("246");
    d.tap("submit");  // too short: nothing sent
    EXPECT_EQ(d.find_command<CheckTechnicianPin>(), nullptr);
    d.type("8");
    d.tap("submit");
    const auto* check = d.find_command<CheckTechnicianPin>();
    ASSERT_NE(check, nullptr);
    EXPECT_EQ(check->pin.reveal(), "2468");
    EXPECT_EQ(check->card_id, "04A1B2C3");
    EXPECT_TRUE(d.state.service_visit->pin_entry.empty());
    d.type("1");  // no typing while the PIN is checked
    EXPECT_TRUE(d.state.service_visit->pin_entry.empty());

    d.apply(TechnicianPinChecked{d.pending(), PinVerdict::Wrong, 4, 1});
    EXPECT_EQ(d.screen(), Screen::ServicePin);
    const ui::ViewModel wrong = build_view(d.state, d.engine);
    EXPECT_EQ(wrong.tone, ui::Tone::Warning);
    EXPECT_NE(std::find(wrong.lines.begin(), wrong.lines.end(),
                        std::string(text(Language::Chinese, "service.pin_wrong")) + "4"),
              wrong.lines.end());

    d.type("1357");
    const ui::ViewModel typing = build_view(d.state, d.engine);
    EXPECT_EQ(typing.entry, "****");
    EXPECT_TRUE(typing.entry_masked);
    d.tap("submit");
    d.apply(TechnicianPinChecked{d.pending(), PinVerdict::LockedOut, 0, 900});
    EXPECT_EQ(d.screen(), Screen::ServicePin);
    EXPECT_EQ(build_view(d.state, d.engine).tone, ui::Tone::Error);
    d.type("2468");
    d.tap("submit");
    d.apply(TechnicianPinChecked{d.pending(), PinVerdict::Accepted, 5, 0});
    EXPECT_EQ(d.screen(), Screen::ServiceMenu);
}

TEST(ServiceMode, TheMenuRunsKioskctlsFunctionsAndShowsTheirResult) {
    Driver d(with_technician_cards());
    d.to_service_menu();
    ASSERT_EQ(d.screen(), Screen::ServiceMenu);
    const ui::ViewModel menu = build_view(d.state, d.engine);
    std::vector<std::string> actions;
    for (const ui::Button& b : menu.buttons) actions.push_back(b.action);
    EXPECT_NE(std::find(actions.begin(), actions.end(), "service:selftest"), actions.end());
    EXPECT_NE(std::find(actions.begin(), actions.end(), "service:maintenance-on"), actions.end());
    EXPECT_EQ(std::find(actions.begin(), actions.end(), "service:maintenance-off"), actions.end());
    EXPECT_NE(std::find(actions.begin(), actions.end(), "leave"), actions.end());

    d.tap("service:format-disk");  // not a function
    EXPECT_EQ(d.screen(), Screen::ServiceMenu);
    d.tap("service:selftest");
    ASSERT_EQ(d.screen(), Screen::ServiceWorking);
    const auto* run = d.find_command<RunServiceFunction>();
    ASSERT_NE(run, nullptr);
    EXPECT_EQ(run->function, "selftest");
    d.tap("leave");  // a running function is not abandoned
    EXPECT_EQ(d.screen(), Screen::ServiceWorking);
    d.apply(ServiceFunctionDone{d.pending(), false, "FAIL receipt_printer     RCP-03  paper out\n"});
    ASSERT_EQ(d.screen(), Screen::ServiceResult);
    const ui::ViewModel result = build_view(d.state, d.engine);
    EXPECT_EQ(result.tone, ui::Tone::Error);
    ASSERT_FALSE(result.lines.empty());
    EXPECT_EQ(result.lines.front(), "FAIL receipt_printer     RCP-03  paper out");
    d.tap("back");
    EXPECT_EQ(d.screen(), Screen::ServiceMenu);
}

TEST(ServiceMode, ASilentFunctionEndsInAFailedResultNotAHang) {
    Driver d(with_technician_cards());
    d.to_service_menu();
    ASSERT_EQ(d.screen(), Screen::ServiceMenu);
    d.tap("service:test-print");
    d.advance(d.engine.config().service_step_timeout);
    ASSERT_EQ(d.screen(), Screen::ServiceResult);
    EXPECT_FALSE(d.state.service_visit->result_well);
    const auto late = d.state.pending_request;
    d.apply(ServiceFunctionDone{late + 1, true, "late"});
    EXPECT_EQ(d.state.service_visit->result.find("late"), std::string::npos);
}

TEST(ServiceMode, LeavingWipesTheVisitAndReturnsToAttractOrOutOfService) {
    Driver d(with_technician_cards());
    d.to_service_menu();
    ASSERT_EQ(d.screen(), Screen::ServiceMenu);
    d.tap("leave");
    EXPECT_EQ(d.screen(), Screen::Attract);
    EXPECT_FALSE(d.state.service_visit.has_value());
    const auto* closed = d.find_command<ServiceModeClosed>();
    ASSERT_NE(closed, nullptr);
    EXPECT_TRUE(closed->signed_in);
    EXPECT_EQ(closed->reason, "left");
    EXPECT_NE(d.find_command<WatchForTechnicianCard>(), nullptr);

    d.to_service_menu();
    ASSERT_EQ(d.screen(), Screen::ServiceMenu);
    d.tap("service:maintenance-on");
    d.apply(MaintenanceRequested{true});  // the kiosk's answer to the function: the technician stays
    EXPECT_EQ(d.screen(), Screen::ServiceWorking);
    d.apply(ServiceFunctionDone{d.pending(), true, "the kiosk shows out of service now\n"});
    d.tap("leave");
    EXPECT_EQ(d.screen(), Screen::OutOfService);
}

TEST(ServiceMode, AWalkedAwayTechnicianIsSignedOutAndCancellingThePinLeaves) {
    Driver d(with_technician_cards());
    d.to_service_menu();
    ASSERT_EQ(d.screen(), Screen::ServiceMenu);
    d.advance(d.engine.config().service_idle_timeout - 1s);
    EXPECT_EQ(d.screen(), Screen::ServiceMenu);
    d.tap("service:status");
    d.apply(ServiceFunctionDone{d.pending(), true, "kiosk ok\n"});
    d.advance(d.engine.config().service_idle_timeout);
    EXPECT_EQ(d.screen(), Screen::Attract);
    const auto* closed = d.find_command<ServiceModeClosed>();
    ASSERT_NE(closed, nullptr);
    EXPECT_EQ(closed->reason, "idle");

    d.to_service_pin();
    ASSERT_EQ(d.screen(), Screen::ServicePin);
    d.type("12");
    d.tap("cancel");
    EXPECT_EQ(d.screen(), Screen::Attract);
    EXPECT_FALSE(d.state.service_visit.has_value());
}

TEST(ServiceMode, TheTechnicianMaySwitchLanguageButNotTheCitizensSwitches) {
    Driver d(with_technician_cards());
    d.to_service_pin();
    ASSERT_EQ(d.screen(), Screen::ServicePin);
    d.tap("lang:en");
    EXPECT_EQ(d.state.service_visit->language, Language::English);
    const ui::ViewModel view = build_view(d.state, d.engine);
    EXPECT_EQ(view.language, "en");
    EXPECT_EQ(view.title, text(Language::English, "service.pin_title"));
    for (const ui::Button& b : view.toolbar) EXPECT_FALSE(b.action.starts_with("a11y:")) << b.action;
    d.tap("a11y:speech");
    EXPECT_FALSE(d.state.session.has_value());
    EXPECT_EQ(d.screen(), Screen::ServicePin);
}

TEST(ServiceMode, LogLinesNameTheCardByItsLastDigitsOnly) {
    const std::string line = describe_for_log(TechnicianCardSeen{3, "04A1B2C3D4E5F6"});
    EXPECT_EQ(line.find("04A1B2C3D4E5F6"), std::string::npos) << line;
    EXPECT_NE(line.find("E5F6"), std::string::npos) << line;
    EXPECT_EQ(describe_for_log(UserAction{"digit:7"}).find('7'), std::string::npos);
}

}  // namespace
}  // namespace hk::kiosk::testing
