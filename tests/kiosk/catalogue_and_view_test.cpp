#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>

#include "engine_driver.h"
#include "kiosk/catalogue.h"
#include "kiosk/view.h"

namespace hk::kiosk::testing {
namespace {

TEST(View, TypingATrackingNumberChangesOnlyTheEntry) {
    Driver d;
    d.to_tracking_entry();
    const ui::ViewModel before = build_view(d.state, d.engine);
    d.tap("digit:7");
    const ui::ViewModel after = build_view(d.state, d.engine);
    EXPECT_EQ(after.entry, std::optional<std::string>("7"));
    EXPECT_FALSE(after.entry_masked);
    // The rest stays put, so speech says the digit rather than the whole screen again.
    EXPECT_EQ(after.title, before.title);
    EXPECT_EQ(after.lines, before.lines);
}

// The service buttons a catalogue view shows, by id.
std::vector<std::string> service_buttons(const ui::ViewModel& view) {
    std::vector<std::string> ids;
    for (const ui::Button& button : view.buttons) {
        if (button.action.starts_with("service:")) ids.push_back(button.action.substr(8));
    }
    return ids;
}

// The actions of a view's buttons, in order.
std::vector<std::string> actions(const ui::ViewModel& view) {
    std::vector<std::string> found;
    for (const ui::Button& button : view.buttons) found.push_back(button.action);
    return found;
}

// The built-in catalogue with `extra` more certificates, the kind every province adds to.
Catalogue with_more_certificates(std::size_t extra) {
    Catalogue catalogue = default_catalogue();
    const Service model = *catalogue.find("registration_certificate");
    for (std::size_t i = 0; i < extra; ++i) {
        Service copy = model;
        copy.id = "extra_" + std::to_string(i);
        copy.name.en = "Extra service " + std::to_string(i);
        catalogue.services.push_back(copy);
    }
    return catalogue;
}

TEST(Catalogue, TheBuiltInCatalogueOpensWithItsKindsAndTheServicesAloneOfTheirKind) {
    Driver d;
    d.to_catalogue();
    EXPECT_EQ(actions(build_view(d.state, d.engine)),
              (std::vector<std::string>{"kind:certificate", "kind:application", "service:certificate_reprint",
                                        "service:application_status", "service:handling_points", "back",
                                        "cancel"}));
    EXPECT_EQ(d.tap("catalogue:next").size(), 0U);
    EXPECT_TRUE(d.tap("kind:status_inquiry").empty()) << "a kind of one service has no group";
    EXPECT_FALSE(d.session().catalogue_kind.has_value());

    d.tap("kind:certificate");
    const ui::ViewModel certificates = build_view(d.state, d.engine);
    std::vector<std::string> expected;
    for (const Service* service : services_of_kind(default_catalogue(), ServiceKind::Certificate)) {
        expected.push_back(service->id);
    }
    EXPECT_EQ(service_buttons(certificates), expected);
    EXPECT_EQ(expected.size(), 5U);
    EXPECT_NE(std::ranges::find(certificates.lines,
                                std::string(text(Language::Chinese, "catalogue.kind.certificate"))),
              certificates.lines.end())
        << "the group is named";
    d.tap("kind:application");  // only from the first screen
    EXPECT_EQ(d.session().catalogue_kind, ServiceKind::Certificate);

    // Back from a service's form to its group; back from the group to the kinds; back again to the languages.
    d.tap("service:proof_of_family_relationship");
    ASSERT_EQ(d.screen(), Screen::NotificationForm);
    d.tap("back");
    ASSERT_EQ(d.screen(), Screen::Catalogue);
    EXPECT_EQ(service_buttons(build_view(d.state, d.engine)), expected);
    d.tap("back");
    EXPECT_EQ(d.screen(), Screen::Catalogue);
    EXPECT_EQ(actions(build_view(d.state, d.engine)).front(), "kind:certificate");
    d.tap("back");
    EXPECT_EQ(d.screen(), Screen::Language);
}

TEST(Catalogue, AShortCatalogueShowsEveryServiceAtOnce) {
    Catalogue short_catalogue = default_catalogue();
    short_catalogue.services.resize(kGroupedAbove);
    EXPECT_TRUE(catalogue_groups(short_catalogue).empty());
    const SessionEngine engine(short_catalogue, {});
    State state;
    for (const char* action : {"start", "lang:en"})
        state = engine.step(std::move(state), UserAction{action}).state;
    ASSERT_EQ(state.screen, Screen::Catalogue);
    EXPECT_EQ(service_buttons(build_view(state, engine)).size(), kGroupedAbove);
}

TEST(Catalogue, LargeTextShowsFewerServicesAPageSoTheLabelsStayLarge) {
    const Catalogue catalogue = with_more_certificates(7);  // 12 certificates
    const SessionEngine engine(catalogue, {});
    State state;
    const auto tap = [&](const std::string& action) {
        state = engine.step(std::move(state), UserAction{action}).state;
    };
    for (const char* action : {"start", "lang:en", "kind:certificate", "a11y:large_text"}) tap(action);
    ASSERT_TRUE(state.session->presentation.large_text);
    const auto shown = [&] { return service_buttons(build_view(state, engine)); };
    const auto certificates = services_of_kind(catalogue, ServiceKind::Certificate);
    ASSERT_EQ(certificates.size(), 12U);
    ASSERT_EQ(shown().size(), kLargeTextServicesPerPage);
    EXPECT_EQ(shown().front(), certificates.front()->id);
    std::vector<std::string> seen = shown();
    for (int turn = 0; turn < 3; ++turn) {
        tap("catalogue:next");
        for (const std::string& id : shown()) {
            if (std::find(seen.begin(), seen.end(), id) == seen.end()) seen.push_back(id);
        }
    }
    EXPECT_EQ(seen.size(), certificates.size()) << "every certificate is on some page";
    EXPECT_EQ(shown().back(), certificates.back()->id);
    // Back to normal text on the last large-text page: one screen again, and "previous" is no longer offered.
    tap("a11y:large_text");
    EXPECT_EQ(shown().size(), certificates.size());
    tap("catalogue:previous");
    EXPECT_EQ(shown().front(), certificates.front()->id);
}

TEST(Catalogue, ALongPushedCatalogueIsShownAPageAtATimeAndKeepsItsPage) {
    const Catalogue long_catalogue = with_more_certificates(14);  // 30 services, 19 of them certificates
    ASSERT_EQ(long_catalogue.services.size(), 30U);
    const SessionEngine engine(long_catalogue, {});
    State state;
    const auto tap = [&](const std::string& action) {
        state = engine.step(std::move(state), UserAction{action}).state;
        EXPECT_TRUE(check_invariants(state).empty()) << action;
    };
    tap("start");
    tap("lang:en");
    tap("kind:certificate");
    ASSERT_EQ(state.screen, Screen::Catalogue);
    const auto certificates = services_of_kind(long_catalogue, ServiceKind::Certificate);
    const auto page = [&] { return service_buttons(build_view(state, engine)); };
    ASSERT_EQ(page().size(), kServicesPerPage);
    EXPECT_EQ(page().front(), certificates[0]->id);
    ui::ViewModel first = build_view(state, engine);
    EXPECT_NE(std::find(first.lines.begin(), first.lines.end(), "Page 1 / 2"), first.lines.end());

    tap("catalogue:previous");  // nothing before the first page
    EXPECT_EQ(page().front(), certificates[0]->id);
    tap("catalogue:next");
    EXPECT_EQ(page().size(), certificates.size() - kServicesPerPage);
    EXPECT_EQ(page().front(), certificates[kServicesPerPage]->id);
    tap("catalogue:next");  // nothing after the last
    EXPECT_EQ(page().back(), certificates.back()->id);

    // A service on the last page is chosen; coming back shows the same page.
    tap("service:" + certificates.back()->id);
    ASSERT_EQ(state.screen, Screen::NotificationForm);
    tap("back");
    ASSERT_EQ(state.screen, Screen::Catalogue);
    EXPECT_EQ(page().back(), certificates.back()->id);
    const ui::ViewModel last = build_view(state, engine);
    bool next_enabled = true;
    for (const ui::Button& button : last.buttons) {
        if (button.action == "catalogue:next") next_enabled = button.enabled;
    }
    EXPECT_FALSE(next_enabled) << "no page after the last";
    // Back to the kinds: a group opened again starts at its first page.
    tap("back");
    tap("kind:certificate");
    EXPECT_EQ(page().front(), certificates[0]->id);
}

TEST(Catalogue, BuiltInCatalogueOffersEveryServiceTheMissionNames) {
    const Catalogue& catalogue = default_catalogue();
    for (const char* id :
         {"change_of_registration_items", "cancellation_of_registration", "proof_of_family_relationship",
          "temporary_identity_paper", "registration_certificate", "household_book", "relocation_job_transfer",
          "relocation_university_admission", "relocation_graduates", "relocation_spouse",
          "relocation_parents_joining_children", "newborn_entry", "id_card_first_or_replacement",
          "application_status", "handling_points"}) {
        const Service* service = catalogue.find(id);
        ASSERT_NE(service, nullptr) << id;
        EXPECT_FALSE(service->name.zh.empty() || service->name.en.empty() || service->name.ko.empty()) << id;
        if (service->kind == ServiceKind::Application && service->available_here) {
            EXPECT_FALSE(service->documents_to_scan.empty()) << id;
        }
    }
}

TEST(Catalogue, RejectsBrokenDocumentsWithAReason) {
    EXPECT_FALSE(parse_catalogue("not json").has_value());
    EXPECT_FALSE(parse_catalogue("{}").has_value());
    EXPECT_FALSE(parse_catalogue(R"({"services": []})").has_value());
    auto duplicate = parse_catalogue(R"({"services": [
        {"id": "a", "kind": "certificate", "name": {"zh": "甲"}},
        {"id": "a", "kind": "certificate", "name": {"zh": "乙"}}]})");
    ASSERT_FALSE(duplicate.has_value());
    EXPECT_NE(duplicate.error().find("duplicate"), std::string::npos);
    auto bad_kind = parse_catalogue(R"({"services": [{"id": "a", "kind": "magic", "name": {"zh": "甲"}}]})");
    ASSERT_FALSE(bad_kind.has_value());
    EXPECT_NE(bad_kind.error().find("services[0]"), std::string::npos);
    EXPECT_FALSE(parse_catalogue(R"({"services": [{"id": "a", "kind": "certificate", "name": "x"}]})"));
    EXPECT_FALSE(parse_catalogue(
        R"({"services": [{"id": "a", "kind": "certificate", "name": {"zh": "甲"}, "allows_agent": "yes"}]})"));
    EXPECT_FALSE(parse_catalogue(
        R"({"services": [{"id": "a", "kind": "certificate", "name": {"zh": "甲"}, "documents_to_scan": [{"zh": "x"}]}]})"));
}

TEST(Catalogue, AProvinceCatalogueReplacesTheBuiltInOne) {
    auto custom = parse_catalogue(R"({"services": [
        {"id": "registration_certificate", "kind": "certificate", "name": {"zh": "户籍证明", "en": "Registration"}}]})");
    ASSERT_TRUE(custom.has_value());
    SessionEngine engine(*custom, {});
    State state;
    state = engine.step(state, UserAction{"start"}).state;
    state = engine.step(state, UserAction{"lang:en"}).state;
    const ui::ViewModel view = build_view(state, engine);
    ASSERT_EQ(view.buttons.front().action, "service:registration_certificate");
    EXPECT_EQ(view.buttons.front().label, "Registration");
    // A text missing in Korean falls back rather than showing nothing.
    EXPECT_EQ(custom->services[0].name.in(Language::Korean), "户籍证明");
}

// The views name their texts by id; a typo would show the raw id on screen. Every id written in the code that
// builds views or printed matter, every screen's help and every application status must be in the catalogues.
TEST(View, UsesOnlyTextIdsTheCataloguesHave) {
    const std::regex literal_id(R"re("([a-z_]+\.[a-z_]+)")re");
    int ids_seen = 0;
    for (const char* source : {"kiosk/src/view/view_builder.cpp", "kiosk/src/app/printed_matter.cpp"}) {
        std::ifstream in(std::filesystem::path(HUKIOSK_SOURCE_DIR) / source);
        ASSERT_TRUE(in.good()) << source;
        const std::string code((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        for (std::sregex_iterator it(code.begin(), code.end(), literal_id), end; it != end; ++it) {
            const std::string id = (*it)[1];
            if (id.ends_with(".h") || id.ends_with(".cpp")) continue;  // an #include, not a text
            EXPECT_TRUE(has_text(id))
                << source << " names " << id << " (texts from " << translations_source() << ")";
            ++ids_seen;
        }
    }
    EXPECT_GT(ids_seen, 50);
    for (int i = 0; i < kScreenCount; ++i) {
        EXPECT_TRUE(has_text("help." + std::string(to_string(static_cast<Screen>(i)))));
    }
    for (const char* status : {"received", "under_review", "approved", "rejected", "ready_for_collection"}) {
        EXPECT_TRUE(has_text(std::string("status.") + status)) << status;
    }
}

TEST(View, ShowsTheCitizensLanguage) {
    for (auto [tag_text, expected] :
         {std::pair{"zh-CN", "请选择要办理的业务"}, std::pair{"en", "What would you like to do?"},
          std::pair{"ko", "어떤 업무를 보시겠습니까?"}}) {
        Driver d;
        d.tap("start");
        d.tap(std::string("lang:") + tag_text);
        const ui::ViewModel view = build_view(d.state, d.engine);
        EXPECT_EQ(view.title, expected);
        EXPECT_EQ(view.language, tag_text);
    }
}

TEST(View, ReviewMasksPersonalData) {
    Driver d;
    d.to_review();
    const ui::ViewModel view = build_view(d.state, d.engine);
    const std::string& id = Driver::person(0).id_number;
    for (const std::string& line : view.lines) {
        EXPECT_EQ(line.find(id), std::string::npos) << line;
        EXPECT_EQ(line.find("王小明"), std::string::npos) << line;
    }
    bool masked_name = false;
    for (const std::string& line : view.lines) masked_name |= line.find("王*明") != std::string::npos;
    EXPECT_TRUE(masked_name);
}

TEST(View, MaskingKeepsOnlyTheEnds) {
    EXPECT_EQ(mask_name("王小明"), "王*明");
    EXPECT_EQ(mask_name("李静"), "李*");
    EXPECT_EQ(mask_name("WANG JIANGUO"), "W*** ******O");
    EXPECT_EQ(mask_name(""), "");
    EXPECT_EQ(mask_number("110101198503071235"), "1101**********1235");
    EXPECT_EQ(mask_number("E98765432"), "E987*5432");
    EXPECT_EQ(mask_number("123"), "***");
}

TEST(View, TimeoutWarningCountsDown) {
    Driver d;
    d.to_catalogue();
    d.advance(d.engine.config().idle_timeout);
    ASSERT_EQ(build_view(d.state, d.engine).countdown_seconds, 20);
    d.advance(Millis(5'500));
    EXPECT_EQ(build_view(d.state, d.engine).countdown_seconds, 15);
}

TEST(View, UnavailableOptionsAreGreyedOut) {
    Driver d;
    d.to_identify_method();
    d.device(drivers::DeviceKind::ChipReader, false);
    const ui::ViewModel view = build_view(d.state, d.engine);
    for (const ui::Button& button : view.buttons) {
        if (button.action == "method:passport") {
            EXPECT_FALSE(button.enabled);
        }
        if (button.action == "method:id_card") {
            EXPECT_TRUE(button.enabled);
        }
    }
}

TEST(View, ErrorShowsTheFaultCodeAndANextStep) {
    Driver d;
    d.to_printing();
    d.apply(DeviceFailed{d.pending(), {drivers::DeviceKind::A4Printer, drivers::FaultKind::PaperOut, ""}});
    const ui::ViewModel view = build_view(d.state, d.engine);
    bool code = false;
    bool serial = false;
    for (const std::string& line : view.lines) {
        code |= line.find("A4P-06") != std::string::npos;
        serial |= line.find("HK2026000001") != std::string::npos;
    }
    EXPECT_TRUE(code);
    EXPECT_TRUE(serial);
    EXPECT_EQ(view.tone, ui::Tone::Error);
}

}  // namespace
}  // namespace hk::kiosk::testing
