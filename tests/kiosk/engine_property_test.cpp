// Thousands of random event sequences — taps on what the screen offers and on what it does not, device and
// service answers (current, stale and made up), faults, health changes and time — must never break an
// invariant, never let one citizen's data into the next session, and always let the kiosk get back to the
// attract screen.
#include <gtest/gtest.h>

#include <random>
#include <regex>

#include "engine_driver.h"
#include "kiosk/view.h"

namespace hk::kiosk::testing {
namespace {

using drivers::DeviceFault;
using drivers::DeviceKind;
using drivers::FaultKind;

class RandomCitizen {
  public:
    explicit RandomCitizen(unsigned seed) : rng_(seed) {}

    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
    bool chance(int percent) { return pick(100) < percent; }

    // A request id: mostly the pending one, sometimes stale or never issued.
    std::uint64_t request(const Driver& d) {
        if (chance(75)) return d.pending();
        return static_cast<std::uint64_t>(pick(static_cast<int>(d.state.next_request) + 3));
    }

    Event next(const Driver& d) {
        const auto& people = sim::demo_world().people;
        const std::size_t who = static_cast<std::size_t>(pick(static_cast<int>(people.size())));
        if (chance(25)) return answer_what_is_awaited(d);
        switch (pick(17)) {
            case 0:
            case 1:
            case 2:
            case 3: {  // tap something the screen shows
                const ui::ViewModel view = build_view(d.state, d.engine);
                if (view.buttons.empty()) return ClockTick{d.state.now + Millis(100)};
                return UserAction{
                    view.buttons[static_cast<std::size_t>(pick(static_cast<int>(view.buttons.size())))]
                        .action};
            }
            case 4: {  // tap something it may not show
                static const char* kActions[] = {"start",
                                                 "cancel",
                                                 "finish",
                                                 "back",
                                                 "confirm",
                                                 "retry",
                                                 "more_time",
                                                 "scan",
                                                 "continue",
                                                 "digit:7",
                                                 "submit",
                                                 "lang:ko",
                                                 "service:household_book",
                                                 "method:passport",
                                                 "other",
                                                 "catalogue:next",
                                                 "x"};
                return UserAction{kActions[pick(17)]};
            }
            case 5:
                return ResidentIdCardRead{request(d), sim::resident_id_card(people[who])};
            case 6: {
                const auto& holder = people[chance(50) ? 3 : 5];
                if (chance(80)) return MrzRead{request(d), sim::passport_mrz(holder)};
                return MrzRead{request(d), {"P<CHN", "<<<"}};
            }
            case 7: {
                auto chip = sim::passport_chip(people[chance(50) ? 3 : 5]);
                if (chance(10)) chip.authentication.passive = drivers::CheckOutcome::Failed;
                return ChipRead{request(d), std::move(chip)};
            }
            case 8: {
                const auto device = static_cast<DeviceKind>(pick(6));
                const auto kind = static_cast<FaultKind>(1 + pick(11));
                return DeviceFailed{request(d), DeviceFault{device, kind, ""}};
            }
            case 9:
                return PrintFinished{request(d),
                                     chance(50) ? DeviceKind::A4Printer : DeviceKind::ReceiptPrinter};
            case 10:
                return DeviceHealthChanged{static_cast<DeviceKind>(pick(6)), chance(60)};
            case 11:
                return EligibilityChecked{request(d),
                                          {static_cast<Verdict>(pick(4)), Station{"s", "a", "", ""}, {}}};
            case 12:
                if (chance(50))
                    return CertificateIssued{request(d),
                                             Driver::certificate("HK" + std::to_string(pick(999)))};
                return ApplicationFiled{request(d), {"2026110" + std::to_string(10000 + pick(80000)), 5}};
            case 13:
                if (chance(50))
                    return CentralFailed{request(d), {static_cast<CentralErrorKind>(1 + pick(6)), ""}};
                if (chance(50)) return PageScanned{request(d), pick(1000)};
                return read_page(d);
            case 14:
                if (chance(5)) return MaintenanceRequested{chance(50)};
                if (chance(5)) return OpeningHoursChanged{chance(50), "2026-11-24 08:00"};
                return StatusAnswered{request(d), {"202611000017", "approved", "2026-11-20"}};
            case 15:  // service mode: a technician card, a PIN verdict, a function's result (any time)
                if (chance(40)) return TechnicianCardSeen{request(d), "04A1B2C3"};
                if (chance(50))
                    return TechnicianPinChecked{request(d), static_cast<PinVerdict>(pick(4)), pick(6),
                                                pick(900)};
                return ServiceFunctionDone{request(d), chance(50), "FAIL a4_printer A4P-06 paper jam\n"};
            default:
                return ClockTick{d.state.now + Millis(pick(3) == 0 ? 70'000 : pick(5'000))};
        }
    }

  private:
    // What the page reader says of a page (a scanned one, unless `page_id` is given): nothing recognised, a
    // document read well, or one with a doubtful field.
    Event read_page(const Driver& d, int page_id = 0) {
        if (page_id == 0) {
            page_id = pick(1000);
            if (d.state.session && !d.session().pages.empty() && chance(70))
                page_id = d.session().pages.back().page_id;
        }
        if (chance(30)) return PageRead{page_id, std::nullopt};
        return PageRead{page_id, Driver::register_page(chance(50))};
    }

    // The answer the current screen waits for, so that sequences also get deep into the flows (mostly good
    // news).
    Event answer_what_is_awaited(const Driver& d) {
        const auto& people = sim::demo_world().people;
        const std::uint64_t request = d.pending();
        switch (d.screen()) {
            case Screen::IdentifyCard:
                return ResidentIdCardRead{request,
                                          sim::resident_id_card(people[static_cast<std::size_t>(pick(4))])};
            case Screen::PassportMrz:
                return MrzRead{request, sim::passport_mrz(people[3])};
            case Screen::PassportChip:
                return ChipRead{request, sim::passport_chip(people[3])};
            case Screen::CheckingEligibility:
                return EligibilityChecked{
                    request, {chance(80) ? Verdict::Eligible : Verdict::PaperRecordsOnly, {}, {}}};
            case Screen::ScanDocuments:
                if (d.session().scanning) return PageScanned{request, pick(1000)};
                return UserAction{d.session().pages.size() < d.wanted_pages() ? "scan" : "continue"};
            case Screen::Review: {
                // Pages still being read are answered, doubts confirmed or the page scanned again.
                for (const ScannedPageRef& page : d.session().pages) {
                    if (!page.read) return read_page(d, page.page_id);
                }
                if (d.session().unconfirmed_doubt(d.engine.config().doubtful_confidence_below)) {
                    const std::string which = std::to_string(d.session().pages.front().document_index + 1);
                    for (const ScannedPageRef& page : d.session().pages) {
                        if (page.document && chance(80)) {
                            return UserAction{"fields_right:" + std::to_string(page.document_index + 1)};
                        }
                    }
                    return UserAction{"scan_again:" + which};
                }
                return UserAction{chance(10) ? "show_read" : "confirm"};
            }
            case Screen::Issuing:
                if (chance(50)) return CertificateIssued{request, Driver::certificate()};
                return ApplicationFiled{request, {"202611000500", 5}};
            case Screen::Printing:
                return PrintFinished{request,
                                     chance(50) ? DeviceKind::A4Printer : DeviceKind::ReceiptPrinter};
            case Screen::Querying:
                return HandlingPointsAnswered{request, {}};
            case Screen::Attract:
            case Screen::OutOfService:
                // Now and then a technician: most visitors are citizens.
                if (request != 0 && chance(8)) return TechnicianCardSeen{request, "04A1B2C3"};
                return ClockTick{d.state.now + Millis(10)};
            case Screen::ServicePin:
                if (request != 0)
                    return TechnicianPinChecked{request, static_cast<PinVerdict>(pick(4)), pick(6), 0};
                return UserAction{d.state.service_visit->pin_entry.size() < 4 ? "digit:5" : "submit"};
            case Screen::ServiceWorking:
                return ServiceFunctionDone{request, chance(70), "PASS chip_reader -\n"};
            default:
                return ClockTick{d.state.now + Millis(10)};
        }
    }

    std::mt19937 rng_;
};

bool looks_like_text_id(const std::string& text) {
    static const std::regex id(R"(^[a-z_]+\.[a-z_]+$)");
    return std::regex_match(text, id);
}

void check_view(const Driver& d) {
    const ui::ViewModel view = build_view(d.state, d.engine);
    ASSERT_FALSE(view.title.empty()) << view.screen;
    EXPECT_FALSE(looks_like_text_id(view.title)) << view.title;
    for (const std::string& line : view.lines)
        EXPECT_FALSE(looks_like_text_id(line)) << view.screen << ": " << line;
    for (const ui::Button& button : view.buttons) EXPECT_FALSE(button.label.empty()) << button.action;
}

TEST(EngineProperty, RandomSequencesKeepInvariantsNeverLeakAndReturnToAttract) {
    constexpr int kSequences = 5000;
    int sessions_started = 0;
    for (unsigned seed = 1; seed <= kSequences; ++seed) {
        RandomCitizen citizen(seed);
        Driver d(with_technician_cards());
        std::uint64_t session_first_request = 0;
        std::uint64_t session_serial = d.state.session_serial;
        const int length = 20 + citizen.pick(100);
        for (int i = 0; i < length; ++i) {
            const Event event = citizen.next(d);
            const std::optional<VerifiedIdentity> applicant_before =
                d.state.session ? d.state.session->applicant : std::nullopt;
            d.apply(event);
            if (::testing::Test::HasFailure()) FAIL() << "seed " << seed << " step " << i;
            if (d.state.session_serial != session_serial) {
                // A new session starts with nothing of anybody's.
                session_serial = d.state.session_serial;
                session_first_request = d.state.next_request;
                ++sessions_started;
                ASSERT_FALSE(d.session().applicant || d.session().principal || d.session().certificate ||
                             d.session().application || !d.session().pages.empty() || d.session().eligibility)
                    << "seed " << seed;
            }
            // An identity may only enter a session from a read that this session asked for.
            if (const auto* read = std::get_if<ResidentIdCardRead>(&event); read && d.state.session) {
                const auto& now = d.state.session->applicant;
                if (now && !(applicant_before && *applicant_before == *now)) {
                    ASSERT_GE(read->request, session_first_request) << "seed " << seed;
                }
            }
            // No application goes out with a page unread or a doubtful field unconfirmed.
            if (d.find_command<FileApplication>() != nullptr) {
                ASSERT_FALSE(d.session().pages_being_read()) << "seed " << seed;
                ASSERT_FALSE(d.session().unconfirmed_doubt(d.engine.config().doubtful_confidence_below))
                    << "seed " << seed;
            }
            check_view(d);
        }
        // However it ended, devices coming back and time passing bring the kiosk back to the attract screen.
        for (DeviceKind kind : drivers::kAllDeviceKinds) d.apply(DeviceHealthChanged{kind, true});
        d.apply(MaintenanceRequested{false});
        d.apply(OpeningHoursChanged{true, ""});
        for (int i = 0; i < 6 && d.screen() != Screen::Attract; ++i) d.advance(Millis(3'600'000));
        ASSERT_EQ(to_string(d.screen()), "attract") << "seed " << seed;
        ASSERT_FALSE(d.state.session.has_value());
    }
    EXPECT_GT(sessions_started, kSequences / 2);  // the generator really exercises sessions
}

TEST(EngineProperty, EveryScreenIsReachedByRandomSequences) {
    std::set<Screen> seen;
    for (unsigned seed = 1; seed <= 3000; ++seed) {
        RandomCitizen citizen(seed);
        Driver d(with_technician_cards());
        for (int i = 0; i < 120; ++i) {
            d.apply(citizen.next(d));
            seen.insert(d.screen());
        }
    }
    for (int s = 0; s < kScreenCount; ++s) {
        EXPECT_TRUE(seen.contains(static_cast<Screen>(s)))
            << "never reached: " << to_string(static_cast<Screen>(s));
    }
}

}  // namespace
}  // namespace hk::kiosk::testing
