// Test helper: drives the pure session engine through citizen steps, checking every invariant after every
// event.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/session/engine.h"
#include "sim/simulation.h"
#include "sim/world.h"

namespace hk::kiosk::testing {

inline std::vector<std::string> names_of(const std::vector<Command>& commands) {
    std::vector<std::string> names;
    for (const Command& command : commands) names.emplace_back(command_name(command));
    return names;
}

class Driver {
  public:
    explicit Driver(EngineConfig config = {}) : engine(default_catalogue(), config) {
        state.kiosk_id = "kiosk-test";
        state.boot_id = "b00t";
    }

    SessionEngine engine;
    State state;
    std::vector<Command> last;

    const std::vector<Command>& apply(const Event& event) {
        Transition next = engine.step(state, event);
        state = std::move(next.state);
        last = std::move(next.commands);
        const auto broken = check_invariants(state);
        EXPECT_TRUE(broken.empty()) << "after " << describe_for_log(event) << " on "
                                    << to_string(state.screen) << ": "
                                    << (broken.empty() ? "" : broken.front());
        return last;
    }
    const std::vector<Command>& tap(const std::string& action) { return apply(UserAction{action}); }
    const std::vector<Command>& advance(Millis by) { return apply(ClockTick{state.now + by}); }

    template <typename C>
    const C* find_command() const {
        for (const Command& command : last) {
            if (const auto* c = std::get_if<C>(&command)) return c;
        }
        return nullptr;
    }
    [[nodiscard]] std::uint64_t pending() const { return state.pending_request; }
    [[nodiscard]] Screen screen() const { return state.screen; }
    [[nodiscard]] const Session& session() const { return *state.session; }

    // --- reaching screens the way a citizen does ---
    static const sim::WorldPerson& person(std::size_t i) { return sim::demo_world().people.at(i); }

    void to_catalogue() {
        tap("start");
        tap("lang:zh-CN");
    }
    void to_form(const std::string& service) {
        to_catalogue();
        tap("service:" + service);
    }
    void to_identify_method(const std::string& service = "proof_of_family_relationship", bool other = false) {
        to_form(service);
        tap("continue");
        if (screen() == Screen::ForWhom) tap(other ? "other" : "self");
    }
    void to_identify_card(const std::string& service = "proof_of_family_relationship", bool other = false) {
        to_identify_method(service, other);
        tap("method:id_card");
    }
    void present_card(std::size_t who) {
        apply(ResidentIdCardRead{pending(), sim::resident_id_card(person(who))});
    }
    void to_checking(const std::string& service = "proof_of_family_relationship", std::size_t who = 0) {
        to_identify_card(service);
        present_card(who);
    }
    void answer_eligibility(Verdict verdict) {
        EligibilityAnswer answer{verdict, Station{"景山派出所", "景山东街12号", "9:00-17:00", "010"}, {}};
        apply(EligibilityChecked{pending(), answer});
    }
    void to_review(const std::string& service = "proof_of_family_relationship") {
        to_checking(service);
        answer_eligibility(Verdict::Eligible);
        while (screen() == Screen::ScanDocuments && session().pages.size() < wanted_pages()) scan_one();
        if (screen() == Screen::ScanDocuments) tap("continue");
    }
    std::size_t wanted_pages() const {
        return engine.catalogue().find(state.session->service_id)->documents_to_scan.size();
    }
    // A page scanned and then read by the kiosk's page reader (`document`: what it recognised, if anything).
    void scan_one(std::optional<ReadDocument> document = std::nullopt) {
        tap("scan");
        const int page_id = next_page_id++;
        apply(PageScanned{pending(), page_id});
        apply(PageRead{page_id, std::move(document)});
    }
    int next_page_id = 100;
    // A household register page as the reader returns it: the name read well; the ID number read well, or
    // (doubtful) failing its check character.
    static ReadDocument register_page(bool doubtful) {
        ReadDocument document;
        document.type = "household_register_page";
        document.name = {"常住人口登记卡", "Household register: resident's page", "상주인구 등록 카드"};
        document.fields.push_back({"name", "姓名", PersonalString("王小明"), true, 0.95, false, false});
        document.fields.push_back({"id_number", "公民身份号码", PersonalString("110105199005170012"),
                                   !doubtful, doubtful ? 0.55 : 0.93, false, false});
        return document;
    }
    static IssuedCertificate certificate(const std::string& serial = "HK2026000001") {
        IssuedCertificate c;
        c.serial = serial;
        c.service_id = "proof_of_family_relationship";
        c.holder_name = PersonalString("王小明");
        return c;
    }
    void to_issuing(const std::string& service = "proof_of_family_relationship") {
        to_review(service);
        tap("confirm");
    }
    void to_printing() {
        to_issuing();
        apply(CertificateIssued{pending(), certificate()});
    }
    void to_done() {
        to_printing();
        const auto request = pending();
        apply(PrintFinished{request, drivers::DeviceKind::A4Printer});
        apply(PrintFinished{request, drivers::DeviceKind::ReceiptPrinter});
    }
    void to_referral() {
        to_checking("proof_of_family_relationship", 4);
        answer_eligibility(Verdict::PaperRecordsOnly);
    }
    void to_tracking_entry() { to_form("application_status"); }
    void type(const std::string& digits) {
        for (char d : digits) tap(std::string("digit:") + d);
    }
    void device(drivers::DeviceKind kind, bool ready) { apply(DeviceHealthChanged{kind, ready}); }

    // --- service mode (the engine must be configured with technician_cards) ---
    void to_service_pin(const std::string& card = "04A1B2C3") {
        advance(Millis(1));  // the first tick starts the watch for technician cards
        apply(TechnicianCardSeen{pending(), card});
    }
    void to_service_menu() {
        to_service_pin();
        type("2468");
        tap("submit");
        apply(TechnicianPinChecked{pending(), PinVerdict::Accepted, 5, 0});
    }
    void to_service_result(const std::string& function, bool well, const std::string& text) {
        to_service_menu();
        tap("service:" + function);
        apply(ServiceFunctionDone{pending(), well, text});
    }
};

inline EngineConfig with_technician_cards(EngineConfig config = {}) {
    config.technician_cards = true;
    return config;
}

}  // namespace hk::kiosk::testing
