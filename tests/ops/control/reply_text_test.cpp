// The technician's words for each control reply: what kioskctl prints and the service screen shows.
#include <gtest/gtest.h>

#include "ops/control/reply_text.h"

namespace hk::ops {
namespace {

using nlohmann::json;

TEST(ReplyText, StatusNamesTheKioskItsStateAndEachDevice) {
    const json answer{
        {"kiosk_id", "kiosk-7"},
        {"version", "1.2.3"},
        {"in_service", false},
        {"screen", "out_of_service"},
        {"session_active", false},
        {"maintenance", true},
        {"uptime_s", 42},
        {"devices",
         {{{"device", "a4_printer"}, {"ready", false}, {"fault_code", "A4P-06"}, {"detail", "jam"}},
          {{"device", "chip_reader"}, {"ready", true}}}}};
    const ReplyText shown = reply_text("status", answer);
    EXPECT_TRUE(shown.well);
    EXPECT_NE(shown.text.find("kiosk kiosk-7 version 1.2.3: OUT OF SERVICE, screen out_of_service, idle, "
                              "maintenance requested, up 42 s"),
              std::string::npos)
        << shown.text;
    EXPECT_NE(shown.text.find("a4_printer          FAULTED  A4P-06  jam"), std::string::npos) << shown.text;
    EXPECT_NE(shown.text.find("chip_reader         ready    -"), std::string::npos) << shown.text;
    json closed = answer;
    closed["maintenance"] = false;
    closed["closed_until"] = "2026-11-25 08:00";
    EXPECT_NE(reply_text("status", closed)
                  .text.find("idle, closed by its opening hours until 2026-11-25 08:00, up"),
              std::string::npos)
        << reply_text("status", closed).text;
}

TEST(ReplyText, AFailedSelfTestIsNotWellAndShowsItsChecks) {
    const json answer{{"passed", false},
                      {"results",
                       {{{"device", "receipt_printer"},
                         {"passed", false},
                         {"fault_code", "RCP-03"},
                         {"summary", "paper out"},
                         {"checks", {{"paper", "out"}}}}}}};
    const ReplyText shown = reply_text("selftest", answer);
    EXPECT_FALSE(shown.well);
    EXPECT_NE(shown.text.find("FAIL receipt_printer     RCP-03  paper out"), std::string::npos) << shown.text;
    EXPECT_NE(shown.text.find("       paper: out"), std::string::npos) << shown.text;
    EXPECT_TRUE(reply_text("selftest", json{{"passed", true}, {"results", json::array()}}).well);
}

TEST(ReplyText, ABrokenAuditLogIsNotWellAndListsItsProblems) {
    const ReplyText shown =
        reply_text("audit-verify",
                   json{{"intact", false}, {"records", 12}, {"problems", {"record 7: hash does not chain"}}});
    EXPECT_FALSE(shown.well);
    EXPECT_EQ(shown.text, "audit log NOT INTACT: 12 records\n  record 7: hash does not chain\n");
}

TEST(ReplyText, CountersShowTheirLabels) {
    const json answer =
        json::array({{{"name", "certificates"}, {"labels", {{"type", "relationship"}}}, {"value", 3}},
                     {{"name", "sessions"}, {"labels", json::object()}, {"value", 9}}});
    EXPECT_EQ(reply_text("counters", answer).text, "certificates{type=relationship} 3\nsessions 9\n");
}

TEST(ReplyText, UpdateStatusSaysWhatTheAgentDoesAndIsNotWellAfterAFailure) {
    const json downloading{{"enabled", true},       {"phase", "downloading"},     {"action_id", "17"},
                           {"version", "1.2.0"},    {"running_version", "1.1.0"}, {"bytes_downloaded", 4096},
                           {"last_poll_error", ""}, {"last_outcome", nullptr}};
    const ReplyText busy = reply_text("update-status", downloading);
    EXPECT_TRUE(busy.well);
    EXPECT_NE(
        busy.text.find("update agent: downloading; running 1.1.0; site configuration built-in; action 17 "
                       "(bundle 1.2.0, 4096 bytes"),
        std::string::npos)
        << busy.text;
    json failed = downloading;
    failed["phase"] = "idle";
    failed["last_outcome"] = {{"version", "1.2.0"}, {"outcome", "failure"}, {"detail", "404"}, {"at", "T"}};
    EXPECT_FALSE(reply_text("update-status", failed).well);
    json unreachable = downloading;
    unreachable["last_poll_error"] = "rollout server answered 401";
    const ReplyText refused = reply_text("update-status", unreachable);
    EXPECT_FALSE(refused.well);
    EXPECT_NE(refused.text.find("last poll failed: rollout server answered 401"), std::string::npos);
    EXPECT_TRUE(reply_text("update-status", json{{"enabled", false}, {"note", "no rollout server"}}).well);
    const ReplyText history =
        reply_text("update-history", json{{"enabled", true},
                                          {"history", json::array({{{"action_id", "3"},
                                                                    {"version", "1.1.0"},
                                                                    {"outcome", "success"},
                                                                    {"detail", "ok"},
                                                                    {"at", "T"}}})}});
    EXPECT_NE(history.text.find("action 3  bundle 1.1.0  success"), std::string::npos) << history.text;
}

TEST(ReplyText, UpdateStatusNamesTheSiteConfigurationAndAConfigurationAction) {
    const json answer{{"enabled", true},
                      {"phase", "waiting"},
                      {"payload", "configuration"},
                      {"action_id", "21"},
                      {"version", "2026.11.3"},
                      {"running_version", "1.1.0"},
                      {"site_config_version", "2026.11.2"},
                      {"last_outcome",
                       {{"payload", "configuration"},
                        {"version", "2026.11.2"},
                        {"outcome", "success"},
                        {"detail", "configuration 2026.11.2 in force"},
                        {"at", "T"}}}};
    const ReplyText text = reply_text("update-status", answer);
    EXPECT_TRUE(text.well);
    EXPECT_NE(text.text.find("site configuration 2026.11.2; action 21 (configuration 2026.11.3"),
              std::string::npos)
        << text.text;
    EXPECT_NE(text.text.find("last update: configuration 2026.11.2 success"), std::string::npos) << text.text;
}

TEST(ReplyText, AnswersOfTheWrongShapeNeverThrowAndShowDashes) {
    for (const char* command :
         {"status", "devices", "selftest", "test-print", "test-scan", "nfc-field-test", "counters", "logs",
          "readiness-report", "maintenance", "audit-verify", "metrics", "update-status", "update-check",
          "update-history", "something-new"}) {
        for (const json& answer :
             {json(), json(17), json("text"), json::array({1, "x", nullptr}),
              json{{"devices", 5}, {"results", "x"}, {"passed", "yes"}, {"records", "many"}}}) {
            EXPECT_NO_THROW((void)reply_text(command, answer)) << command << " " << answer.dump();
        }
    }
    EXPECT_FALSE(reply_text("test-scan", json::object()).well);
    EXPECT_FALSE(reply_text("nfc-field-test", json{{"field", true}, {"card_seen", false}}).well);
}

}  // namespace
}  // namespace hk::ops
