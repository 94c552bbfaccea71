// The pushed site configuration: what a document may say (docs/site-config.example.json is the reference),
// what is refused and why, the opening hours, and how SiteSettings puts one in force in the running kiosk.
#include "app/site_config.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/site_settings.h"
#include "kiosk/view.h"

namespace hk::kiosk {
namespace {

using nlohmann::json;

json example() {
    std::ifstream in(std::string(HUKIOSK_SOURCE_DIR) + "/docs/site-config.example.json");
    std::stringstream text;
    text << in.rdbuf();
    return json::parse(text.str());
}

std::tm local_time(int year, int month, int day, int hour, int minute) {
    std::tm t{};
    t.tm_year = year - 1900;
    t.tm_mon = month - 1;
    t.tm_mday = day;
    t.tm_hour = hour;
    t.tm_min = minute;
    t.tm_isdst = -1;
    std::mktime(&t);  // fills in the weekday
    return t;
}

TEST(SiteConfig, TheExampleDocumentReadsInFull) {
    auto config = parse_site_config(example().dump());
    ASSERT_TRUE(config) << config.error();
    EXPECT_EQ(config->version, "2026.11.2");
    ASSERT_TRUE(config->catalogue);
    EXPECT_EQ(config->catalogue->services.size(), 7U);
    EXPECT_EQ(config->catalogue->find("newborn_entry"), nullptr);
    EXPECT_EQ(config->texts.at("attract.title").en, "Yanbian household registration self-service");
    ASSERT_TRUE(config->opening_hours);
    EXPECT_EQ(config->engine_config({}).idle_timeout, Millis(90'000));
    EXPECT_EQ(config->engine_config({}).warning_period, Millis(30'000));
}

TEST(SiteConfig, PartsLeftOutKeepTheKiosksOwn) {
    auto config = parse_site_config(R"({"format":"hukiosk-site-config/1","version":"7"})");
    ASSERT_TRUE(config) << config.error();
    EXPECT_FALSE(config->catalogue);
    EXPECT_FALSE(config->opening_hours);
    EXPECT_TRUE(config->texts.empty());
    EngineConfig base;
    base.idle_timeout = Millis(45'000);
    EXPECT_EQ(config->engine_config(base).idle_timeout, Millis(45'000));
}

TEST(SiteConfig, RefusesWhatItCannotApplyWholly) {
    const auto broken = [](auto change) {
        json doc = example();
        change(doc);
        return doc.dump();
    };
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"[]", "not a JSON object"},
        {"{", "not a JSON object"},
        {broken([](json& d) { d["format"] = "hukiosk-site-config/2"; }), "format"},
        {broken([](json& d) { d.erase("version"); }), "version"},
        {broken([](json& d) { d["version"] = 3; }), "version"},
        {broken([](json& d) { d["printer"] = json::object(); }), "unknown part 'printer'"},
        {broken([](json& d) { d["catalogue"]["services"] = json::array(); }), "catalogue: "},
        {broken([](json& d) { d["catalogue"]["services"][0]["kind"] = "lottery"; }), "catalogue: "},
        {broken([](json& d) { d["texts"]["attract.no_such_text"] = d["texts"]["attract.title"]; }),
         "no screen text 'attract.no_such_text'"},
        {broken([](json& d) { d["texts"]["attract.title"].erase("ko"); }), "needs zh, en and ko"},
        {broken([](json& d) { d["texts"]["attract.title"]["zh"] = ""; }), "needs zh, en and ko"},
        {broken([](json& d) { d["opening_hours"]["someday"] = json::array(); }), "unknown day"},
        {broken([](json& d) { d["opening_hours"]["mon"] = {"20:00-08:00"}; }), "not HH:MM-HH:MM"},
        {broken([](json& d) { d["opening_hours"]["mon"] = {"8-20"}; }), "not HH:MM-HH:MM"},
        {broken([](json& d) { d["opening_hours"]["mon"] = {"08:00-24:01"}; }), "not HH:MM-HH:MM"},
        {broken([](json& d) {
             d["opening_hours"]["mon"] = {"08:00-12:00", "11:00-13:00"};
         }),
         "overlap"},
        {broken([](json& d) { d["opening_hours"] = json::object(); }), "opens on no day"},
        {broken([](json& d) { d["session"]["warning_s"] = 10; }), "warning_s"},
        {broken([](json& d) { d["session"]["idle_timeout_s"] = "90"; }), "idle_timeout_s"},
        {broken([](json& d) { d["session"]["volume"] = 3; }), "unknown setting 'volume'"},
    };
    for (const auto& [document, reason] : cases) {
        auto config = parse_site_config(document);
        ASSERT_FALSE(config) << document;
        EXPECT_NE(config.error().find(reason), std::string::npos) << config.error() << " | " << reason;
    }
}

TEST(OpeningHours, OpenInsideTheIntervalsAndKnowsWhenItOpensNext) {
    auto config = parse_site_config(example().dump());
    ASSERT_TRUE(config);
    const OpeningHours& hours = *config->opening_hours;
    // 2026-11-23 is a Monday: 08:00-20:00. Saturday has a lunch break; Sunday is closed.
    EXPECT_FALSE(hours.is_open(local_time(2026, 11, 23, 7, 59)));
    EXPECT_TRUE(hours.is_open(local_time(2026, 11, 23, 8, 0)));
    EXPECT_TRUE(hours.is_open(local_time(2026, 11, 23, 19, 59)));
    EXPECT_FALSE(hours.is_open(local_time(2026, 11, 23, 20, 0)));
    EXPECT_EQ(hours.next_opening(local_time(2026, 11, 23, 6, 30)), "2026-11-23 08:00");
    EXPECT_EQ(hours.next_opening(local_time(2026, 11, 23, 21, 0)), "2026-11-24 08:00");
    EXPECT_FALSE(hours.is_open(local_time(2026, 11, 28, 12, 30)));  // Saturday lunch
    EXPECT_EQ(hours.next_opening(local_time(2026, 11, 28, 12, 30)), "2026-11-28 13:00");
    EXPECT_FALSE(hours.is_open(local_time(2026, 11, 29, 10, 0)));                        // Sunday
    EXPECT_EQ(hours.next_opening(local_time(2026, 11, 28, 18, 0)), "2026-11-30 08:00");  // over Sunday
    EXPECT_EQ(hours.next_opening(local_time(2026, 12, 31, 21, 0)), "2027-01-01 08:00");  // a Thursday
}

class SiteSettingsTest : public ::testing::Test {
  protected:
    void TearDown() override { set_text_overrides({}); }

    static std::time_t at(int year, int month, int day, int hour, int minute) {
        std::tm t = local_time(year, month, day, hour, minute);
        return std::mktime(&t);
    }

    Catalogue catalogue_ = default_catalogue();
    std::optional<SessionEngine> engine_;
};

TEST_F(SiteSettingsTest, PutsTheCatalogueTextsAndTimingsInForceAndBackWhenLeftOut) {
    EngineConfig base;
    base.idle_timeout = Millis(60'000);
    SiteSettings site(catalogue_, base, engine_);
    ASSERT_TRUE(engine_);
    ASSERT_NE(engine_->catalogue().find("newborn_entry"), nullptr);
    const std::string built_in_title(text(Language::English, "attract.title"));

    auto pushed = parse_site_config(example().dump());
    ASSERT_TRUE(pushed);
    site.put_in_force(*pushed);
    EXPECT_EQ(site.version(), "2026.11.2");
    EXPECT_EQ(&engine_->catalogue(), &catalogue_) << "the engine and the receipts read the same catalogue";
    EXPECT_EQ(engine_->catalogue().find("newborn_entry"), nullptr);
    EXPECT_EQ(engine_->config().idle_timeout, Millis(90'000));
    EXPECT_EQ(text(Language::English, "attract.title"), "Yanbian household registration self-service");
    EXPECT_EQ(text(Language::Korean, "attract.title"), "연변주 호적 업무 셀프서비스");

    auto bare = parse_site_config(R"({"format":"hukiosk-site-config/1","version":"2026.11.3"})");
    ASSERT_TRUE(bare);
    site.put_in_force(*bare);
    EXPECT_NE(engine_->catalogue().find("newborn_entry"), nullptr);
    EXPECT_EQ(engine_->config().idle_timeout, Millis(60'000));
    EXPECT_EQ(text(Language::English, "attract.title"), built_in_title);
}

TEST_F(SiteSettingsTest, AnnouncesOpeningAndClosingOnlyWhenTheyChange) {
    SiteSettings site(catalogue_, {}, engine_);
    EXPECT_FALSE(site.on_time(at(2026, 11, 23, 22, 0))) << "no hours: always open, nothing to announce";
    auto pushed = parse_site_config(example().dump());
    ASSERT_TRUE(pushed);
    site.put_in_force(*pushed);
    auto closed = site.on_time(at(2026, 11, 23, 22, 0));
    ASSERT_TRUE(closed);
    EXPECT_FALSE(closed->open);
    EXPECT_EQ(closed->reopens, "2026-11-24 08:00");
    EXPECT_FALSE(site.on_time(at(2026, 11, 23, 23, 0)));
    auto opened = site.on_time(at(2026, 11, 24, 8, 0));
    ASSERT_TRUE(opened);
    EXPECT_TRUE(opened->open);
    EXPECT_FALSE(site.on_time(at(2026, 11, 24, 9, 0)));
}

}  // namespace
}  // namespace hk::kiosk
