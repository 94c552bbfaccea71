// The screen texts: the gettext catalogues in po/ agree with each other, are built into .mo files that the
// kiosk reads per language, and every screen shows its help and (in a session) the toolbar in the citizen's
// language.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine_driver.h"
#include "kiosk/view.h"

namespace hk::kiosk::testing {
namespace {

// --- a small .po reader: enough for the catalogues we write (no plurals, no contexts) ---

struct PoEntry {
    std::string msgid;
    std::string msgstr;
    bool fuzzy = false;
};

std::string unquote(const std::string& line) {
    const auto first = line.find('"');
    const auto last = line.rfind('"');
    std::string out;
    for (auto i = first + 1; i < last; ++i) {
        if (line[i] == '\\' && i + 1 < last) {
            ++i;
            out += line[i] == 'n' ? '\n' : (line[i] == 't' ? '\t' : line[i]);
        } else {
            out += line[i];
        }
    }
    return out;
}

std::vector<PoEntry> read_po(const std::filesystem::path& path) {
    std::ifstream in(path);
    EXPECT_TRUE(in.good()) << path;
    std::vector<PoEntry> entries;
    PoEntry entry;
    std::string* continued = nullptr;
    bool fuzzy = false;
    const auto flush = [&] {
        if (continued != nullptr) entries.push_back(entry);
        entry = {};
        continued = nullptr;
    };
    std::string line;
    while (std::getline(in, line)) {
        if (line.starts_with("#,")) {
            fuzzy |= line.find("fuzzy") != std::string::npos;
        } else if (line.starts_with("msgid ")) {
            flush();
            entry.fuzzy = std::exchange(fuzzy, false);
            entry.msgid = unquote(line);
            continued = &entry.msgid;
        } else if (line.starts_with("msgstr ")) {
            entry.msgstr = unquote(line);
            continued = &entry.msgstr;
        } else if (line.starts_with('"') && continued != nullptr) {
            *continued += unquote(line);
        }
    }
    flush();
    return entries;
}

const std::vector<std::string> kCatalogues = {"zh_CN", "en", "ko"};

std::map<std::string, PoEntry> catalogue(const std::string& name) {
    std::map<std::string, PoEntry> by_id;
    for (PoEntry& entry : read_po(std::filesystem::path(HUKIOSK_SOURCE_DIR) / "po" / (name + ".po"))) {
        EXPECT_FALSE(by_id.contains(entry.msgid)) << name << ": twice " << entry.msgid;
        by_id[entry.msgid] = std::move(entry);
    }
    return by_id;
}

TEST(Catalogues, EveryLanguageTranslatesTheSameIdsWithNothingLeftFuzzyOrEmpty) {
    std::set<std::string> first_ids;
    for (const std::string& name : kCatalogues) {
        const auto entries = catalogue(name);
        ASSERT_TRUE(entries.contains("")) << name << " has no header";
        const std::string& header = entries.at("").msgstr;
        EXPECT_NE(header.find("charset=UTF-8"), std::string::npos) << name;
        EXPECT_NE(header.find("Language: " + name + "\n"), std::string::npos) << name;
        EXPECT_NE(header.find("Plural-Forms: "), std::string::npos) << name;
        std::set<std::string> ids;
        for (const auto& [id, entry] : entries) {
            EXPECT_FALSE(entry.fuzzy) << name << ": " << id;
            if (id.empty()) continue;
            EXPECT_FALSE(entry.msgstr.empty()) << name << ": " << id;
            ids.insert(id);
        }
        if (first_ids.empty()) {
            first_ids = ids;
            EXPECT_GT(ids.size(), 100U);
        } else {
            std::vector<std::string> differ;
            std::ranges::set_symmetric_difference(first_ids, ids, std::back_inserter(differ));
            EXPECT_TRUE(differ.empty())
                << name << " and " << kCatalogues.front() << " differ on " << differ.front();
        }
    }
}

TEST(Catalogues, EveryIdIsReadBackFromTheBuiltCatalogues) {
    for (const auto& [id, entry] : catalogue("ko")) {
        if (id.empty()) continue;
        EXPECT_TRUE(has_text(id)) << id << " (read from " << translations_source() << ")";
        EXPECT_EQ(text(Language::Korean, id), entry.msgstr) << id;
    }
}

// --- lookups through msgfmt, the .mo file and Boost.Locale ---

TEST(Texts, ComeFromTheCompiledCataloguesInEachLanguage) {
    EXPECT_EQ(text(Language::Korean, "attract.title"), "호적 업무 셀프서비스") << translations_source();
    EXPECT_EQ(text(Language::Chinese, "attract.title"), "户籍业务自助办理");
    EXPECT_EQ(text(Language::English, "attract.title"), "Household registration self-service");
    // Leading and trailing spaces are part of a text: they separate it from what follows.
    EXPECT_EQ(text(Language::English, "scan.done_mark"), " (scanned)");
    EXPECT_FALSE(translations_source().empty());
    EXPECT_EQ(translations_source().find("screens show text ids"), std::string::npos)
        << translations_source();
}

TEST(Texts, AnUnknownIdShowsItselfSoTheGapIsVisible) {
    EXPECT_EQ(text(Language::Korean, "attract.no_such_text"), "attract.no_such_text");
    EXPECT_FALSE(has_text("attract.no_such_text"));
    EXPECT_FALSE(has_text(""));
    EXPECT_EQ(text(Language::English, ""), "");
}

// --- dates and numbers ---

TEST(Formatting, DatesAreWrittenTheWayEachLanguageWritesThem) {
    EXPECT_EQ(format_date(Language::Chinese, 2026, 11, 23), "2026年11月23日");
    EXPECT_EQ(format_date(Language::English, 2026, 11, 23), "23 November 2026");
    EXPECT_EQ(format_date(Language::Korean, 2026, 11, 23), "2026년 11월 23일");
    // New Year's Day stays in its year whatever the machine's time zone.
    EXPECT_EQ(format_date(Language::English, 2027, 1, 1), "1 January 2027");
    EXPECT_EQ(format_date(Language::Chinese, "2026-11-18"), "2026年11月18日");
    EXPECT_EQ(format_date(Language::Korean, "2026-03-05"), "2026년 3월 5일");
    EXPECT_EQ(format_date(Language::English, "soon"), "soon");
    EXPECT_EQ(format_date(Language::English, "2026-13-01"), "2026-13-01");
}

TEST(Formatting, CountsGroupTheirDigits) {
    for (Language language : kAllLanguages) {
        EXPECT_EQ(format_count(language, 1), "1");
        EXPECT_EQ(format_count(language, 999), "999");
        EXPECT_EQ(format_count(language, 12345), "12,345");
        EXPECT_EQ(format_count(language, 1234567), "1,234,567");
    }
}

// --- what every screen shows ---

struct Route {
    Screen screen;
    std::function<void(Driver&)> reach;
};

const std::string kTrackingNumber = "202611000017";

void to_status_query(Driver& d) {
    d.to_tracking_entry();
    d.type(kTrackingNumber);
    d.tap("submit");
}

std::vector<Route> every_screen() {
    using drivers::DeviceFault;
    using drivers::DeviceKind;
    using drivers::FaultKind;
    return {
        {Screen::OutOfService, [](Driver& d) { d.device(DeviceKind::A4Printer, false); }},
        {Screen::Attract, [](Driver&) {}},
        {Screen::Language, [](Driver& d) { d.tap("start"); }},
        {Screen::Catalogue, [](Driver& d) { d.to_catalogue(); }},
        {Screen::NotificationForm, [](Driver& d) { d.to_form("household_book"); }},
        {Screen::ForWhom,
         [](Driver& d) {
             d.to_form("proof_of_family_relationship");
             d.tap("continue");
         }},
        {Screen::IdentifyMethod, [](Driver& d) { d.to_identify_method(); }},
        {Screen::IdentifyCard, [](Driver& d) { d.to_identify_card(); }},
        {Screen::PassportMrz,
         [](Driver& d) {
             d.to_identify_method();
             d.tap("method:passport");
         }},
        {Screen::PassportChip,
         [](Driver& d) {
             d.to_identify_method();
             d.tap("method:passport");
             d.apply(MrzRead{d.pending(), sim::passport_mrz(Driver::person(3))});
         }},
        {Screen::CheckingEligibility, [](Driver& d) { d.to_checking(); }},
        {Screen::ScanDocuments,
         [](Driver& d) {
             d.to_checking("household_book");
             d.answer_eligibility(Verdict::Eligible);
             d.scan_one();
         }},
        {Screen::Review, [](Driver& d) { d.to_review(); }},
        {Screen::Issuing, [](Driver& d) { d.to_issuing(); }},
        {Screen::Printing, [](Driver& d) { d.to_printing(); }},
        {Screen::Done, [](Driver& d) { d.to_done(); }},
        {Screen::Referral, [](Driver& d) { d.to_referral(); }},
        {Screen::TrackingEntry,
         [](Driver& d) {
             d.to_tracking_entry();
             d.type("2026");
         }},
        {Screen::Querying, to_status_query},
        {Screen::InquiryResult,
         [](Driver& d) {
             to_status_query(d);
             d.apply(StatusAnswered{d.pending(), {kTrackingNumber, "under_review", "2026-11-18"}});
         }},
        {Screen::TimeoutWarning,
         [](Driver& d) {
             d.to_review();
             d.advance(d.engine.config().idle_timeout);
         }},
        {Screen::Error,
         [](Driver& d) {
             d.to_printing();
             d.apply(
                 DeviceFailed{d.pending(), DeviceFault{DeviceKind::A4Printer, FaultKind::PaperOut, "test"}});
         }},
        {Screen::ServicePin,
         [](Driver& d) {
             d.to_service_pin();
             d.type("24");
         }},
        {Screen::ServiceMenu, [](Driver& d) { d.to_service_menu(); }},
        {Screen::ServiceWorking,
         [](Driver& d) {
             d.to_service_menu();
             d.tap("service:selftest");
         }},
        {Screen::ServiceResult,
         [](Driver& d) {
             d.to_service_result("selftest", false, "FAIL receipt_printer     RCP-03  paper out\n");
         }},
    };
}

// The screen in `language`: the kiosk's default one before a session, the citizen's choice in it (set
// directly, since some screens take no taps).
ui::ViewModel view_in(const Route& route, Language language) {
    EngineConfig config;
    config.default_language = language;
    Driver d(with_technician_cards(config));
    route.reach(d);
    if (d.state.session) d.state.session->language = language;
    EXPECT_EQ(d.screen(), route.screen) << "expected " << to_string(route.screen);
    return build_view(d.state, d.engine);
}

bool looks_like_text_id(const std::string& text) {
    return !text.empty() &&
           std::ranges::all_of(text, [](char c) { return c == '.' || c == '_' || (c >= 'a' && c <= 'z'); }) &&
           text.find('.') != std::string::npos;
}

TEST(Screens, TheRoutesReachEveryScreen) {
    std::set<Screen> reached;
    for (const Route& route : every_screen()) reached.insert(route.screen);
    EXPECT_EQ(reached.size(), static_cast<std::size_t>(kScreenCount));
}

TEST(Screens, EveryScreenExplainsItselfInTheCitizensLanguage) {
    for (const Route& route : every_screen()) {
        std::set<std::string> helps;
        for (Language language : kAllLanguages) {
            const ui::ViewModel view = view_in(route, language);
            EXPECT_FALSE(view.help.empty()) << view.screen;
            EXPECT_FALSE(looks_like_text_id(view.help)) << view.screen << ": " << view.help;
            EXPECT_EQ(view.help, text(language, "help." + view.screen));
            helps.insert(view.help);
        }
        EXPECT_EQ(helps.size(), kAllLanguages.size())
            << to_string(route.screen) << " has the same help twice";
    }
}

TEST(Screens, ASessionHasTheToolbarWithTheCurrentLanguageGreyedOut) {
    for (const Route& route : every_screen()) {
        for (Language language : kAllLanguages) {
            const ui::ViewModel view = view_in(route, language);
            if (route.screen == Screen::Attract || route.screen == Screen::OutOfService) {
                EXPECT_TRUE(view.toolbar.empty()) << view.screen;
                continue;
            }
            std::vector<std::string> actions;
            for (const ui::Button& button : view.toolbar) {
                actions.push_back(button.action);
                EXPECT_FALSE(button.label.empty()) << button.action;
                EXPECT_FALSE(looks_like_text_id(button.label)) << view.screen << ": " << button.label;
                if (button.action.starts_with("lang:")) {
                    EXPECT_EQ(button.enabled, button.action != "lang:" + view.language) << view.screen;
                } else {
                    EXPECT_TRUE(button.enabled) << button.action;
                }
            }
            if (view.screen.starts_with("service_")) {  // a technician's: no accessibility switches
                EXPECT_EQ(actions, (std::vector<std::string>{"lang:zh-CN", "lang:en", "lang:ko", "help"}))
                    << view.screen;
                continue;
            }
            EXPECT_EQ(actions,
                      (std::vector<std::string>{"lang:zh-CN", "lang:en", "lang:ko", "a11y:large_text",
                                                "a11y:contrast", "a11y:speech", "help"}))
                << view.screen;
        }
    }
}

const ui::Button& toolbar_button(const ui::ViewModel& view, std::string_view action) {
    const auto found = std::ranges::find(view.toolbar, action, &ui::Button::action);
    EXPECT_NE(found, view.toolbar.end()) << action;
    return *found;
}

TEST(Screens, ToolbarLabelsLanguagesInTheirOwnLanguageAndTheRestInTheCitizens) {
    Driver d;
    d.tap("start");
    d.tap("lang:ko");
    d.tap("service:registration_certificate");
    ui::ViewModel view = build_view(d.state, d.engine);
    EXPECT_EQ(toolbar_button(view, "lang:zh-CN").label, "中文");
    EXPECT_EQ(toolbar_button(view, "lang:en").label, "English");
    EXPECT_EQ(toolbar_button(view, "lang:ko").label, "한국어");
    EXPECT_EQ(toolbar_button(view, "a11y:large_text").label, "큰 글씨");
    EXPECT_EQ(toolbar_button(view, "a11y:contrast").label, "고대비");
    EXPECT_EQ(toolbar_button(view, "a11y:speech").label, "음성 켜기");
    EXPECT_EQ(toolbar_button(view, "help").label, "도움말");
    // The speech button says what a tap does, so it reads the other way once speech is on.
    d.state.session->presentation.speech = true;
    view = build_view(d.state, d.engine);
    EXPECT_EQ(toolbar_button(view, "a11y:speech").label, "음성 끄기");
    EXPECT_TRUE(view.presentation.speech);
}

TEST(Screens, ThePresentationFollowsTheSessionAndIsTheDefaultWithoutOne) {
    Driver d;
    EXPECT_EQ(build_view(d.state, d.engine).presentation, ui::Presentation{});
    d.to_catalogue();
    d.state.session->presentation.large_text = true;
    d.state.session->presentation.high_contrast = true;
    d.state.session->presentation.volume = 5;
    const ui::ViewModel view = build_view(d.state, d.engine);
    EXPECT_TRUE(view.presentation.large_text);
    EXPECT_TRUE(view.presentation.high_contrast);
    EXPECT_EQ(view.presentation.volume, 5);
}

TEST(Screens, TheTrackingNumberBeingTypedIsShownUnmasked) {
    Driver d;
    d.to_tracking_entry();
    EXPECT_EQ(build_view(d.state, d.engine).entry, "");
    d.type("2026");
    const ui::ViewModel view = build_view(d.state, d.engine);
    EXPECT_EQ(view.entry, "2026");
    EXPECT_FALSE(view.entry_masked);
    Driver elsewhere;
    elsewhere.to_catalogue();
    EXPECT_FALSE(build_view(elsewhere.state, elsewhere.engine).entry.has_value());
}

TEST(Screens, DatesAndCountsFollowTheLanguage) {
    Driver d;
    d.tap("start");
    d.tap("lang:en");
    d.tap("service:application_status");
    d.type(kTrackingNumber);
    d.tap("submit");
    d.apply(StatusAnswered{d.pending(), {kTrackingNumber, "under_review", "2026-11-18"}});
    const auto has_line = [](const ui::ViewModel& view, const std::string& wanted) {
        return std::ranges::find(view.lines, wanted) != view.lines.end();
    };
    ui::ViewModel view = build_view(d.state, d.engine);
    EXPECT_TRUE(has_line(view, "Updated: 18 November 2026")) << ::testing::PrintToString(view.lines);
    d.state.session->language = Language::Korean;
    view = build_view(d.state, d.engine);
    EXPECT_TRUE(has_line(view, "갱신일: 2026년 11월 18일")) << ::testing::PrintToString(view.lines);

    Driver points;
    points.to_form("handling_points");
    points.apply(
        HandlingPointsAnswered{points.pending(), {{"东华门派出所", "东城区东华门大街33号", 1.6, 1234}}});
    EXPECT_TRUE(has_line(build_view(points.state, points.engine), "东华门派出所 · 1.6 km · 排队人数：1,234"));
}

TEST(Screens, TheDoneScreenGivesTheIssueDate) {
    Driver d;
    d.to_issuing();
    d.state.session->language = Language::English;
    IssuedCertificate certificate = Driver::certificate();
    certificate.issued_on = "2026-11-23";
    d.apply(CertificateIssued{d.pending(), certificate});
    const auto request = d.pending();
    d.apply(PrintFinished{request, drivers::DeviceKind::A4Printer});
    d.apply(PrintFinished{request, drivers::DeviceKind::ReceiptPrinter});
    ASSERT_EQ(d.screen(), Screen::Done);
    const ui::ViewModel view = build_view(d.state, d.engine);
    EXPECT_NE(std::ranges::find(view.lines, "Issued on: 23 November 2026"), view.lines.end())
        << ::testing::PrintToString(view.lines);
}

}  // namespace
}  // namespace hk::kiosk::testing
