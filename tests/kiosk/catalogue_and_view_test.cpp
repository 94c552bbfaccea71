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

TEST(Catalogue, TheBuiltInCatalogueFitsOneScreenWithoutPaging) {
    Driver d;
    d.to_catalogue();
    const ui::ViewModel view = build_view(d.state, d.engine);
    EXPECT_EQ(service_buttons(view).size(), default_catalogue().services.size());
    for (const ui::Button& button : view.buttons) EXPECT_FALSE(button.action.starts_with("catalogue:"));
    EXPECT_EQ(d.tap("catalogue:next").size(), 0U);
}

TEST(Catalogue, LargeTextShowsFewerServicesAPageSoTheLabelsStayLarge) {
    Driver d;
    d.to_catalogue();
    d.tap("a11y:large_text");
    ASSERT_TRUE(d.session().presentation.large_text);
    const auto shown = [&] { return service_buttons(build_view(d.state, d.engine)); };
    const std::size_t services = default_catalogue().services.size();
    ASSERT_EQ(shown().size(), kLargeTextServicesPerPage);
    EXPECT_EQ(shown().front(), default_catalogue().services.front().id);
    std::vector<std::string> seen = shown();
    for (int turn = 0; turn < 5; ++turn) {
        d.tap("catalogue:next");
        for (const std::string& id : shown()) {
            if (std::find(seen.begin(), seen.end(), id) == seen.end()) seen.push_back(id);
        }
    }
    EXPECT_EQ(seen.size(), services) << "every service is on some page";
    EXPECT_EQ(shown().back(), default_catalogue().services.back().id);
    // Back to normal text on the last large-text page: one screen again, and "previous" is no longer offered.
    d.tap("a11y:large_text");
    EXPECT_EQ(shown().size(), services);
    EXPECT_EQ(d.tap("catalogue:previous").size(), 0U);
    d.tap("a11y:large_text");
    d.tap("catalogue:previous");
    EXPECT_EQ(shown().front(), default_catalogue().services[kLargeTextServicesPerPage].id)
        << "a stale page index is clamped before turning";
}

TEST(Catalogue, ALongPushedCatalogueIsShownAPageAtATimeAndKeepsItsPage) {
    Catalogue long_catalogue = default_catalogue();
    const Service model = *long_catalogue.find("registration_certificate");
    for (int i = 0; long_catalogue.services.size() < 30; ++i) {
        Service copy = model;
        copy.id = "extra_" + std::to_string(i);
        copy.name.en = "Extra service " + std::to_string(i);
        long_catalogue.services.push_back(copy);
    }
    const SessionEngine engine(long_catalogue, {});
    State state;
    const auto tap = [&](const std::string& action) {
        state = engine.step(std::move(state), UserAction{action}).state;
        EXPECT_TRUE(check_invariants(state).empty()) << action;
    };
    tap("start");
    tap("lang:en");
    ASSERT_EQ(state.screen, Screen::Catalogue);
    const auto page = [&] { return service_buttons(build_view(state, engine)); };
    ASSERT_EQ(page().size(), kServicesPerPage);
    EXPECT_EQ(page().front(), long_catalogue.services[0].id);
    ui::ViewModel first = build_view(state, engine);
    EXPECT_NE(std::find(first.lines.begin(), first.lines.end(), "Page 1 / 3"), first.lines.end());

    tap("catalogue:previous");  // nothing before the first page
    EXPECT_EQ(page().front(), long_catalogue.services[0].id);
    tap("catalogue:next");
    ASSERT_EQ(page().size(), kServicesPerPage);
    EXPECT_EQ(page().front(), long_catalogue.services[kServicesPerPage].id);
    tap("catalogue:next");
    EXPECT_EQ(page().size(), 30 - 2 * kServicesPerPage);
    tap("catalogue:next");  // nothing after the last
    EXPECT_EQ(page().back(), long_catalogue.services.back().id);

    // A service on the last page is chosen; coming back shows the same page.
    tap("service:" + long_catalogue.services.back().id);
    ASSERT_EQ(state.screen, Screen::NotificationForm);
    tap("back");
    ASSERT_EQ(state.screen, Screen::Catalogue);
    EXPECT_EQ(page().back(), long_catalogue.services.back().id);
    const ui::ViewModel last = build_view(state, engine);
    bool next_enabled = true;
    for (const ui::Button& button : last.buttons) {
        if (button.action == "catalogue:next") next_enabled = button.enabled;
    }
    EXPECT_FALSE(next_enabled) << "no page after the last";
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
