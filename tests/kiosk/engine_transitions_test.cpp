// Every transition of the session engine, as a table: where the citizen is, what happens, where they end up
// and what the kiosk is asked to do.
#include <gtest/gtest.h>

#include <functional>

#include "engine_driver.h"

namespace hk::kiosk::testing {
namespace {

using drivers::DeviceFault;
using drivers::DeviceKind;
using drivers::FaultKind;
using Names = std::vector<std::string>;

struct Row {
    std::string name;
    std::function<void(Driver&)> setup;
    std::function<Event(Driver&)> event;
    Screen expected;
    Names commands;
};

Event tap(std::string action) {
    return UserAction{std::move(action)};
}
std::function<Event(Driver&)> on(std::string action) {
    return [action](Driver&) { return tap(action); };
}
std::function<Event(Driver&)> fault(DeviceKind device, FaultKind kind) {
    return [device, kind](Driver& d) {
        return Event{DeviceFailed{d.pending(), DeviceFault{device, kind, "test"}}};
    };
}
std::function<Event(Driver&)> central_fails(CentralErrorKind kind) {
    return [kind](Driver& d) { return Event{CentralFailed{d.pending(), CentralError{kind, "test"}}}; };
}
std::function<Event(Driver&)> after(Millis elapsed) {
    return [elapsed](Driver& d) { return Event{ClockTick{d.state.now + elapsed}}; };
}
std::function<Event(Driver&)> eligibility(Verdict verdict) {
    return [verdict](Driver& d) {
        return Event{
            EligibilityChecked{d.pending(), EligibilityAnswer{verdict, Station{"站", "址", "", ""}, {}}}};
    };
}
void nothing(Driver&) {}

const Millis kLong{3'600'000};

const EngineConfig cfg{};

std::vector<Row> rows() {
    return {
        // Attract and out of service
        {"attract: start opens the language choice",
         nothing,
         on("start"),
         Screen::Language,
         {"BeginSession"}},
        {"attract: unknown tap is ignored", nothing, on("confirm"), Screen::Attract, {}},
        {"attract: time passing changes nothing", nothing, after(kLong), Screen::Attract, {}},
        {"attract: A4 printer lost -> out of service",
         nothing,
         [](Driver&) {
             return Event{DeviceHealthChanged{DeviceKind::A4Printer, false}};
         },
         Screen::OutOfService,
         {}},
        {"attract: both ID readers lost -> out of service",
         [](Driver& d) { d.device(DeviceKind::ChipReader, false); },
         [](Driver&) {
             return Event{DeviceHealthChanged{DeviceKind::ResidentIdReader, false}};
         },
         Screen::OutOfService,
         {}},
        {"attract: only the ID card reader lost -> still serving",
         nothing,
         [](Driver&) {
             return Event{DeviceHealthChanged{DeviceKind::ResidentIdReader, false}};
         },
         Screen::Attract,
         {}},
        {"attract: maintenance -> out of service",
         nothing,
         [](Driver&) { return Event{MaintenanceRequested{true}}; },
         Screen::OutOfService,
         {}},
        {"out of service: printer back -> attract",
         [](Driver& d) { d.device(DeviceKind::A4Printer, false); },
         [](Driver&) {
             return Event{DeviceHealthChanged{DeviceKind::A4Printer, true}};
         },
         Screen::Attract,
         {}},
        {"out of service: start is ignored",
         [](Driver& d) { d.device(DeviceKind::A4Printer, false); },
         on("start"),
         Screen::OutOfService,
         {}},
        {"out of service: maintenance over -> attract",
         [](Driver& d) { d.apply(MaintenanceRequested{true}); },
         [](Driver&) { return Event{MaintenanceRequested{false}}; },
         Screen::Attract,
         {}},
        // Language and catalogue
        {"language: English", [](Driver& d) { d.tap("start"); }, on("lang:en"), Screen::Catalogue, {}},
        {"language: unknown tag ignored",
         [](Driver& d) { d.tap("start"); },
         on("lang:fr"),
         Screen::Language,
         {}},
        {"language: cancel wipes",
         [](Driver& d) { d.tap("start"); },
         on("cancel"),
         Screen::Attract,
         {"WipePersonalData"}},
        {"language: idle -> timeout warning",
         [](Driver& d) { d.tap("start"); },
         after(cfg.idle_timeout),
         Screen::TimeoutWarning,
         {}},
        {"catalogue: certificate -> notification form",
         [](Driver& d) { d.to_catalogue(); },
         on("service:proof_of_family_relationship"),
         Screen::NotificationForm,
         {}},
        {"catalogue: application -> notification form",
         [](Driver& d) { d.to_catalogue(); },
         on("service:household_book"),
         Screen::NotificationForm,
         {}},
        {"catalogue: application refused with the scanner down",
         [](Driver& d) {
             d.to_catalogue();
             d.device(DeviceKind::DocumentScanner, false);
         },
         on("service:household_book"),
         Screen::Catalogue,
         {}},
        {"catalogue: status inquiry -> keypad",
         [](Driver& d) { d.to_catalogue(); },
         on("service:application_status"),
         Screen::TrackingEntry,
         {}},
        {"catalogue: handling points -> query",
         [](Driver& d) { d.to_catalogue(); },
         on("service:handling_points"),
         Screen::Querying,
         {"QueryHandlingPoints"}},
        {"catalogue: unknown service ignored",
         [](Driver& d) { d.to_catalogue(); },
         on("service:nope"),
         Screen::Catalogue,
         {}},
        {"catalogue: back -> language",
         [](Driver& d) { d.to_catalogue(); },
         on("back"),
         Screen::Language,
         {}},
        // Notification form and for whom
        {"form: continue -> for whom",
         [](Driver& d) { d.to_form("proof_of_family_relationship"); },
         on("continue"),
         Screen::ForWhom,
         {}},
        {"form: no agent allowed -> straight to identification",
         [](Driver& d) { d.to_form("temporary_identity_paper"); },
         on("continue"),
         Screen::IdentifyMethod,
         {}},
        {"form: not available here -> no continue",
         [](Driver& d) { d.to_form("id_card_first_or_replacement"); },
         on("continue"),
         Screen::NotificationForm,
         {}},
        {"form: print the checklist",
         [](Driver& d) { d.to_form("household_book"); },
         on("print_form"),
         Screen::NotificationForm,
         {"PrintReceipt"}},
        {"form: back -> catalogue",
         [](Driver& d) { d.to_form("household_book"); },
         on("back"),
         Screen::Catalogue,
         {}},
        {"for whom: self",
         [](Driver& d) { d.to_form("proof_of_family_relationship"), d.tap("continue"); },
         on("self"),
         Screen::IdentifyMethod,
         {}},
        {"for whom: other",
         [](Driver& d) { d.to_form("proof_of_family_relationship"), d.tap("continue"); },
         on("other"),
         Screen::IdentifyMethod,
         {}},
        {"for whom: back",
         [](Driver& d) { d.to_form("proof_of_family_relationship"), d.tap("continue"); },
         on("back"),
         Screen::NotificationForm,
         {}},
        // Identification
        {"method: ID card -> read",
         [](Driver& d) { d.to_identify_method(); },
         on("method:id_card"),
         Screen::IdentifyCard,
         {"ReadResidentIdCard"}},
        {"method: passport -> MRZ read",
         [](Driver& d) { d.to_identify_method(); },
         on("method:passport"),
         Screen::PassportMrz,
         {"ReadMrz"}},
        {"method: ID card reader down -> refused",
         [](Driver& d) {
             d.to_identify_method();
             d.device(DeviceKind::ResidentIdReader, false);
         },
         on("method:id_card"),
         Screen::IdentifyMethod,
         {}},
        {"method: passport with chip reader down -> refused",
         [](Driver& d) {
             d.to_identify_method();
             d.device(DeviceKind::ChipReader, false);
         },
         on("method:passport"),
         Screen::IdentifyMethod,
         {}},
        {"method: back -> for whom",
         [](Driver& d) { d.to_identify_method(); },
         on("back"),
         Screen::ForWhom,
         {}},
        {"card: read -> eligibility check",
         [](Driver& d) { d.to_identify_card(); },
         [](Driver& d) {
             return Event{ResidentIdCardRead{d.pending(), sim::resident_id_card(Driver::person(0))}};
         },
         Screen::CheckingEligibility,
         {"CheckEligibility"}},
        {"card: stale read ignored",
         [](Driver& d) { d.to_identify_card(); },
         [](Driver& d) {
             return Event{ResidentIdCardRead{d.pending() + 7, sim::resident_id_card(Driver::person(0))}};
         },
         Screen::IdentifyCard,
         {}},
        {"card: invalid ID number -> read again",
         [](Driver& d) { d.to_identify_card(); },
         [](Driver& d) {
             auto card = sim::resident_id_card(Driver::person(0));
             card.id_number = PersonalString("110101198503071230");
             return Event{ResidentIdCardRead{d.pending(), std::move(card)}};
         },
         Screen::IdentifyCard,
         {"ReadResidentIdCard"}},
        {"card: pulled mid-read -> read again",
         [](Driver& d) { d.to_identify_card(); },
         fault(DeviceKind::ResidentIdReader, FaultKind::CardRemoved),
         Screen::IdentifyCard,
         {"ReadResidentIdCard"}},
        {"card: third failure -> error",
         [](Driver& d) {
             d.to_identify_card();
             d.apply(DeviceFailed{d.pending(), {DeviceKind::ResidentIdReader, FaultKind::Unreadable, ""}});
             d.apply(DeviceFailed{d.pending(), {DeviceKind::ResidentIdReader, FaultKind::Unreadable, ""}});
         },
         fault(DeviceKind::ResidentIdReader, FaultKind::Unreadable),
         Screen::Error,
         {}},
        {"card: reader unplugged -> error",
         [](Driver& d) { d.to_identify_card(); },
         fault(DeviceKind::ResidentIdReader, FaultKind::Unplugged),
         Screen::Error,
         {}},
        {"card: back cancels the read",
         [](Driver& d) { d.to_identify_card(); },
         on("back"),
         Screen::IdentifyMethod,
         {"CancelReads"}},
        {"card: cancel cancels and wipes",
         [](Driver& d) { d.to_identify_card(); },
         on("cancel"),
         Screen::Attract,
         {"CancelReads", "WipePersonalData"}},
        {"card: idle -> warning, read cancelled",
         [](Driver& d) { d.to_identify_card(); },
         after(cfg.idle_timeout),
         Screen::TimeoutWarning,
         {"CancelReads"}},
        {"for other: first person read -> identify the other",
         [](Driver& d) { d.to_identify_card("proof_of_family_relationship", true); },
         [](Driver& d) {
             return Event{ResidentIdCardRead{d.pending(), sim::resident_id_card(Driver::person(1))}};
         },
         Screen::IdentifyMethod,
         {}},
        {"for other: same person twice -> error",
         [](Driver& d) {
             d.to_identify_card("proof_of_family_relationship", true);
             d.present_card(1);
             d.tap("method:id_card");
         },
         [](Driver& d) {
             return Event{ResidentIdCardRead{d.pending(), sim::resident_id_card(Driver::person(1))}};
         },
         Screen::Error,
         {}},
        {"for other: second person -> eligibility of the principal",
         [](Driver& d) {
             d.to_identify_card("proof_of_family_relationship", true);
             d.present_card(1);
             d.tap("method:id_card");
         },
         [](Driver& d) {
             return Event{ResidentIdCardRead{d.pending(), sim::resident_id_card(Driver::person(0))}};
         },
         Screen::CheckingEligibility,
         {"CheckEligibility"}},
        {"passport: MRZ read -> chip",
         [](Driver& d) {
             d.to_identify_method();
             d.tap("method:passport");
         },
         [](Driver& d) {
             return Event{MrzRead{d.pending(), sim::passport_mrz(Driver::person(3))}};
         },
         Screen::PassportChip,
         {"ReadChip"}},
        {"passport: MRZ garbage -> read again",
         [](Driver& d) {
             d.to_identify_method();
             d.tap("method:passport");
         },
         [](Driver& d) {
             return Event{MrzRead{d.pending(), {"P<CHNWANG", "garbage"}}};
         },
         Screen::PassportMrz,
         {"ReadMrz"}},
        {"passport: chip read -> eligibility",
         [](Driver& d) {
             d.to_identify_method();
             d.tap("method:passport");
             d.apply(MrzRead{d.pending(), sim::passport_mrz(Driver::person(3))});
         },
         [](Driver& d) {
             return Event{ChipRead{d.pending(), sim::passport_chip(Driver::person(3))}};
         },
         Screen::CheckingEligibility,
         {"CheckEligibility"}},
        {"passport: chip refuses the key -> scan again",
         [](Driver& d) {
             d.to_identify_method();
             d.tap("method:passport");
             d.apply(MrzRead{d.pending(), sim::passport_mrz(Driver::person(3))});
         },
         fault(DeviceKind::ChipReader, FaultKind::AccessDenied),
         Screen::PassportMrz,
         {"ReadMrz"}},
        {"passport: clone detected -> error without retry",
         [](Driver& d) {
             d.to_identify_method();
             d.tap("method:passport");
             d.apply(MrzRead{d.pending(), sim::passport_mrz(Driver::person(3))});
         },
         [](Driver& d) {
             auto chip = sim::passport_chip(Driver::person(3));
             chip.authentication.active_or_chip = drivers::CheckOutcome::Failed;
             return Event{ChipRead{d.pending(), std::move(chip)}};
         },
         Screen::Error,
         {}},
        {"passport: back from chip -> MRZ",
         [](Driver& d) {
             d.to_identify_method();
             d.tap("method:passport");
             d.apply(MrzRead{d.pending(), sim::passport_mrz(Driver::person(3))});
         },
         on("back"),
         Screen::PassportMrz,
         {"CancelReads", "ReadMrz"}},
        // Eligibility
        {"eligible certificate -> review",
         [](Driver& d) { d.to_checking(); },
         eligibility(Verdict::Eligible),
         Screen::Review,
         {}},
        {"eligible application -> scan",
         [](Driver& d) { d.to_checking("household_book"); },
         eligibility(Verdict::Eligible),
         Screen::ScanDocuments,
         {}},
        {"paper records -> referral",
         [](Driver& d) { d.to_checking(); },
         eligibility(Verdict::PaperRecordsOnly),
         Screen::Referral,
         {}},
        {"no record -> referral",
         [](Driver& d) { d.to_checking(); },
         eligibility(Verdict::NoRecord),
         Screen::Referral,
         {}},
        {"not eligible -> referral",
         [](Driver& d) { d.to_checking(); },
         eligibility(Verdict::NotEligible),
         Screen::Referral,
         {}},
        {"eligibility: service unreachable -> error with retry",
         [](Driver& d) { d.to_checking(); },
         central_fails(CentralErrorKind::Unreachable),
         Screen::Error,
         {}},
        {"eligibility: too slow -> error",
         [](Driver& d) { d.to_checking(); },
         after(cfg.step_timeout),
         Screen::Error,
         {}},
        {"eligibility: cancel",
         [](Driver& d) { d.to_checking(); },
         on("cancel"),
         Screen::Attract,
         {"WipePersonalData"}},
        // Scanning
        {"scan: scan a page",
         [](Driver& d) { d.to_checking("household_book"), d.answer_eligibility(Verdict::Eligible); },
         on("scan"),
         Screen::ScanDocuments,
         {"ScanPage"}},
        {"scan: continue before all pages ignored",
         [](Driver& d) { d.to_checking("household_book"), d.answer_eligibility(Verdict::Eligible); },
         on("continue"),
         Screen::ScanDocuments,
         {}},
        {"scan: nothing on the glass -> hint",
         [](Driver& d) {
             d.to_checking("household_book");
             d.answer_eligibility(Verdict::Eligible);
             d.tap("scan");
         },
         fault(DeviceKind::DocumentScanner, FaultKind::NoDocument),
         Screen::ScanDocuments,
         {}},
        {"scan: scanner unplugged -> error",
         [](Driver& d) {
             d.to_checking("household_book");
             d.answer_eligibility(Verdict::Eligible);
             d.tap("scan");
         },
         fault(DeviceKind::DocumentScanner, FaultKind::Unplugged),
         Screen::Error,
         {}},
        {"scan: all pages -> review",
         [](Driver& d) {
             d.to_checking("household_book");
             d.answer_eligibility(Verdict::Eligible);
             d.scan_one();
         },
         on("continue"),
         Screen::Review,
         {}},
        // Review, issuing, printing
        {"review: confirm certificate -> issuing",
         [](Driver& d) { d.to_review(); },
         on("confirm"),
         Screen::Issuing,
         {"IssueCertificate"}},
        {"review: confirm application -> filing",
         [](Driver& d) { d.to_review("household_book"); },
         on("confirm"),
         Screen::Issuing,
         {"FileApplication"}},
        {"review: idle -> warning",
         [](Driver& d) { d.to_review(); },
         after(cfg.idle_timeout),
         Screen::TimeoutWarning,
         {}},
        {"issuing: certificate -> print both",
         [](Driver& d) { d.to_issuing(); },
         [](Driver& d) {
             return Event{CertificateIssued{d.pending(), Driver::certificate()}};
         },
         Screen::Printing,
         {"PrintCertificate", "PrintReceipt"}},
        {"issuing: application filed -> receipt",
         [](Driver& d) { d.to_issuing("household_book"); },
         [](Driver& d) {
             return Event{ApplicationFiled{d.pending(), ApplicationReceipt{"202611000500", 5}}};
         },
         Screen::Printing,
         {"PrintReceipt"}},
        {"issuing: cannot be cancelled",
         [](Driver& d) { d.to_issuing(); },
         on("cancel"),
         Screen::Issuing,
         {}},
        {"issuing: no idle timeout while waiting",
         [](Driver& d) { d.to_issuing(); },
         after(cfg.step_timeout - Millis(1)),
         Screen::Issuing,
         {}},
        {"issuing: server error -> retryable error",
         [](Driver& d) { d.to_issuing(); },
         central_fails(CentralErrorKind::ServerError),
         Screen::Error,
         {}},
        {"issuing: rejected -> final error",
         [](Driver& d) { d.to_issuing(); },
         central_fails(CentralErrorKind::Rejected),
         Screen::Error,
         {}},
        {"issuing: too slow -> error",
         [](Driver& d) { d.to_issuing(); },
         after(cfg.step_timeout),
         Screen::Error,
         {}},
        {"issuing: late certificate after the error -> kept for reprint",
         [](Driver& d) {
             d.to_issuing();
             d.advance(cfg.step_timeout);
         },
         [](Driver&) {
             return Event{CertificateIssued{5, Driver::certificate()}};
         },
         Screen::Error,
         {"KeepForReprint"}},
        {"issuing: late application -> recorded",
         [](Driver& d) {
             d.to_issuing("household_book");
             d.advance(cfg.step_timeout);
             d.tap("finish");
         },
         [](Driver&) {
             return Event{ApplicationFiled{9, ApplicationReceipt{"202611000501", 5}}};
         },
         Screen::Attract,
         {"RecordUnclaimedApplication"}},
        {"printing: both printed -> done",
         [](Driver& d) {
             d.to_printing();
             d.apply(PrintFinished{d.pending(), DeviceKind::A4Printer});
         },
         [](Driver& d) {
             return Event{PrintFinished{d.pending(), DeviceKind::ReceiptPrinter}};
         },
         Screen::Done,
         {}},
        {"printing: certificate alone is not done",
         [](Driver& d) { d.to_printing(); },
         [](Driver& d) {
             return Event{PrintFinished{d.pending(), DeviceKind::A4Printer}};
         },
         Screen::Printing,
         {}},
        {"printing: A4 paper out -> kept for reprint",
         [](Driver& d) { d.to_printing(); },
         fault(DeviceKind::A4Printer, FaultKind::PaperOut),
         Screen::Error,
         {"KeepForReprint"}},
        {"printing: receipt fails, certificate printed -> done",
         [](Driver& d) {
             d.to_printing();
             d.apply(PrintFinished{d.pending(), DeviceKind::A4Printer});
         },
         fault(DeviceKind::ReceiptPrinter, FaultKind::PaperOut),
         Screen::Done,
         {}},
        {"printing: printer never answers -> kept for reprint",
         [](Driver& d) { d.to_printing(); },
         after(cfg.step_timeout),
         Screen::Error,
         {"KeepForReprint"}},
        {"printing: cannot be cancelled",
         [](Driver& d) { d.to_printing(); },
         on("cancel"),
         Screen::Printing,
         {}},
        // Done, referral
        {"done: finish wipes",
         [](Driver& d) { d.to_done(); },
         on("finish"),
         Screen::Attract,
         {"WipePersonalData"}},
        {"done: returns by itself",
         [](Driver& d) { d.to_done(); },
         after(cfg.done_timeout),
         Screen::Attract,
         {"WipePersonalData"}},
        {"done: to out of service when the printer went meanwhile",
         [](Driver& d) {
             d.to_done();
             d.device(DeviceKind::A4Printer, false);
         },
         on("finish"),
         Screen::OutOfService,
         {"WipePersonalData"}},
        {"referral: print the address",
         [](Driver& d) { d.to_referral(); },
         on("print_slip"),
         Screen::Referral,
         {"PrintReceipt"}},
        {"referral: finish wipes",
         [](Driver& d) { d.to_referral(); },
         on("finish"),
         Screen::Attract,
         {"WipePersonalData"}},
        // Inquiries
        {"keypad: submit too short ignored",
         [](Driver& d) {
             d.to_tracking_entry();
             d.type("2026");
         },
         on("submit"),
         Screen::TrackingEntry,
         {}},
        {"keypad: submit -> status query",
         [](Driver& d) {
             d.to_tracking_entry();
             d.type("202611000017");
         },
         on("submit"),
         Screen::Querying,
         {"QueryApplicationStatus"}},
        {"keypad: a thirteenth digit is refused",
         [](Driver& d) {
             d.to_tracking_entry();
             d.type("202611000017");
         },
         on("digit:5"),
         Screen::TrackingEntry,
         {}},
        {"query: status -> result",
         [](Driver& d) {
             d.to_tracking_entry();
             d.type("202611000017");
             d.tap("submit");
         },
         [](Driver& d) {
             return Event{StatusAnswered{d.pending(), {"202611000017", "under_review", "2026-11-18"}}};
         },
         Screen::InquiryResult,
         {}},
        {"query: unknown number -> result says so",
         [](Driver& d) {
             d.to_tracking_entry();
             d.type("202611000099");
             d.tap("submit");
         },
         central_fails(CentralErrorKind::NotFound),
         Screen::InquiryResult,
         {}},
        {"query: handling points -> result",
         [](Driver& d) { d.to_form("handling_points"); },
         [](Driver& d) {
             return Event{HandlingPointsAnswered{d.pending(), {{"东华门派出所", "x", 1.6, 1}}}};
         },
         Screen::InquiryResult,
         {}},
        {"inquiry result: back -> catalogue",
         [](Driver& d) {
             d.to_form("handling_points");
             d.apply(HandlingPointsAnswered{d.pending(), {}});
         },
         on("back"),
         Screen::Catalogue,
         {}},
        // Timeout warning and errors
        {"warning: more time resumes the read",
         [](Driver& d) {
             d.to_identify_card();
             d.advance(cfg.idle_timeout);
         },
         on("more_time"),
         Screen::IdentifyCard,
         {"ReadResidentIdCard"}},
        {"warning: expiry wipes",
         [](Driver& d) {
             d.to_identify_card();
             d.advance(cfg.idle_timeout);
         },
         after(cfg.warning_period),
         Screen::Attract,
         {"WipePersonalData"}},
        {"error: retry goes back",
         [](Driver& d) {
             d.to_checking();
             d.apply(CentralFailed{d.pending(), {CentralErrorKind::Unreachable, ""}});
         },
         on("retry"),
         Screen::CheckingEligibility,
         {"CheckEligibility"}},
        {"error: no retry when it cannot help",
         [](Driver& d) {
             d.to_issuing();
             d.apply(CentralFailed{d.pending(), {CentralErrorKind::Rejected, ""}});
         },
         on("retry"),
         Screen::Error,
         {}},
        {"error: finish wipes",
         [](Driver& d) {
             d.to_checking();
             d.apply(CentralFailed{d.pending(), {CentralErrorKind::Unreachable, ""}});
         },
         on("finish"),
         Screen::Attract,
         {"WipePersonalData"}},
    };
}

void PrintTo(const Row& row, std::ostream* out) {
    *out << row.name;
}

class EngineTransition : public ::testing::TestWithParam<Row> {};

TEST_P(EngineTransition, EndsOnTheExpectedScreenWithTheExpectedCommands) {
    const Row& row = GetParam();
    Driver d;
    row.setup(d);
    const Event event = row.event(d);
    d.apply(event);
    EXPECT_EQ(to_string(d.screen()), to_string(row.expected));
    EXPECT_EQ(names_of(d.last), row.commands);
}

std::string row_name(const ::testing::TestParamInfo<Row>& info) {
    std::string name;
    for (char c : info.param.name) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return name;
}

INSTANTIATE_TEST_SUITE_P(Table, EngineTransition, ::testing::ValuesIn(rows()), row_name);

}  // namespace
}  // namespace hk::kiosk::testing
