// The DDI messages as hawkBit writes them, and what a hostile or broken server might send instead.
#include "update/ddi_messages.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace hk::update {
namespace {

using nlohmann::json;

const std::string kHash(64, 'a');

json deployment_doc() {
    return json::parse(R"({
      "id": "17",
      "deployment": {
        "download": "forced", "update": "attempt", "maintenanceWindow": "available",
        "chunks": [{
          "part": "os", "version": "1.4.0", "name": "hukiosk",
          "artifacts": [
            {"filename": "notes.txt", "hashes": {"sha256": ")" +
                       kHash + R"("}, "size": 10,
             "_links": {"download-http": {"href": "http://x/notes.txt"}}},
            {"filename": "hukiosk-1.4.0.raucb", "hashes": {"sha1": "x", "md5": "y", "sha256": ")" +
                       std::string(64, 'B') + R"("}, "size": 123456,
             "_links": {"download-http": {"href": "https://upd.example/DEFAULT/controller/v1/k1/softwaremodules/3/artifacts/b.raucb"},
                        "md5sum-http": {"href": "https://upd.example/x.MD5SUM"}}}
          ]
        }]
      }
    })");
}

TEST(DdiPoll, ReadsSleepAndLinks) {
    auto answer = parse_poll_answer(R"({"config":{"polling":{"sleep":"01:02:03"}},
        "_links":{"deploymentBase":{"href":"https://s/DEFAULT/controller/v1/k1/deploymentBase/5?c=-21"},
                  "configData":{"href":"https://s/DEFAULT/controller/v1/k1/configData"}}})");
    ASSERT_TRUE(answer) << answer.error();
    EXPECT_EQ(answer->sleep, std::chrono::seconds(3723));
    EXPECT_EQ(answer->deployment_url, "https://s/DEFAULT/controller/v1/k1/deploymentBase/5?c=-21");
    EXPECT_TRUE(answer->config_data_url);
    EXPECT_FALSE(answer->cancel_url);
    EXPECT_EQ(action_id_from_link(*answer->deployment_url).value(), "5");
}

TEST(DdiPoll, NothingToDoIsFine) {
    auto answer = parse_poll_answer(R"({"config":{"polling":{"sleep":"00:05:00"}}})");
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->sleep, std::chrono::seconds(300));
    EXPECT_FALSE(answer->deployment_url);
}

TEST(DdiPoll, RefusesWhatIsNotADdiAnswer) {
    for (const char* body :
         {"", "[]", "null", "{", R"({"config":{"polling":{"sleep":"5 minutes"}}})",
          R"({"config":{"polling":{"sleep":"00:61:00"}}})", R"({"config":{"polling":{}}})"}) {
        EXPECT_FALSE(parse_poll_answer(body)) << body;
    }
    EXPECT_FALSE(parse_poll_answer(std::string(300 * 1024, ' ')));
}

TEST(DdiPoll, IgnoresLinksThatAreNotHttp) {
    auto answer = parse_poll_answer(R"({"_links":{"deploymentBase":{"href":"file:///etc/passwd"},
                                                  "cancelAction":{"href":42}}})");
    ASSERT_TRUE(answer);
    EXPECT_FALSE(answer->deployment_url);
    EXPECT_FALSE(answer->cancel_url);
}

TEST(DdiPollingSleep, ParsesAndRefuses) {
    EXPECT_EQ(parse_polling_sleep("00:00:30").value(), std::chrono::seconds(30));
    EXPECT_EQ(parse_polling_sleep("12:00:00").value(), std::chrono::hours(12));
    for (const char* text : {"", "30", "00:30", "-1:00:00", "00:00:60", "aa:bb:cc", "00:00:3x", "1:2:3:4"}) {
        EXPECT_FALSE(parse_polling_sleep(text)) << text;
    }
}

TEST(DdiActionLink, TakesOnlyDigits) {
    EXPECT_EQ(action_id_from_link("https://s/t/controller/v1/k/cancelAction/99").value(), "99");
    EXPECT_FALSE(action_id_from_link("https://s/t/controller/v1/k/deploymentBase/../x"));
    EXPECT_FALSE(action_id_from_link("https://s/t/controller/v1/k/deploymentBase/"));
    EXPECT_FALSE(action_id_from_link("https://s/deploymentBase/1234567890123456789012"));
}

TEST(DdiDeployment, ReadsTheOneBundle) {
    auto deployment = parse_deployment(deployment_doc().dump());
    ASSERT_TRUE(deployment) << deployment.error();
    EXPECT_EQ(deployment->action_id, "17");
    EXPECT_EQ(deployment->download, Handling::Forced);
    EXPECT_EQ(deployment->update, Handling::Attempt);
    EXPECT_TRUE(deployment->in_maintenance_window);
    EXPECT_EQ(deployment->version, "1.4.0");
    EXPECT_EQ(deployment->payload, Payload::Bundle);
    EXPECT_EQ(deployment->artifact.filename, "hukiosk-1.4.0.raucb");
    EXPECT_EQ(deployment->artifact.sha256, std::string(64, 'b'));  // lower-cased
    EXPECT_EQ(deployment->artifact.size, 123456U);
    EXPECT_TRUE(deployment->artifact.url.ends_with("/b.raucb"));
}

// A configuration chunk: a software module of type hukiosk-config holding the signed document.
json configuration_doc() {
    json doc = deployment_doc();
    json& chunk = doc["deployment"]["chunks"][0];
    chunk["part"] = "hukiosk-config";
    chunk["version"] = "2026.11.2";
    chunk["artifacts"][1]["filename"] = "site-2026.11.2.p7m";
    return doc;
}

TEST(DdiDeployment, ReadsAConfigurationModule) {
    auto deployment = parse_deployment(configuration_doc().dump());
    ASSERT_TRUE(deployment) << deployment.error();
    EXPECT_EQ(deployment->payload, Payload::Configuration);
    EXPECT_EQ(deployment->version, "2026.11.2");
    EXPECT_EQ(deployment->artifact.filename, "site-2026.11.2.p7m");
}

TEST(DdiDeployment, RefusesABundleAndAConfigurationInOneAction) {
    json doc = configuration_doc();
    doc["deployment"]["chunks"].push_back(deployment_doc()["deployment"]["chunks"][0]);
    auto mixed = parse_deployment(doc.dump());
    ASSERT_FALSE(mixed);
    EXPECT_NE(mixed.error().find("apart"), std::string::npos);
    // A .p7m outside a configuration module, or a .raucb inside one, is not taken for the other.
    json stray = deployment_doc();
    stray["deployment"]["chunks"][0]["artifacts"][1]["filename"] = "site.p7m";
    EXPECT_FALSE(parse_deployment(stray.dump()));
    json renamed = configuration_doc();
    renamed["deployment"]["chunks"][0]["artifacts"][1]["filename"] = "hukiosk-2.0.raucb";
    EXPECT_FALSE(parse_deployment(renamed.dump()));
}

TEST(DdiDeployment, NumericIdAndClosedWindow) {
    json doc = deployment_doc();
    doc["id"] = 17;
    doc["deployment"]["maintenanceWindow"] = "unavailable";
    auto deployment = parse_deployment(doc.dump());
    ASSERT_TRUE(deployment);
    EXPECT_EQ(deployment->action_id, "17");
    EXPECT_FALSE(deployment->in_maintenance_window);
}

TEST(DdiDeployment, RefusesHostileShapes) {
    auto broken = [](auto change) {
        json doc = deployment_doc();
        change(doc);
        return doc.dump();
    };
    json::json_pointer bundle("/deployment/chunks/0/artifacts/1");
    const std::vector<std::string> bodies = {
        broken([](json& d) { d["id"] = "17; rm -rf"; }),
        broken([](json& d) { d["id"] = -3; }),
        broken([](json& d) { d.erase("deployment"); }),
        broken([](json& d) { d["deployment"]["update"] = "now"; }),
        broken([](json& d) { d["deployment"]["maintenanceWindow"] = "maybe"; }),
        broken([](json& d) { d["deployment"]["chunks"] = json::array(); }),
        broken([&](json& d) { d[bundle]["filename"] = "../../etc/x.raucb"; }),
        broken([&](json& d) { d[bundle]["hashes"]["sha256"] = "abc"; }),
        broken([&](json& d) { d[bundle]["hashes"].erase("sha256"); }),
        broken([&](json& d) { d[bundle]["size"] = 0; }),
        broken([&](json& d) { d[bundle]["size"] = -1; }),
        broken([&](json& d) { d[bundle]["size"] = 1ULL << 40U; }),
        broken([&](json& d) { d[bundle]["_links"] = json::object(); }),
        broken([&](json& d) { d[bundle]["_links"]["download-http"]["href"] = "ftp://x/b.raucb"; }),
        broken([&](json& d) { d["deployment"]["chunks"][0]["artifacts"].erase(1); }),  // no bundle at all
        broken([&](json& d) {  // two bundles in one action
            d["deployment"]["chunks"].push_back(d["deployment"]["chunks"][0]);
        }),
    };
    for (const auto& body : bodies) EXPECT_FALSE(parse_deployment(body)) << body;
}

TEST(DdiCancel, ReadsStopId) {
    auto request = parse_cancel_request(R"({"id":"11","cancelAction":{"stopId":"10"}})");
    ASSERT_TRUE(request);
    EXPECT_EQ(request->action_id, "11");
    EXPECT_EQ(request->stop_id, "10");
    EXPECT_FALSE(parse_cancel_request(R"({"id":"11"})"));
    EXPECT_FALSE(parse_cancel_request(R"({"id":"11","cancelAction":{"stopId":"x"}})"));
}

TEST(DdiFeedback, WritesTheDocumentedShape) {
    const json written = json::parse(feedback_json({.execution = Execution::Closed,
                                                    .finished = Finished::Failure,
                                                    .progress = {{2, 5}},
                                                    .details = {"404"}}));
    EXPECT_EQ(written["status"]["execution"], "closed");
    EXPECT_EQ(written["status"]["result"]["finished"], "failure");
    EXPECT_EQ(written["status"]["result"]["progress"]["cnt"], 2);
    EXPECT_EQ(written["status"]["result"]["progress"]["of"], 5);
    EXPECT_EQ(written["status"]["details"][0], "404");
    // Invalid UTF-8 in a detail (a file name, a RAUC message) never makes an invalid document.
    const json odd = json::parse(feedback_json({.details = {std::string("bad \xff byte")}}));
    EXPECT_EQ(odd["status"]["details"].size(), 1U);
}

TEST(DdiConfigData, MergesAttributes) {
    const json written = json::parse(config_data_json({{"version", "1.2.0"}, {"province", "JL"}}));
    EXPECT_EQ(written["mode"], "merge");
    EXPECT_EQ(written["data"]["version"], "1.2.0");
    EXPECT_EQ(written["data"]["province"], "JL");
}

}  // namespace
}  // namespace hk::update
